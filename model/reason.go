package model

import (
	"fmt"
	"time"
)

// ExpiryReason says where a token stands on expiry, noting SonarQube's 7-day email.
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

// UseReason says when the token was last used, in hours or days.
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
