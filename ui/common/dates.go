package common

import (
	"fmt"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// Dates as every screen shows them, in one place: how long ago, the day
// in the user's zone, and the expiry day and cell.

// Relative says how long ago t was, with hour precision as the web page
// does: "never", "just now", "3 hours ago", "12 days ago".
func Relative(now time.Time, t *time.Time) string {
	if t == nil {
		return "never"
	}
	d := now.Sub(*t)
	switch {
	case d < time.Hour:
		return "just now"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	case d < 30*24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	case d < 365*24*time.Hour:
		return plural(int(d/(30*24*time.Hour)), "month") + " ago"
	}
	return plural(int(d/(365*24*time.Hour)), "year") + " ago"
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// Date formats the Created column: YYYY-MM-DD in the user's time zone
// loc (time.Local when nil).
func Date(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "–"
	}
	return model.DayIn(t, loc)
}

// ExpiryDay is a token's expiry day as every screen shows it (the day it
// was generated with, model.ExpiryDay), or "never".
func ExpiryDay(t model.Token) string {
	if t.ExpiresAt == nil {
		return "never"
	}
	return model.ExpiryDay(*t.ExpiresAt)
}

// Expires returns the Expires cell's text and the token's status at now:
// the date, "never", "expired DATE" (as SonarQube still shows the date of
// an expired token), or "in N days" within the 7-day window.
func Expires(t model.Token, now time.Time) (string, model.Status) {
	st := t.StatusAt(now, model.DefaultExpiringWithin)
	switch st {
	case model.StatusExpired:
		if t.ExpiresAt == nil {
			return "expired", st
		}
		return "expired " + ExpiryDay(t), st
	case model.StatusNoExpiration:
		return "never", st
	case model.StatusExpiring:
		days, _ := t.DaysLeft(now)
		if days <= 1 {
			return "in 1 day", st
		}
		return fmt.Sprintf("in %d days", days), st
	case model.StatusActive:
	}
	return ExpiryDay(t), st
}
