package model

import (
	"reflect"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no tzdata for %s: %v", name, err)
	}
	return loc
}

func TestResolve(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	berlin := time.FixedZone("CET", 1*3600)
	kiritimati := time.FixedZone("LINT", 14*3600)
	tests := []struct {
		name   string
		e      Expiration
		now    time.Time
		want   string
		wantOK bool
	}{
		{"30 days", Expire30Days, now0, "2025-04-09", true},
		{"90 days", Expire90Days, now0, "2025-06-08", true},
		{"1 year is 365 days", Expire1Year, now0, "2026-03-10", true},
		{"1 year over a leap day", Expire1Year, time.Date(2024, 2, 28, 9, 0, 0, 0, time.UTC), "2025-02-27", true},
		{"never", ExpireNever, now0, "", false},
		{"custom date", ExpireOn(date(2025, 12, 31)), now0, "2025-12-31", true},
		// Near midnight in other zones the UTC date wins, as in the web page.
		{"23:30 in New York is tomorrow in UTC", Expire30Days, time.Date(2025, 3, 10, 23, 30, 0, 0, ny), "2025-04-10", true},
		{"00:30 in Berlin is still yesterday in UTC", Expire30Days, time.Date(2025, 3, 11, 0, 30, 0, 0, berlin), "2025-04-09", true},
		{"UTC+14 morning is the previous UTC day", Expire30Days, time.Date(2025, 3, 11, 8, 0, 0, 0, kiritimati), "2025-04-09", true},
		{"exactly midnight UTC", Expire30Days, date(2025, 3, 10), "2025-04-09", true},
		{"one nanosecond before midnight UTC", Expire30Days, date(2025, 3, 11).Add(-1), "2025-04-09", true},
		{"custom date given in a zone keeps its UTC date", ExpireOn(time.Date(2025, 5, 1, 23, 0, 0, 0, ny)), now0, "2025-05-02", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := tt.e.Resolve(tt.now)
			if ok != tt.wantOK {
				t.Fatalf("Resolve ok = %v, want %v", ok, tt.wantOK)
			}
			if got := tt.e.WireDate(tt.now); got != tt.want {
				t.Errorf("WireDate = %q, want %q", got, tt.want)
			}
			if ok && (d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0) {
				t.Errorf("Resolve = %v, want midnight UTC", d)
			}
		})
	}
}

