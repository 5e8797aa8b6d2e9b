package model

import "time"

// SessionHint is what a client knows of the token it is signed in with.
// SonarQube does not say which token authenticated a request: only the
// signed-in user, the SonarQube-Authentication-Token-Expiration header of
// its answers (absent for a token without expiry, and wherever a proxy
// drops it) and the value's prefix (its type) hint at it.
type SessionHint struct {
	// Login is the signed-in user's login.
	Login string
	// Type is the type of the session token's value (TypeOfValue);
	// TypeUnknown for a prefix-less value, which matches any type.
	Type TokenType
	// Expiration is the header's date, when HasExpiration.
	Expiration time.Time
	// HasExpiration reports whether the server sent the header. Without
	// it, nothing tells the session's token by its expiry.
	HasExpiration bool
}

// MayBeSession reports whether t may be the token the session is signed
// in with: it belongs to the signed-in user, is not expired at now, has
// the type of the session value's prefix, and expires within a day of the
// header's date. Without the header, any such token may be the session's,
// whatever its expiry: SonarQube leaves the header out for a token
// without expiry, but a proxy may drop it for any token, and a guard that
// took its absence to mean "no expiry" let housekeeping revoke the
// session's own token.
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

// ByLastUse orders tokens that may be the session's so that the likelier
// comes later: the session's own token has just been used (SonarQube
// records a token's last use at most hourly), so one used more recently
// is likelier than one used long ago or never. A revocation of several
// such tokens takes them in this order, so that the session's token is
// most likely revoked after the others, which it would sign out.
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
