package sonarsim

import (
	"fmt"
	"strings"
)

// profile is one version's features, per the Web API reference's matrix.
type profile struct {
	name string // "8.9", "9.9", "10.6", "2025.1"
	full string // full version string answered by api/server/version

	tokenTypes     bool // type/projectKey on generate, type/project in search, squ_/sqa_/sqp_ prefixes (9.5)
	expiration     bool // expirationDate on generate and search, isExpired (9.6+)
	maxLifetime    bool // sonar.auth.token.max.allowed.lifetime (9.7)
	expiryHeader   bool // SonarQube-Authentication-Token-Expiration header
	bearer         bool // Authorization: Bearer (10.0)
	scannable      bool // api/projects/search_my_scannable_projects (9.5)
	usersV2        bool // api/v2/users-management/users (10.4)
	managedField   bool // "managed" in api/users/search (10.0)
	deactivatedArg bool // "deactivated" parameter of api/users/search (9.7)

	laxMethods      bool // 8.9's RequestVerifier: POST/HEAD on a GET action, PATCH, OPTIONS... are served
	unorderedTokens bool // api/user_tokens/search in insertion order: 8.9's mapper has no "order by"
}

var profiles = []profile{
	{name: "8.9", full: "8.9.10.61524", laxMethods: true, unorderedTokens: true},
	{
		name: "9.9", full: "9.9.8.100196",
		tokenTypes: true, expiration: true, maxLifetime: true, expiryHeader: true,
		scannable: true, deactivatedArg: true,
	},
	{
		name: "10.6", full: "10.6.0.92116",
		tokenTypes: true, expiration: true, maxLifetime: true, expiryHeader: true,
		bearer: true, scannable: true, usersV2: true, managedField: true, deactivatedArg: true,
	},
	{
		name: "2025.1", full: "2025.1.0.102418",
		tokenTypes: true, expiration: true, maxLifetime: true, expiryHeader: true,
		bearer: true, scannable: true, usersV2: true, managedField: true, deactivatedArg: true,
	},
}

// cloudProfile is SonarQube Cloud: expiration dates and Bearer only. Its
// version is a stand-in, which a client must not use to tell Cloud apart.
var cloudProfile = profile{name: "cloud", full: "8.0.0.0", expiration: true, bearer: true}

// DefaultVersion is the version profile used when Options.Version is empty.
const DefaultVersion = "10.6"

// Profiles returns the supported version profiles, oldest first.
func Profiles() []string {
	out := make([]string, len(profiles))
	for i, p := range profiles {
		out[i] = p.name
	}
	return out
}

// ValidVersion accepts a profile's short name or full version string.
func ValidVersion(v string) bool {
	_, err := lookupProfile(v)
	return err == nil
}

func lookupProfile(v string) (profile, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		v = DefaultVersion
	}
	for _, p := range profiles {
		if v == p.name || v == p.full || strings.HasPrefix(v, p.name+".") {
			return p, nil
		}
	}
	return profile{}, fmt.Errorf("sonarsim: unknown server version %q (supported: %s)", v, strings.Join(Profiles(), ", "))
}
