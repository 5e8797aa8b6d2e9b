package model

import (
	"testing"
	"time"
)

// serverZones are the zones the built-in server and deployed servers run
// in: west of UTC with daylight saving, UTC, a half-hour offset east, and
// the farthest east (+14).
var serverZones = []string{"America/New_York", "UTC", "Asia/Kolkata", "Pacific/Kiritimati"}

// userZones are the TZ values of the user's machine.
var userZones = []string{"Pacific/Honolulu", "UTC", "Pacific/Kiritimati"}

// pinLocal sets time.Local for the test and puts it back after.
func pinLocal(t *testing.T, loc *time.Location) {
	t.Helper()
	old := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = old })
}

// TestExpiryDayMatrix: a token generated with a date, stored at 00:00 UTC
// or at 00:00 in the server's zone, answered in the server's zone with
// SonarQube's layout and parsed on a machine in another zone, shows the
// date it was generated with.
func TestExpiryDayMatrix(t *testing.T) {
	days := []string{"2027-01-15", "2027-07-14", "2027-03-14", "2027-11-07", "2027-12-31"}
	for _, sz := range serverZones {
		server := mustZone(t, sz)
		for _, uz := range userZones {
			pinLocal(t, mustZone(t, uz))
			for _, storage := range []string{"utc", "server-zone"} {
				for _, day := range days {
					d, err := time.Parse(time.DateOnly, day)
					if err != nil {
						t.Fatal(err)
					}
					stored := d // 00:00 UTC
					if storage == "server-zone" {
						stored = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, server)
					}
					wire := stored.In(server).Format("2006-01-02T15:04:05-0700")
					got, err := time.Parse("2006-01-02T15:04:05-0700", wire)
					if err != nil {
						t.Fatal(err)
					}
					if s := ExpiryDay(got); s != day {
						t.Errorf("server %s, TZ=%s, %s storage: %s shows %s, want %s", sz, uz, storage, wire, s, day)
					}
				}
			}
		}
	}
}

func TestExpiryDayOffsets(t *testing.T) {
	pinLocal(t, time.UTC)
	tests := []struct{ wire, want string }{
		{"2027-01-14T19:00:00-0500", "2027-01-15"}, // New York, 00:00 UTC storage
		{"2027-01-15T00:00:00-0500", "2027-01-15"}, // New York, local midnight
		{"2027-01-15T05:30:00+0530", "2027-01-15"}, // Kolkata, 00:00 UTC storage
		{"2027-01-15T00:00:00+0530", "2027-01-15"}, // Kolkata, local midnight
		{"2027-01-15T14:00:00+1400", "2027-01-15"}, // Kiritimati, 00:00 UTC storage
		{"2027-01-15T00:00:00+1400", "2027-01-15"}, // Kiritimati, local midnight
		{"2022-07-14T00:00:00+0100", "2022-07-14"}, // SonarQube's generate example
		// 9.6-era storage on a day whose midnight daylight saving skips:
		// Java's atStartOfDay answers 01:00 in the new offset.
		{"2027-03-28T01:00:00+0300", "2027-03-28"}, // Asia/Beirut
		{"2027-09-05T01:00:00-0300", "2027-09-05"}, // America/Santiago
		{"2027-03-14T01:00:00-0400", "2027-03-14"}, // America/Havana
		{"2027-03-28T03:00:00+0300", "2027-03-28"}, // Asia/Beirut, 00:00 UTC storage
		{"2027-03-28T02:30:00+0300", "2027-03-27"}, // no start of day: its UTC date
	}
	for _, tt := range tests {
		ts, err := time.Parse("2006-01-02T15:04:05-0700", tt.wire)
		if err != nil {
			t.Fatal(err)
		}
		if got := ExpiryDay(ts); got != tt.want {
			t.Errorf("ExpiryDay(%s) = %s, want %s", tt.wire, got, tt.want)
		}
	}
}

func TestDayIn(t *testing.T) {
	ts, err := time.Parse("2006-01-02T15:04:05-0700", "2027-01-15T06:30:00+0530") // 01:00 UTC
	if err != nil {
		t.Fatal(err)
	}
	pinLocal(t, mustZone(t, "Pacific/Honolulu"))
	if got := DayIn(ts, nil); got != "2027-01-14" {
		t.Errorf("DayIn(t, nil) = %s, want the day in time.Local (Honolulu) 2027-01-14", got)
	}
	for zone, want := range map[string]string{
		"Pacific/Honolulu":   "2027-01-14",
		"UTC":                "2027-01-15",
		"Pacific/Kiritimati": "2027-01-15",
		"America/New_York":   "2027-01-14",
	} {
		if got := DayIn(ts, mustZone(t, zone)); got != want {
			t.Errorf("TZ=%s: DayIn(%s) = %s, want %s", zone, ts.Format(time.RFC3339), got, want)
		}
	}
}
