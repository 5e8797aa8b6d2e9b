package model

import "time"

// Token is one user token as listed; it never holds the secret value.
type Token struct {
	Login       string
	Name        string
	Type        TokenType // TypeUnknown when the server has no token types
	ProjectKey  string    // set for project analysis tokens
	ProjectName string
	CreatedAt   time.Time
	// LastUsed is nil when the token was never used.
	LastUsed *time.Time
	// ExpiresAt is nil when the token never expires (or before 9.6).
	ExpiresAt *time.Time
	// Expired is the server's isExpired, or computed when not reported.
	Expired bool
	// Raw holds the server's date text when ServerTimeLayout would not give it back.
	Raw *RawDates
	// Owner is what a review's user listing said of the owner; nil outside one.
	Owner *OwnerActivity
}

// OwnerActivity is when a token's owner last signed in; a listing that dates no
// user gives none, rather than one that reads as "never signed in".
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

// ServerText returns a date as the server wrote it; "" for none.
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

// NewToken is a just-generated token with its value, shown once.
type NewToken struct {
	Token
	Value Secret
}

// Project is a SonarQube project as listed by search_my_scannable_projects.
type Project struct {
	Key  string
	Name string
}

// User is one entry of the user list.
type User struct {
	Login  string
	Name   string
	Email  string
	Active bool
	// TokensCount is nil when not reported (v2 API, or not an administrator).
	TokensCount *int
	// LastConnection is nil when absent.
	LastConnection *time.Time
	// SonarLintLastConnection is nil when absent (an IDE's connected mode).
	SonarLintLastConnection *time.Time
}

// LastSignIn is the later of both connections; nil means never.
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

// HasGlobal reports whether the session holds a global permission key.
func (u CurrentUser) HasGlobal(permission string) bool {
	for _, p := range u.GlobalPermissions {
		if p == permission {
			return true
		}
	}
	return false
}

// IsAdmin reports whether the session may act on other users' tokens.
func (u CurrentUser) IsAdmin() bool { return u.HasGlobal("admin") }

// CanScan reports the global scan permission global analysis tokens need.
func (u CurrentUser) CanScan() bool { return u.HasGlobal("scan") }
