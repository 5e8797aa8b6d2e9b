package cli

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestMain pins time.Local, the user's zone when IO.Zone is nil: created
// and last-use days are shown in it, and the tests' expectations are
// written for UTC. Tests of other zones set IO.Zone (testEnv.zone), never
// time.Local, which the servers' goroutines read.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

// newZoneEnv is newTestEnv with the server in zone (00:00 UTC storage).
func newZoneEnv(t *testing.T, zone string) *testEnv {
	t.Helper()
	return newTestEnv(t, sonarsim.Options{TimeZone: loadZone(t, zone)})
}

func loadZone(t *testing.T, zone string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Skipf("no tzdata for %s: %v", zone, err)
	}
	return loc
}

// TestDaysFromNewYork: against a server in New York, a token generated
// with --expires 2026-04-15 is announced, listed and reviewed with that
// day, whatever the user's zone; JSON keeps the instant in the server's
// offset; Created is the user's day.
func TestDaysFromNewYork(t *testing.T) {
	for _, zone := range []string{"Pacific/Honolulu", "UTC", "Pacific/Kiritimati"} {
		t.Run(zone, func(t *testing.T) {
			e := newZoneEnv(t, "America/New_York")
			e.zone = loadZone(t, zone)
			r := e.run("generate", "dated", "--expires", "2026-04-15").expect(t, 0)
			if !strings.Contains(r.stderr, "expires 2026-04-15") {
				t.Errorf("generate says: %s", r.stderr)
			}
			list := e.run("list").expect(t, 0).stdout
			row := lineWith(list, "dated")
			if !strings.Contains(row, "2026-04-15") || strings.Contains(row, "2026-04-14") {
				t.Errorf("list row %q, want expiry 2026-04-15\n%s", row, list)
			}
			// now is 2026-03-01T12:00Z: 02:00 in Kiritimati, 02:00 the day before in Honolulu.
			created := map[string]string{"Pacific/Honolulu": "2026-03-01", "UTC": "2026-03-01", "Pacific/Kiritimati": "2026-03-02"}[zone]
			if !strings.Contains(row, created) {
				t.Errorf("list row %q, want created %s", row, created)
			}
			review := e.run("review").stdout
			if row := lineWith(review, "dated"); !strings.Contains(row, "2026-04-15") || strings.Contains(row, "2026-04-14") {
				t.Errorf("review row %q, want expiry 2026-04-15\n%s", row, review)
			}
			js := e.run("list", "--json").expect(t, 0).stdout
			if !strings.Contains(js, `"expirationDate": "2026-04-14T20:00:00-04:00"`) {
				t.Errorf("JSON should keep the server's instant and offset:\n%s", js)
			}
		})
	}
}

// TestStatusNamesTokenDay: auth status names the console token's expiry by
// its day, from the expiration header of a server in New York.
func TestStatusNamesTokenDay(t *testing.T) {
	e := newZoneEnv(t, "America/New_York")
	e.zone = loadZone(t, "Pacific/Honolulu")
	v := e.issue(sonarsim.TokenSpec{Login: "admin", Name: "dated-console", CreatedAt: now, ExpiresAt: ptr(time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC))})
	e.vars["SONAR_TOKEN"] = v
	out := e.run("auth", "status").expect(t, 0).stdout
	if !strings.Contains(out, "Expires:     2026-04-15 (in 45 days)") {
		t.Errorf("auth status:\n%s", out)
	}
}

func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// TestZoneMatrix generates a token with --expires 2026-04-15 against
// sonarsim in every server zone, with both expiry storages, from machines
// in three zones: generate's message, list and review show 2026-04-15.
func TestZoneMatrix(t *testing.T) {
	const want = "2026-04-15"
	for _, sz := range []string{"America/New_York", "UTC", "Asia/Kolkata", "Pacific/Kiritimati"} {
		server := loadZone(t, sz)
		for _, uz := range []string{"Pacific/Honolulu", "UTC", "Pacific/Kiritimati"} {
			for _, serverZoneStorage := range []bool{false, true} {
				name := sz + "/" + uz + "/utc-storage"
				if serverZoneStorage {
					name = sz + "/" + uz + "/server-zone-storage"
				}
				t.Run(name, func(t *testing.T) {
					e := newTestEnv(t, sonarsim.Options{TimeZone: server, ExpiryInServerZone: serverZoneStorage})
					e.zone = loadZone(t, uz)
					r := e.run("generate", "zoned", "--expires", want).expect(t, 0)
					if !strings.Contains(r.stderr, "expires "+want) {
						t.Errorf("generate says: %s", r.stderr)
					}
					list := e.run("list").expect(t, 0).stdout
					if row := lineWith(list, "zoned"); !strings.Contains(row, want) {
						t.Errorf("list row %q", row)
					}
					review := e.run("review").stdout
					if row := lineWith(review, "zoned"); !strings.Contains(row, want) {
						t.Errorf("review row %q\n%s", row, review)
					}
				})
			}
		}
	}
}
