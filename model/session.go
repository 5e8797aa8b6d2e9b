package model

import "time"

// SessionHint is what hints at the session's token: SonarQube does not say which
// token authenticated.
type SessionHint struct {
	// Login is the signed-in user's login.
	Login string
	// Type is TypeOfValue of the session value; TypeUnknown matches any type.
	Type TokenType
	// Expiration is the header's date, when HasExpiration.
	Expiration time.Time
	// HasExpiration reports whether the server sent the header.
	HasExpiration bool
}

// MayBeSession reports whether t may be the session's token; without the expiry
// header (a proxy may drop it) any unexpired token of the user may be.
func (h SessionHint) MayBeSession(t Token, now time.Time) bool {
	if h.Login == "" || t.Login != h.Login || t.IsExpiredAt(now) {
		return false
	}
	if h.Type != TypeUnknown && t.Type != TypeUnknown && t.Type != h.Type {
		return false
	}
	if !h.HasExpiration {
		return true
	}
	if t.ExpiresAt == nil {
		return false
	}
	d := t.ExpiresAt.Sub(h.Expiration)
	return d > -24*time.Hour && d < 24*time.Hour
}

// ByLastUse puts likelier session tokens last (the session's was just used),
// so a bulk revoke signs the user out only after the others.
func ByLastUse(a, b Token) int {
	switch {
	case a.LastUsed == nil && b.LastUsed == nil:
		return 0
	case a.LastUsed == nil:
		return -1
	case b.LastUsed == nil:
		return 1
	}
	return a.LastUsed.Compare(*b.LastUsed)
}
