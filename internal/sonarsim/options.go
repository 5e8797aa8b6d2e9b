package sonarsim

import (
	"fmt"
	"slices"
	"strings"
)

// Editions returns the names of the SonarQube editions the server can
// pretend to be, smallest first.
func Editions() []string {
	return []string{EditionCommunity, EditionDeveloper, EditionEnterprise, EditionDataCenter}
}

// Edition names of Options.Edition.
const (
	EditionCommunity  = "community"
	EditionDeveloper  = "developer"
	EditionEnterprise = "enterprise"
	EditionDataCenter = "datacenter"
	// DefaultEdition is used when Options.Edition is empty: every feature
	// of the API can be tried on it.
	DefaultEdition = EditionEnterprise
)

// Validate reports the first option a server cannot start with, in a
// sentence: an unknown version profile or edition, a MaxTokenLifetime that
// is not one of the setting's values or that the edition does not enforce,
// a context path SonarQube would refuse.
func (o Options) Validate() error {
	if o.Cloud && o.Version != "" {
		return fmt.Errorf("sonarsim: SonarQube Cloud has no version profile: leave Version (%q) empty with Cloud", o.Version)
	}
	if _, err := lookupProfile(o.Version); err != nil {
		return err
	}
	if !ValidEdition(o.Edition) {
		return fmt.Errorf("sonarsim: unknown edition %q (supported: %s)", o.Edition, strings.Join(Editions(), ", "))
	}
	if !validLifetime(o.MaxTokenLifetime) {
		return fmt.Errorf("sonarsim: invalid MaxTokenLifetime %q", o.MaxTokenLifetime)
	}
	if o.Cloud && o.MaxTokenLifetime != "" {
		return fmt.Errorf("sonarsim: SonarQube Cloud has no %s setting", maxLifetimeKey)
	}
	if o.MaxTokenLifetime != "" && !editionEnforcesLifetime(o.Edition) {
		return fmt.Errorf("sonarsim: the %s edition has no maximum token lifetime: SonarQube defines and enforces %s only in the Enterprise and Data Center editions", o.Edition, maxLifetimeKey)
	}
	if err := ValidContextPath(o.ContextPath); err != nil {
		return fmt.Errorf("sonarsim: %w", err)
	}
	return nil
}

// editionEnforcesLifetime reports whether the edition defines and enforces
// sonar.auth.token.max.allowed.lifetime (Enterprise and Data Center).
func editionEnforcesLifetime(e string) bool {
	return e == "" || e == EditionEnterprise || e == EditionDataCenter
}

// ValidEdition reports whether e names an edition ("" is the default).
func ValidEdition(e string) bool {
	return e == "" || slices.Contains(Editions(), e)
}

// ValidContextPath checks a context path as SonarQube checks
// sonar.web.context: empty or "/" (both mean the root), or starting with "/"
// and, as Tomcat needs, not ending with "/".
func ValidContextPath(p string) error {
	if p == "" || p == "/" {
		return nil
	}
	if !strings.HasPrefix(p, "/") {
		return fmt.Errorf("context path %q must start with a slash, like /sonarqube", p)
	}
	if strings.HasSuffix(p, "/") {
		return fmt.Errorf("context path %q must not end with a slash", p)
	}
	return nil
}
