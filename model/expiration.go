package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ExpirationKind tells the choices of the "Expires in" field apart.
type ExpirationKind int

// The kinds of expiration choice.
const (
	ExpiresInDays ExpirationKind = iota // today (UTC) plus Days
	ExpiresNever
	ExpiresOn // a custom date
)

// Expiration is a choice of the "Expires in" field of the generate form.
type Expiration struct {
	Kind ExpirationKind
	Days int       // for ExpiresInDays
	Date time.Time // for ExpiresOn: midnight UTC of the date
}

// The web page's choices (helpers/tokens.ts); 30 days is its default.
var (
	Expire30Days = Expiration{Kind: ExpiresInDays, Days: 30}
	Expire90Days = Expiration{Kind: ExpiresInDays, Days: 90}
	Expire1Year  = Expiration{Kind: ExpiresInDays, Days: 365}
	ExpireNever  = Expiration{Kind: ExpiresNever}
)

// StandardExpirations lists the web page's choices in its order.
var StandardExpirations = []Expiration{Expire30Days, Expire90Days, Expire1Year, ExpireNever}

// ExpireOn returns a custom-date choice for the calendar date of d.
func ExpireOn(d time.Time) Expiration {
	return Expiration{Kind: ExpiresOn, Date: DateOf(d)}
}

// DateOf returns midnight UTC of t's calendar date in UTC.
func DateOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Label is the choice as the form shows it.
func (e Expiration) Label() string {
	switch e.Kind {
	case ExpiresNever:
		return "No expiration"
	case ExpiresOn:
		return e.Date.Format(time.DateOnly)
	}
	switch e.Days {
	case 365:
		return "1 year"
	case 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", e.Days)
}

// Resolve returns the expirationDate as the web page computes it; false for none.
func (e Expiration) Resolve(now time.Time) (time.Time, bool) {
	switch e.Kind {
	case ExpiresNever:
		return time.Time{}, false
	case ExpiresOn:
		return DateOf(e.Date), true
	}
	return DateOf(now).AddDate(0, 0, e.Days), true
}

// WireDate returns expirationDate as YYYY-MM-DD, or "" for none.
func (e Expiration) WireDate(now time.Time) string {
	d, ok := e.Resolve(now)
	if !ok {
		return ""
	}
	return d.Format(time.DateOnly)
}

// ParseExpiration reads 30d, 90d, 1y, never (none, no), Nd or YYYY-MM-DD.
func ParseExpiration(s string) (Expiration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "":
		return Expiration{}, errors.New("expiry is empty: use 30d, 90d, 1y, never or a date YYYY-MM-DD")
	case "never", "none", "no", "no expiration":
		return ExpireNever, nil
	case "1y", "1 year", "365d":
		return Expire1Year, nil
	}
	if strings.HasSuffix(s, "d") {
		var n int
		if _, err := fmt.Sscanf(s, "%dd", &n); err == nil && fmt.Sprintf("%dd", n) == s && n > 0 && n <= 36500 {
			return Expiration{Kind: ExpiresInDays, Days: n}, nil
		}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Expiration{}, fmt.Errorf("expiry %q is not 30d, 90d, 1y, never or a date YYYY-MM-DD", s)
	}
	return ExpireOn(d), nil
}

// Validate checks the choice at now as the server does, with its messages.
func (e Expiration) Validate(now time.Time, max MaxLifetime) error {
	date, ok := e.Resolve(now)
	tomorrow := DateOf(now).AddDate(0, 0, 1)
	if ok && date.Before(tomorrow) {
		//lint:ignore ST1005 SonarQube's own error message, word for word
		return fmt.Errorf("The minimum value for parameter expirationDate is %s.", tomorrow.Format(time.DateOnly))
	}
	if max.Days <= 0 {
		return nil
	}
	limit := DateOf(now).AddDate(0, 0, max.Days)
	if !ok {
		//lint:ignore ST1005 SonarQube's own error message, word for word
		return fmt.Errorf("Tokens expiring after %s are not allowed. Please use an expiration date.", limit.Format(time.DateOnly))
	}
	if date.After(limit) {
		//lint:ignore ST1005 SonarQube's own error message, word for word
		return fmt.Errorf("Tokens expiring after %s are not allowed. Please use a valid expiration date.", limit.Format(time.DateOnly))
	}
	return nil
}

// ExpiryDate returns the date asked for as expirationDate: current servers store
// 00:00 UTC, 9.6-era ones the day's start in their own zone.
func ExpiryDate(t time.Time) time.Time {
	u := t.UTC()
	if u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 {
		return DateOf(u)
	}
	if t.Hour() <= 1 && t.Minute() == 0 && t.Second() == 0 {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return DateOf(u)
}

// ExpiryDay is the YYYY-MM-DD a token expires, the date it was generated
// with whatever the zones; t must keep the offset it was received in.
func ExpiryDay(t time.Time) string {
	return ExpiryDate(t).Format(time.DateOnly)
}

// DayIn is t's calendar day in loc (time.Local when nil).
func DayIn(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	return t.In(loc).Format(time.DateOnly)
}

// MaxLifetime is sonar.auth.token.max.allowed.lifetime; Days 0 means no limit.
type MaxLifetime struct{ Days int }

// ParseMaxLifetime reads "30 days", "90 days", "1 year" or "No expiration"; "" is no limit.
func ParseMaxLifetime(v string) (MaxLifetime, error) {
	switch strings.TrimSpace(v) {
	case "", "No expiration":
		return MaxLifetime{}, nil
	case "30 days":
		return MaxLifetime{Days: 30}, nil
	case "90 days":
		return MaxLifetime{Days: 90}, nil
	case "1 year":
		return MaxLifetime{Days: 365}, nil
	}
	//lint:ignore ST1005 SonarQube's own error message, word for word
	return MaxLifetime{}, fmt.Errorf("No token expiration interval with name %q found.", v)
}

// Allows reports whether the choice fits within the max lifetime at now.
func (m MaxLifetime) Allows(e Expiration, now time.Time) bool {
	if m.Days <= 0 {
		return true
	}
	date, ok := e.Resolve(now)
	if !ok {
		return false
	}
	return !date.After(DateOf(now).AddDate(0, 0, m.Days))
}

// ExpirationChoices filters the standard choices under a max lifetime, as the web page does.
func ExpirationChoices(m MaxLifetime, now time.Time) []Expiration {
	var out []Expiration
	for _, e := range StandardExpirations {
		if m.Allows(e, now) {
			out = append(out, e)
		}
	}
	return out
}

// LifetimeOf keeps a token's lifetime for its replacement, capped by the max lifetime.
func LifetimeOf(t Token, m MaxLifetime) Expiration {
	if t.ExpiresAt == nil {
		if m.Days > 0 {
			return Expiration{Kind: ExpiresInDays, Days: m.Days}
		}
		return ExpireNever
	}
	days := int(ExpiryDate(*t.ExpiresAt).Sub(DateOf(t.CreatedAt)).Hours() / 24)
	if days < 1 {
		days = 1
	}
	if m.Days > 0 && days > m.Days {
		days = m.Days
	}
	return Expiration{Kind: ExpiresInDays, Days: days}
}
