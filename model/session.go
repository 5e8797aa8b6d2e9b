package model

import "time"

// SessionHint is what a client knows of the token it is signed in with.
// SonarQube does not say which token authenticated a request: only the
// signed-in user, the SonarQube-Authentication-Token-Expiration header of
// its answers (absent for a token without expiry) and the value's prefix
// (its type) hint at it.
type SessionHint struct {
	// Login is the signed-in user's login.
	Login string
	// Type is the type of the session token's value (TypeOfValue);
	// TypeUnknown for a prefix-less value, which matches any type.
	Type TokenType
	// Expiration is the header's date, when HasExpiration.
	Expiration time.Time
	// HasExpiration reports whether the server sent the header.
	HasExpiration bool
}

// MayBeSession reports whether t may be the token the session is signed
// in with: it belongs to the signed-in user, is not expired at now, has
// the type of the session value's prefix, and expires within a day of the
// header's date (or, without the header, has no expiration).
func (h SessionHint) MayBeSession(t Token, now time.Time) bool {
	if h.Login == "" || t.Login != h.Login || t.IsExpiredAt(now) {
		return false
	}
	if h.Type != TypeUnknown && t.Type != TypeUnknown && t.Type != h.Type {
		return false
	}
	if !h.HasExpiration {
		return t.ExpiresAt == nil
	}
	if t.ExpiresAt == nil {
		return false
	}
	d := t.ExpiresAt.Sub(h.Expiration)
	return d > -24*time.Hour && d < 24*time.Hour
}
