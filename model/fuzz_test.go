package model

// Fuzz target for the expiry typed in the generate form and the --expires
// flag. Run it for 30 seconds with:
//
//	go test -run '^$' -fuzz '^FuzzParseExpiration$' -fuzztime 30s ./model/
//
// go test ./... runs its seeds (those below and testdata/fuzz/).

import (
	"testing"
	"time"
)

var fuzzMaxLifetimes = []MaxLifetime{{}, {Days: 30}, {Days: 90}, {Days: 365}}

func FuzzParseExpiration(f *testing.F) {
	now := time.Date(2025, 6, 1, 23, 30, 0, 0, time.UTC).Unix()
	for _, s := range []string{
		"30d", "90d", "1y", "365d", "1 year", "never", "none", "no", "No Expiration", " 7D ",
		"0d", "-1d", "+5d", "36500d", "36501d", "2025-06-01", "2025-06-02", "2026-06-01", "2025-02-30",
		"0000-01-01", "9999-12-31", "", "tomorrow", "1d", "01d", "1e3d",
	} {
		for i := range fuzzMaxLifetimes {
			f.Add(s, now, uint8(i))
		}
	}
	f.Add("30d", int64(0), uint8(0))
	f.Add("2d", int64(-62135596800), uint8(1)) // year 1
	f.Add("1y", int64(253402300799), uint8(3)) // 9999-12-31T23:59:59Z

	f.Fuzz(func(t *testing.T, s string, unix int64, maxIndex uint8) {
		// Clocks between years 1 and 9999, the range of DateOnly.
		if unix < -62135596800 || unix > 253402300799 {
			return
		}
		now := time.Unix(unix, 0).UTC()
		max := fuzzMaxLifetimes[int(maxIndex)%len(fuzzMaxLifetimes)]
		e, err := ParseExpiration(s)
		if err != nil {
			return
		}
		_ = e.Label()
		verr := e.Validate(now, max)
		if verr == nil && !max.Allows(e, now) {
			t.Fatalf("%q at %v: Validate accepts what the max lifetime %v refuses", s, now, max)
		}
		if verr != nil {
			return
		}
		date, ok := e.Resolve(now)
		tomorrow := DateOf(now).AddDate(0, 0, 1)
		switch {
		case !ok && max.Days > 0:
			t.Fatalf("%q at %v: no expiration accepted under a max lifetime of %d days", s, now, max.Days)
		case !ok:
			if e.WireDate(now) != "" {
				t.Fatalf("%q: no expiration with wire date %q", s, e.WireDate(now))
			}
			return
		case date.Before(tomorrow):
			t.Fatalf("%q at %v: accepted date %v is before tomorrow %v", s, now, date, tomorrow)
		case max.Days > 0 && date.After(DateOf(now).AddDate(0, 0, max.Days)):
			t.Fatalf("%q at %v: accepted date %v is beyond %d days", s, now, date, max.Days)
		case date != DateOf(date):
			t.Fatalf("%q: resolved %v is not a midnight UTC date", s, date)
		}
		// The wire date reads back as the same date.
		wire := e.WireDate(now)
		back, err := ParseExpiration(wire)
		if err != nil {
			if date.Year() > 9999 {
				return // past DateOnly's range: the server would refuse it too
			}
			t.Fatalf("%q: wire date %q does not parse: %v", s, wire, err)
		}
		if d, _ := back.Resolve(now); !d.Equal(date) {
			t.Fatalf("%q: wire date %q resolves to %v, not %v", s, wire, d, date)
		}
	})
}
