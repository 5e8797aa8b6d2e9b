package model

import (
	"fmt"
	"time"
)

// ExpiryReason says in words where a token stands on expiry at now:
// "expired on 2026-11-20", "expires in 3 days (within the 7-day email
// window)", "expires in 45 days", "never expires". within is the expiring
// window; its days are named when it is SonarQube's own 7 days, the window
// in which the server mails the owner.
func (t Token) ExpiryReason(now time.Time, within time.Duration) string {
	switch t.StatusAt(now, within) {
	case StatusExpired:
		if t.ExpiresAt == nil {
			return "expired (the server says so)"
		}
		return "expired on " + ExpiryDay(*t.ExpiresAt)
	case StatusNoExpiration:
		return "never expires"
	case StatusExpiring:
		d, _ := t.DaysLeft(now)
		s := "expires in " + plural(d, "day")
		if t.ExpiresAt.Sub(now) <= DefaultExpiringWithin {
			s += " (within the 7-day email window)"
		}
		return s
	case StatusActive:
	}
	d, _ := t.DaysLeft(now)
	return "expires in " + plural(d, "day")
}

// UseReason says in words when the token was last used, in whole days
// before now: "never used", "used today", "last used 3 days ago".
func (t Token) UseReason(now time.Time) string {
	if t.LastUsed == nil {
		return "never used"
	}
	d := int(now.Sub(*t.LastUsed) / (24 * time.Hour))
	if d <= 0 {
		return "used today"
	}
	return "last used " + plural(d, "day") + " ago"
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
