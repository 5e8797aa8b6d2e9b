package sonarsim

import (
	"fmt"
	"slices"
	"strings"
)

// Editions returns the editions the server can play, smallest first.
func Editions() []string {
	return []string{EditionCommunity, EditionDeveloper, EditionEnterprise, EditionDataCenter}
}

// Edition names of Options.Edition.
const (
	EditionCommunity  = "community"
	EditionDeveloper  = "developer"
	EditionEnterprise = "enterprise"
	EditionDataCenter = "datacenter"
	// DefaultEdition has every feature of the API.
	DefaultEdition = EditionEnterprise
)

// Validate reports, in a sentence, the first option a server cannot start with.
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

// editionEnforcesLifetime: Enterprise and Data Center.
func editionEnforcesLifetime(e string) bool {
	return e == "" || e == EditionEnterprise || e == EditionDataCenter
}

// ValidEdition reports whether e names an edition ("" is the default).
func ValidEdition(e string) bool {
	return e == "" || slices.Contains(Editions(), e)
}

// ValidContextPath checks sonar.web.context as SonarQube does: "", "/" or
// starting but (for Tomcat) not ending with "/".
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