func TestResolveInNamedZones(t *testing.T) {
	tokyo := mustZone(t, "Asia/Tokyo")
	la := mustZone(t, "America/Los_Angeles")
	// 2025-03-11 08:59 in Tokyo is 2025-03-10 23:59 UTC.
	if got := Expire30Days.WireDate(time.Date(2025, 3, 11, 8, 59, 0, 0, tokyo)); got != "2025-04-09" {
		t.Errorf("Tokyo: %s", got)
	}
	// 2025-03-10 17:00 in Los Angeles (PDT, UTC-7) is 2025-03-11 00:00 UTC.
	if got := Expire30Days.WireDate(time.Date(2025, 3, 10, 17, 0, 0, 0, la)); got != "2025-04-10" {
		t.Errorf("Los Angeles: %s", got)
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		e    Expiration
		want string
	}{
		{Expire30Days, "30 days"},
		{Expire90Days, "90 days"},
		{Expire1Year, "1 year"},
		{ExpireNever, "No expiration"},
		{Expiration{Kind: ExpiresInDays, Days: 1}, "1 day"},
		{Expiration{Kind: ExpiresInDays, Days: 7}, "7 days"},
		{ExpireOn(date(2025, 12, 31)), "2025-12-31"},
	}
	for _, tt := range tests {
		if got := tt.e.Label(); got != tt.want {
			t.Errorf("Label(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestExpirationChoices(t *testing.T) {
	tests := []struct {
		setting string
		want    []Expiration
	}{
		{"", []Expiration{Expire30Days, Expire90Days, Expire1Year, ExpireNever}},
		{"No expiration", []Expiration{Expire30Days, Expire90Days, Expire1Year, ExpireNever}},
		{"30 days", []Expiration{Expire30Days}},
		{"90 days", []Expiration{Expire30Days, Expire90Days}},
		{"1 year", []Expiration{Expire30Days, Expire90Days, Expire1Year}},
	}
	for _, tt := range tests {
		t.Run(tt.setting, func(t *testing.T) {
			m, err := ParseMaxLifetime(tt.setting)
			if err != nil {
				t.Fatal(err)
			}
			// Also near midnight in a far zone: the filter compares dates.
			for _, now := range []time.Time{now0, time.Date(2025, 3, 10, 23, 59, 59, 0, time.FixedZone("X", -11*3600))} {
				if got := ExpirationChoices(m, now); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("at %v: ExpirationChoices = %v, want %v", now, got, tt.want)
				}
			}
		})
	}
}

func TestParseMaxLifetime(t *testing.T) {
	tests := []struct {
		in      string
		days    int
		wantErr string
	}{
		{"", 0, ""},
		{"No expiration", 0, ""},
		{"30 days", 30, ""},
		{" 90 days ", 90, ""},
		{"1 year", 365, ""},
		{"2 years", 0, `No token expiration interval with name "2 years" found.`},
		{"30 Days", 0, `No token expiration interval with name "30 Days" found.`},
	}
	for _, tt := range tests {
		m, err := ParseMaxLifetime(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseMaxLifetime(%q) err = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || m.Days != tt.days {
			t.Errorf("ParseMaxLifetime(%q) = %+v, %v; want %d days", tt.in, m, err, tt.days)
		}
	}
}

func TestValidate(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	lateNY := time.Date(2025, 3, 10, 23, 30, 0, 0, ny) // 2025-03-11 04:30 UTC
	tests := []struct {
		name string
		e    Expiration
		now  time.Time
		max  int
		want string // "" for valid
	}{
		{"30 days, no max", Expire30Days, now0, 0, ""},
		{"never, no max", ExpireNever, now0, 0, ""},
		{"today is too early", ExpireOn(date(2025, 3, 10)), now0, 0, "The minimum value for parameter expirationDate is 2025-03-11."},
		{"yesterday is too early", ExpireOn(date(2025, 3, 9)), now0, 0, "The minimum value for parameter expirationDate is 2025-03-11."},
		{"tomorrow is the minimum", ExpireOn(date(2025, 3, 11)), now0, 0, ""},
		{"zero days is today", Expiration{Kind: ExpiresInDays, Days: 0}, now0, 0, "The minimum value for parameter expirationDate is 2025-03-11."},
		{"one day is tomorrow", Expiration{Kind: ExpiresInDays, Days: 1}, now0, 0, ""},
		{"late evening in New York: tomorrow local is today UTC", ExpireOn(date(2025, 3, 11)), lateNY, 0, "The minimum value for parameter expirationDate is 2025-03-12."},
		{"max 30: 30 days ok", Expire30Days, now0, 30, ""},
		{"max 30: 90 days too late", Expire90Days, now0, 30, "Tokens expiring after 2025-04-09 are not allowed. Please use a valid expiration date."},
		{"max 30: never", ExpireNever, now0, 30, "Tokens expiring after 2025-04-09 are not allowed. Please use an expiration date."},
		{"max 30: last allowed date", ExpireOn(date(2025, 4, 9)), now0, 30, ""},
		{"max 30: a day after", ExpireOn(date(2025, 4, 10)), now0, 30, "Tokens expiring after 2025-04-09 are not allowed. Please use a valid expiration date."},
		{"max 90: 1 year too late", Expire1Year, now0, 90, "Tokens expiring after 2025-06-08 are not allowed. Please use a valid expiration date."},
		{"max 1 year: 1 year ok", Expire1Year, now0, 365, ""},
		{"max 1 year: never", ExpireNever, now0, 365, "Tokens expiring after 2026-03-10 are not allowed. Please use an expiration date."},
		{"past date under a max: minimum first", ExpireOn(date(2025, 1, 1)), now0, 30, "The minimum value for parameter expirationDate is 2025-03-11."},
		{"max near midnight uses the UTC date", Expire30Days, lateNY, 30, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.e.Validate(tt.now, MaxLifetime{Days: tt.max})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate = %q, want %q", got, tt.want)
			}
			if allowed := (MaxLifetime{Days: tt.max}).Allows(tt.e, tt.now); tt.want == "" && !allowed {
				t.Errorf("Allows = false for a valid choice")
			}
		})
	}
}

func TestParseExpiration(t *testing.T) {
	tests := []struct {
		in      string
		want    Expiration
		wantErr bool
	}{
		{"30d", Expire30Days, false},
		{" 90D ", Expire90Days, false},
		{"1y", Expire1Year, false},
		{"1 year", Expire1Year, false},
		{"365d", Expire1Year, false},
		{"7d", Expiration{Kind: ExpiresInDays, Days: 7}, false},
		{"never", ExpireNever, false},
		{"None", ExpireNever, false},
		{"no", ExpireNever, false},
		{"No expiration", ExpireNever, false},
		{"2025-12-31", ExpireOn(date(2025, 12, 31)), false},
		{"2024-02-29", ExpireOn(date(2024, 2, 29)), false},
		{"", Expiration{}, true},
		{"   ", Expiration{}, true},
		{"0d", Expiration{}, true},
		{"-5d", Expiration{}, true},
		{"+30d", Expiration{}, true},
		{"030d", Expiration{}, true},
		{"1.5d", Expiration{}, true},
		{"36501d", Expiration{}, true},
		{"30", Expiration{}, true},
		{"2y", Expiration{}, true},
		{"2025-02-30", Expiration{}, true},
		{"2025-2-3", Expiration{}, true},
		{"31/12/2025", Expiration{}, true},
		{"garbage", Expiration{}, true},
		{"d", Expiration{}, true},
	}
	for _, tt := range tests {
		got, err := ParseExpiration(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseExpiration(%q) err = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && got != tt.want {
			t.Errorf("ParseExpiration(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestExpiryDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want time.Time
	}{
		{"current server, east of UTC", "2025-07-14T02:00:00+0200", date(2025, 7, 14)},
		{"current server, west of UTC", "2025-07-13T19:00:00-0500", date(2025, 7, 14)},
		{"current server, UTC", "2025-07-14T00:00:00+0000", date(2025, 7, 14)},
		{"9.6-era server, local midnight east", "2022-07-14T00:00:00+0100", date(2022, 7, 14)},
		{"9.6-era server, local midnight west", "2022-07-14T00:00:00-0700", date(2022, 7, 14)},
		{"other instant falls back to UTC date", "2022-07-14T15:30:00+0100", date(2022, 7, 14)},
	}
	for _, tt := range tests {
		ts, err := time.Parse("2006-01-02T15:04:05-0700", tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := ExpiryDate(ts); !got.Equal(tt.want) {
			t.Errorf("%s: ExpiryDate(%s) = %s, want %s", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestLifetimeOf(t *testing.T) {
	parse := func(s string) *time.Time {
		ts, err := time.Parse("2006-01-02T15:04:05-0700", s)
		if err != nil {
			t.Fatal(err)
		}
		return &ts
	}
	created := *parse("2025-01-01T10:00:00+0100")
	days := func(n int) Expiration { return Expiration{Kind: ExpiresInDays, Days: n} }
	tests := []struct {
		name string
		exp  *time.Time
		max  int
		want Expiration
	}{
		{"no expiration", nil, 0, ExpireNever},
		{"no expiration under a max gets the longest allowed", nil, 90, days(90)},
		{"30 days, current server", parse("2025-01-31T01:00:00+0100"), 0, Expire30Days},
		{"30 days, 9.6-era server east of UTC", parse("2025-01-31T00:00:00+0100"), 0, Expire30Days},
		{"30 days, current server west of UTC", parse("2025-01-30T19:00:00-0500"), 0, Expire30Days},
		{"1 year", parse("2026-01-01T00:00:00+0000"), 0, Expire1Year},
		{"1 year capped by max 90", parse("2026-01-01T00:00:00+0000"), 90, days(90)},
		{"custom 45 days", parse("2025-02-15T00:00:00+0000"), 0, days(45)},
		{"same-day expiry is at least one day", parse("2025-01-01T23:00:00+0000"), 0, days(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LifetimeOf(Token{CreatedAt: created, ExpiresAt: tt.exp}, MaxLifetime{Days: tt.max})
			if got != tt.want {
				t.Errorf("LifetimeOf = %+v (%s), want %+v (%s)", got, got.Label(), tt.want, tt.want.Label())
			}
		})
	}
}
