package model

import (
	"math"
	"time"
)

// Status is a token's state at a given instant.
type Status int

// The statuses, in order of urgency for sorting.
const (
	StatusExpired Status = iota
	StatusExpiring
	StatusActive
	StatusNoExpiration
)

// DefaultExpiringWithin is the window in which a token counts as expiring
// soon: SonarQube mails its owner 7 days before expiry.
const DefaultExpiringWithin = 7 * 24 * time.Hour

// String returns the status's name as used in JSON and on the command line:
// active, expiring, expired or no-expiration.
func (s Status) String() string {
	switch s {
	case StatusExpired:
		return "expired"
	case StatusExpiring:
		return "expiring"
	case StatusActive:
		return "active"
	case StatusNoExpiration:
		return "no-expiration"
	}
	return "unknown"
}

// ParseStatus reads a status name as String writes it.
func ParseStatus(s string) (Status, bool) {
	for _, st := range []Status{StatusExpired, StatusExpiring, StatusActive, StatusNoExpiration} {
		if st.String() == s {
			return st, true
		}
	}
	return 0, false
}

// IsExpiredAt reports whether the token is expired at now: the server said
// so, or its expiration instant is before now. At the very instant of expiry
// the token is not yet expired, as on the server (UserTokenDto.isExpired:
// expirationDate < now).
func (t Token) IsExpiredAt(now time.Time) bool {
	if t.Expired {
		return true
	}
	return t.ExpiresAt != nil && t.ExpiresAt.Before(now)
}

// StatusAt returns the token's status at now; within is the window in which
// a token with an expiration date counts as expiring.
func (t Token) StatusAt(now time.Time, within time.Duration) Status {
	switch {
	case t.IsExpiredAt(now):
		return StatusExpired
	case t.ExpiresAt == nil:
		return StatusNoExpiration
	case t.ExpiresAt.Sub(now) <= within:
		return StatusExpiring
	default:
		return StatusActive
	}
}

// DaysLeft returns the whole days from now until the token expires,
// rounded up, so a token expiring in 30 hours has 2 days left. It returns
// false when the token has no expiration date.
func (t Token) DaysLeft(now time.Time) (int, bool) {
	if t.ExpiresAt == nil {
		return 0, false
	}
	d := t.ExpiresAt.Sub(now)
	if d <= 0 {
		return 0, true
	}
	return int(math.Ceil(d.Hours() / 24)), true
}

// UnusedFor reports whether the token was not used in the last d: never used
// tokens count as unused once they are older than d.
func (t Token) UnusedFor(now time.Time, d time.Duration) bool {
	last := t.CreatedAt
	if t.LastUsed != nil {
		last = *t.LastUsed
	}
	return now.Sub(last) > d
}
