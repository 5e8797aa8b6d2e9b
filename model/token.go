package model

import "time"

// Token is one user token as SonarQube lists it. It never holds the token's
// secret value: that exists only in a NewToken right after generation.
type Token struct {
	Login       string
	Name        string
	Type        TokenType // TypeUnknown when the server has no token types
	ProjectKey  string    // set for project analysis tokens
	ProjectName string
	CreatedAt   time.Time
	// LastUsed is nil when the token was never used.
	LastUsed *time.Time
	// ExpiresAt is nil when the token never expires (or the server has no
	// expiration, before 9.6).
	ExpiresAt *time.Time
	// Expired is the server's isExpired, or computed by the client when the
	// server does not report it.
	Expired bool
	// Raw holds the dates as the server wrote them when they are not
	// ServerTimeLayout of the instants above (nil otherwise, which is
	// SonarQube's own text): see ServerText.
	Raw *RawDates
	// Owner is what the user listing of a review said of the token's
	// owner (shared by the owner's tokens); nil when the token did not
	// come from one (a list of one user's tokens).
	Owner *OwnerActivity
}

// OwnerActivity is when a token's owner last signed in, as the user
// listing reported it: the later of lastConnectionDate (api/users/search)
// or sonarQubeLastConnectionDate (API v2) and sonarLintLastConnectionDate.
// A listing that dates no user at all says nothing of who signed in (a
// server or a proxy that leaves the dates out): its owners' sign-ins are
// unknown, and the token then carries none (Token.Owner nil), never an
// OwnerActivity that would read as "never signed in".
type OwnerActivity struct {
	// LastSignIn is nil when the owner never signed in.
	LastSignIn *time.Time
}

// RawDates are a token's dates as the server wrote them ("" when absent).
type RawDates struct {
	CreatedAt, LastUsed, ExpiresAt string
}

// ServerTimeLayout is SonarQube's date format (DateUtils.DATETIME_FORMAT).
const ServerTimeLayout = "2006-01-02T15:04:05-0700"

// ServerText returns the server's own text of one of t's dates: raw as
// kept, or the instant in ServerTimeLayout, in the offset it was received
// in; "" for no date.
func ServerText(at *time.Time, raw string) string {
	if raw != "" {
		return raw
	}
	if at == nil || at.IsZero() {
		return ""
	}
	return at.Format(ServerTimeLayout)
}

// RawText returns the kept raw texts (empty when none was kept).
func (t Token) RawText() RawDates {
	if t.Raw == nil {
		return RawDates{}
	}
	return *t.Raw
}

// NewToken is a token right after generation, together with its value.
// The value is shown once and must be dropped when its reveal is closed.
type NewToken struct {
	Token
	Value Secret
}

// Project is a SonarQube project as listed by search_my_scannable_projects.
type Project struct {
	Key  string
	Name string
}

// User is one entry of the user list (api/users/search or the v2 API).
type User struct {
	Login  string
	Name   string
	Email  string
	Active bool
	// TokensCount is nil when the server does not report it (v2 API, or a
	// caller who is not an administrator).
	TokensCount *int
	// LastConnection is nil when absent: lastConnectionDate of
	// api/users/search, sonarQubeLastConnectionDate of API v2.
	LastConnection *time.Time
	// SonarLintLastConnection is nil when absent:
	// sonarLintLastConnectionDate (an IDE's connected mode).
	SonarLintLastConnection *time.Time
}

// LastSignIn is the later of the user's last connections to SonarQube
// and from SonarQube for IDE (SonarLint); nil when neither is known,
// which the listing means as never.
func (u User) LastSignIn() *time.Time {
	a, b := u.LastConnection, u.SonarLintLastConnection
	switch {
	case a == nil:
		return b
	case b == nil || !b.After(*a):
		return a
	}
	return b
}

// CurrentUser is the signed-in user, from api/users/current.
type CurrentUser struct {
	IsLoggedIn        bool
	Login             string
	Name              string
	GlobalPermissions []string
}

// HasGlobal reports whether the session holds the global permission key
// (admin, scan, provisioning, ...).
func (u CurrentUser) HasGlobal(permission string) bool {
	for _, p := range u.GlobalPermissions {
		if p == permission {
			return true
		}
	}
	return false
}

// IsAdmin reports whether the session may act on other users' tokens
// (global Administer System). Sessions opened with an analysis token never
// carry it.
func (u CurrentUser) IsAdmin() bool { return u.HasGlobal("admin") }

// CanScan reports whether the session holds the global Execute Analysis
// permission, which global analysis tokens need.
func (u CurrentUser) CanScan() bool { return u.HasGlobal("scan") }
