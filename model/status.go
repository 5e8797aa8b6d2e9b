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

// DefaultExpiringWithin matches SonarQube's expiry email, 7 days before.
const DefaultExpiringWithin = 7 * 24 * time.Hour

// String returns the name used in JSON and on the command line.
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

// IsExpiredAt reports whether the token is expired at now; at the instant
// itself it is not yet, as on the server (expirationDate < now).
func (t Token) IsExpiredAt(now time.Time) bool {
	if t.Expired {
		return true
	}
	return t.ExpiresAt != nil && t.ExpiresAt.Before(now)
}

// StatusAt returns the status at now; within is the expiring window.
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

// DaysLeft returns the whole days until expiry, rounded up; false when none.
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

// UnusedFor reports a token not used in the last d (never used: once older than d).
func (t Token) UnusedFor(now time.Time, d time.Duration) bool {
	last := t.CreatedAt
	if t.LastUsed != nil {
		last = *t.LastUsed
	}
	return now.Sub(last) > d
}
