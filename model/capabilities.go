package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a server version as api/server/version prints it (9.9.8.100196, 2025.1.0.102418).
type Version struct {
	Major, Minor, Patch, Build int
	Raw                        string
}

// ParseVersion reads a dotted version with at least a major and a minor part.
func ParseVersion(s string) (Version, error) {
	raw := strings.TrimSpace(s)
	parts := strings.Split(raw, ".")
	if len(parts) < 2 || len(parts) > 4 {
		return Version{}, fmt.Errorf("not a SonarQube version: %q", truncate(raw, 40))
	}
	nums := [4]int{}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Version{}, fmt.Errorf("not a SonarQube version: %q", truncate(raw, 40))
		}
		nums[i] = n
	}
	return Version{Major: nums[0], Minor: nums[1], Patch: nums[2], Build: nums[3], Raw: raw}, nil
}

// AtLeast reports whether v is major.minor or newer.
func (v Version) AtLeast(major, minor int) bool {
	if v.Major != major {
		return v.Major > major
	}
	return v.Minor >= minor
}

// String returns the version as the server printed it.
func (v Version) String() string {
	if v.Raw != "" {
		return v.Raw
	}
	return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
}

// Short returns major.minor, e.g. "9.9" or "2025.1".
func (v Version) Short() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }

// Capabilities is what a server version supports; later and unknown versions have everything.
type Capabilities struct {
	TokenTypes        bool // type and projectKey on generate, type/project on search (9.5)
	TokenPrefixes     bool // squ_/sqa_/sqp_ values (9.5)
	Expiration        bool // expirationDate on generate and search (9.6)
	IsExpiredField    bool // search reports isExpired (9.7; computed locally otherwise)
	MaxLifetime       bool // sonar.auth.token.max.allowed.lifetime (9.7)
	ExpirationHeader  bool // SonarQube-Authentication-Token-Expiration (9.6)
	BearerAuth        bool // Authorization: Bearer (10.0)
	ScannableProjects bool // api/projects/search_my_scannable_projects (9.5)
	UsersV2           bool // api/v2/users-management/users (10.4)
	UsersSearchLegacy bool // api/users/search still answers (every version in scope)
	// Cloud: only the caller's own tokens, no types, removal after 60 days unused.
	Cloud bool
}

// CapabilitiesOf returns what version v supports.
func CapabilitiesOf(v Version) Capabilities {
	return Capabilities{
		TokenTypes:        v.AtLeast(9, 5),
		TokenPrefixes:     v.AtLeast(9, 5),
		Expiration:        v.AtLeast(9, 6),
		IsExpiredField:    v.AtLeast(9, 7),
		MaxLifetime:       v.AtLeast(9, 7),
		ExpirationHeader:  v.AtLeast(9, 6),
		BearerAuth:        v.AtLeast(10, 0),
		ScannableProjects: v.AtLeast(9, 5),
		UsersV2:           v.AtLeast(10, 4),
		UsersSearchLegacy: true,
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
