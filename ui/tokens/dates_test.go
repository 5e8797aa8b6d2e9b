package tokens

import (
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// pinLocal sets time.Local for the test and puts it back (no goroutine
// runs here).
func pinLocal(t *testing.T, zone string) {
	t.Helper()
	loc := loadZone(t, zone)
	old := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = old })
}

func loadZone(t *testing.T, zone string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Skipf("no tzdata for %s: %v", zone, err)
	}
	return loc
}

func wire(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := time.Parse("2006-01-02T15:04:05-0700", s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestTableDays: a token from a server in New York, generated with
// expirationDate 2027-01-15 (stored 00:00 UTC, answered as the evening
// before in -0500), shows 2027-01-15 in Expires whatever the user's zone,
// and its Created day in the user's zone (Common.Zone), in the own table
// and the review.
func TestTableDays(t *testing.T) {
	t.Parallel()
	exp := wire(t, "2027-01-14T19:00:00-0500")
	tok := model.Token{Login: "ada", Name: "ci", Type: model.TypeUser,
		CreatedAt: wire(t, "2026-11-25T20:30:00-0500"), // 01:30 UTC on the 26th
		ExpiresAt: &exp}
	for zone, created := range map[string]string{
		"Pacific/Honolulu":   "2026-11-25",
		"UTC":                "2026-11-26",
		"Pacific/Kiritimati": "2026-11-26",
	} {
		c := common.New(func() time.Time { return now })
		c.Zone = loadZone(t, zone)
		caps := model.CapabilitiesOf(model.Version{Major: 10, Minor: 6})
		own := New(c, caps, false)
		own.SetSize(120, 10)
		own.SetTokens([]model.Token{tok})
		review := New(c, caps, false).WithLogin()
		review.SetSize(120, 10)
		review.Append([]model.Token{tok})
		for name, view := range map[string]string{"table": own.View(), "review": review.View()} {
			if !strings.Contains(view, "2027-01-15") || strings.Contains(view, "2027-01-14") {
				t.Errorf("TZ=%s, %s: Expires should read 2027-01-15:\n%s", zone, name, view)
			}
			if !strings.Contains(view, created) {
				t.Errorf("TZ=%s, %s: Created should read %s:\n%s", zone, name, created, view)
			}
		}
	}
}

// TestExpiresCellServerZones: the Expires cell is the requested day for
// both storages in -0500, +0530 and +1400; "in N days" counts from the
// instant.
func TestExpiresCellServerZones(t *testing.T) {
	pinLocal(t, "Pacific/Honolulu")
	for _, s := range []string{
		"2027-01-14T19:00:00-0500", "2027-01-15T00:00:00-0500",
		"2027-01-15T05:30:00+0530", "2027-01-15T00:00:00+0530",
		"2027-01-15T14:00:00+1400", "2027-01-15T00:00:00+1400",
	} {
		exp := wire(t, s)
		if got, _ := common.Expires(model.Token{ExpiresAt: &exp}, now); got != "2027-01-15" {
			t.Errorf("expiry %s: cell %q, want 2027-01-15", s, got)
		}
	}
	// 2026-11-26T12:00Z + 36h: in 2 days, whichever day it is on the wall.
	exp := wire(t, "2026-11-28T00:00:00+0000").In(time.FixedZone("", 14*3600))
	if got, _ := common.Expires(model.Token{ExpiresAt: &exp}, now); got != "in 2 days" {
		t.Errorf("36h left: cell %q, want in 2 days", got)
	}
}
