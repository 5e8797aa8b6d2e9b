package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// The zone matrix: servers in these zones…
var matrixServerZones = []string{"America/New_York", "UTC", "Asia/Kolkata", "Pacific/Kiritimati"}

// …used from machines in these zones (TZ).
var matrixUserZones = []string{"Pacific/Honolulu", "UTC", "Pacific/Kiritimati"}

// rowWith returns the line of view holding name.
func rowWith(view, name string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, name) {
			return l
		}
	}
	return ""
}

// TestEndToEndZoneMatrix generates a token with expiry date 2027-01-15
// through the console against sonarsim over HTTP, for every server zone,
// user zone and expiry storage (00:00 UTC, 00:00 in the server's zone),
// and checks that the reveal, the table and the review all show
// 2027-01-15, and the table the created day in the user's zone.
func TestEndToEndZoneMatrix(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	const want = "2027-01-15"
	for _, sz := range matrixServerZones {
		server, err := time.LoadLocation(sz)
		if err != nil {
			t.Skip(err)
		}
		for _, uz := range matrixUserZones {
			for _, serverZoneStorage := range []bool{false, true} {
				storage := "utc-storage"
				if serverZoneStorage {
					storage = "server-zone-storage"
				}
				t.Run(sz+"/"+uz+"/"+storage, func(t *testing.T) {
					user := zone(t, uz)
					sim, c := simAdmin(t, sonarsim.Options{Version: "10.6", Empty: true, TimeZone: server, ExpiryInServerZone: serverZoneStorage})
					m := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, Zone: user}, 100, 30)
					m = press(m, "n")
					m = typeText(m, "zoned")
					m = press(m, "tab", "tab", "left", "tab")
					m = typeText(m, want)
					m = press(m, "enter")
					if m.Mode() != ModeReveal {
						t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
					}
					info, ok := simToken(sim, "zoned")
					if !ok || info.ExpiresAt == nil {
						t.Fatalf("sonarsim has %+v", info)
					}
					if v := m.View(); !strings.Contains(v, "Expires   "+want+" (in ") {
						t.Errorf("reveal (server stored %s):\n%s", info.ExpiresAt.In(server).Format(time.RFC3339), v)
					}
					m = press(m, "c", "esc")
					// Created at the clock, 2026-11-26T12:00Z: 02:00 on the 26th in
					// Honolulu, 02:00 on the 27th in Kiritimati.
					created := map[string]string{"Pacific/Honolulu": "2026-11-26", "UTC": "2026-11-26", "Pacific/Kiritimati": "2026-11-27"}[uz]
					if row := rowWith(m.View(), "zoned"); !strings.Contains(row, created+"  "+want) {
						t.Errorf("table row %q, want created %s, expires %s (server stored %s)", row, created, want, info.ExpiresAt.In(server).Format(time.RFC3339))
					}
					r := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Review: true, Clipboard: &fakeClipboard{}, Zone: user}, 100, 30)
					if row := rowWith(r.View(), "zoned"); !strings.Contains(row, want) {
						t.Errorf("review row %q:\n%s", row, r.View())
					}
				})
			}
		}
	}
}
