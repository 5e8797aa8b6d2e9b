package model

import (
	"fmt"
	"time"
)

// ExpiryReason says in words where a token stands on expiry at now:
// "expired on 2026-11-20", "expires in 3 days (within the 7-day email
// window)", "expires in 45 days", "never expires". within is the expiring
// window of StatusAt; a token expiring within it, and within SonarQube's
// own 7 days, in which the server mails the owner, is told so.
func (t Token) ExpiryReason(now time.Time, within time.Duration) string {
	status := t.StatusAt(now, within)
	switch status {
	case StatusExpired:
		if t.ExpiresAt == nil {
			return "expired (the server says so)"
		}
		return "expired on " + ExpiryDay(*t.ExpiresAt)
	case StatusNoExpiration:
		return "never expires"
	}
	d, _ := t.DaysLeft(now)
	s := "expires in " + plural(d, "day")
	if status == StatusExpiring && t.ExpiresAt.Sub(now) <= DefaultExpiringWithin {
		s += " (within the 7-day email window)"
	}
	return s
}

// UseReason says in words when the token was last used, in whole hours
// or days before now: "never used", "last used within the hour", "last
// used 5 hours ago", "last used 3 days ago".
func (t Token) UseReason(now time.Time) string {
	if t.LastUsed == nil {
		return "never used"
	}
	since := now.Sub(*t.LastUsed)
	switch {
	case since < time.Hour:
		return "last used within the hour"
	case since < 24*time.Hour:
		return "last used " + plural(int(since/time.Hour), "hour") + " ago"
	}
	return "last used " + plural(int(since/(24*time.Hour)), "day") + " ago"
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
