package sonarsim

import (
	"strings"
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no time zone data for %s: %v", name, err)
	}
	return loc
}

// winterNow is 2026-11-30 15:00 UTC: 10:00 in New York (-0500).
var winterNow = time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC)

func TestTimeZoneDates(t *testing.T) {
	f := newFixture(t, Options{TimeZone: mustZone(t, "America/New_York")})
	f.clk.Set(winterNow)

	r := f.post(genPath, f.tok["alice"], vals("name", "ny", "expirationDate", "2027-01-15"))
	wantStatus(t, r, 200)
	m := r.json(t)
	if m["createdAt"] != "2026-11-30T10:00:00-0500" || m["expirationDate"] != "2027-01-14T19:00:00-0500" {
		t.Errorf("generate: createdAt %v, expirationDate %v", m["createdAt"], m["expirationDate"])
	}

	// A summer instant answers the summer offset: the zone's offset at that
	// instant, not the offset of today.
	summer := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	_, err := f.s.IssueToken(TokenSpec{Login: "alice", Name: "summer", CreatedAt: summer, LastUsed: &summer})
	must(t, err)

	tok := m["token"].(string)
	s := f.get(searchPath, tok, nil)
	wantStatus(t, s, 200)
	for _, want := range []string{
		`"name":"summer","createdAt":"2026-07-01T08:00:00-0400","lastConnectionDate":"2026-07-01T08:00:00-0400"`,
		`"name":"ny","createdAt":"2026-11-30T10:00:00-0500","lastConnectionDate":"2026-11-30T10:00:00-0500"`,
		`"expirationDate":"2027-01-14T19:00:00-0500"`,
	} {
		if !strings.Contains(s.body, want) {
			t.Errorf("search lacks %s:\n%s", want, s.body)
		}
	}
	if strings.Contains(s.body, "+0000") {
		t.Errorf("search answers a UTC offset: %s", s.body)
	}
	if got := s.header.Get(expirationHeader); got != "2027-01-14T19:00:00-0500" {
		t.Errorf("expiration header %q", got)
	}

	users := f.get("/api/users/search", f.tok["boss"], vals("q", "alice"))
	if !strings.Contains(users.body, `"lastConnectionDate":"2026-11-30T10:00:00-0500"`) {
		t.Errorf("users search %s", users.body)
	}
	v2 := f.get("/api/v2/users-management/users", f.tok["boss"], vals("q", "alice"))
	if !strings.Contains(v2.body, `"sonarQubeLastConnectionDate":"2026-11-30T10:00:00-0500"`) {
		t.Errorf("v2 users %s", v2.body)
	}
}

func TestTimeZoneHalfHourOffset(t *testing.T) {
	f := newFixture(t, Options{TimeZone: mustZone(t, "Asia/Kolkata")})
	m := f.post(genPath, f.tok["alice"], vals("name", "in", "expirationDate", "2025-07-14")).json(t)
	if m["createdAt"] != "2025-06-15T16:00:00+0530" || m["expirationDate"] != "2025-07-14T05:30:00+0530" {
		t.Errorf("createdAt %v, expirationDate %v", m["createdAt"], m["expirationDate"])
	}
}

func TestExpiryStorage(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	// 03:00 UTC on 2026-11-30 is still 2026-11-29 in New York.
	lateEvening := time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)

	// Default: 00:00 UTC of the date, minimum date checked in UTC.
	f := newFixture(t, Options{TimeZone: ny})
	f.clk.Set(lateEvening)
	wantError(t, f.post(genPath, f.tok["alice"], vals("name", "a", "expirationDate", "2026-11-30")), 400,
		"The minimum value for parameter expirationDate is 2026-12-01.")
	m := f.post(genPath, f.tok["alice"], vals("name", "b", "expirationDate", "2026-12-01")).json(t)
	if m["expirationDate"] != "2026-11-30T19:00:00-0500" {
		t.Errorf("UTC storage: %v", m["expirationDate"])
	}

	// The 9.6-era storage: 00:00 in the server's zone, minimum in that zone.
	g := newFixture(t, Options{TimeZone: ny, ExpiryInServerZone: true})
	g.clk.Set(lateEvening)
	wantError(t, g.post(genPath, g.tok["alice"], vals("name", "a", "expirationDate", "2026-11-29")), 400,
		"The minimum value for parameter expirationDate is 2026-11-30.")
	m = g.post(genPath, g.tok["alice"], vals("name", "b", "expirationDate", "2026-11-30")).json(t)
	if m["expirationDate"] != "2026-11-30T00:00:00-0500" {
		t.Errorf("server-zone storage: %v", m["expirationDate"])
	}
	for _, ti := range g.s.Tokens("alice") {
		if ti.Name == "b" && !ti.ExpiresAt.Equal(time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)) {
			t.Errorf("stored %v", ti.ExpiresAt)
		}
	}
}

func TestExpiryStorageMaxLifetime(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	lateEvening := time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC) // 2026-11-29 in New York
	g := newFixture(t, Options{TimeZone: ny, ExpiryInServerZone: true, MaxTokenLifetime: "30 days"})
	g.clk.Set(lateEvening)
	wantStatus(t, g.post(genPath, g.tok["alice"], vals("name", "a", "expirationDate", "2026-12-29")), 200)
	wantError(t, g.post(genPath, g.tok["alice"], vals("name", "b", "expirationDate", "2026-12-30")), 400,
		"Tokens expiring after 2026-12-29 are not allowed. Please use a valid expiration date.")
}

func TestSeededExpiryFollowsStorage(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	h := newEnv(t, Options{Version: "9.9", Empty: true, TimeZone: ny, ExpiryInServerZone: true})
	// testNow is 2025-06-15 10:30 UTC, 06:30 in New York (-0400): the
	// console token expires 90 days later at 00:00 New York time.
	if got := h.get("/api/users/current", h.s.AdminToken(), nil).header.Get(expirationHeader); got != "2025-09-13T00:00:00-0400" {
		t.Errorf("console header %q", got)
	}
}

func TestExpiryStorageMidnightGap(t *testing.T) {
	// On 2026-09-06, America/Santiago skips from 23:59:59 (-0400) to 01:00
	// (-0300): the day starts at 01:00, as Java's atStartOfDay says.
	cl := mustZone(t, "America/Santiago")
	f := newFixture(t, Options{TimeZone: cl, ExpiryInServerZone: true})
	f.clk.Set(time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC))
	m := f.post(genPath, f.tok["alice"], vals("name", "gap", "expirationDate", "2026-09-06")).json(t)
	if m["expirationDate"] != "2026-09-06T01:00:00-0300" {
		t.Errorf("expirationDate %v", m["expirationDate"])
	}
	m = f.post(genPath, f.tok["alice"], vals("name", "next", "expirationDate", "2026-09-07")).json(t)
	if m["expirationDate"] != "2026-09-07T00:00:00-0300" {
		t.Errorf("expirationDate %v", m["expirationDate"])
	}
}

func TestMaxLifetimeEndsOnMidnightGap(t *testing.T) {
	// 30 days after 2026-08-07 is 2026-09-06, whose midnight Santiago skips:
	// that date is still the last one allowed.
	cl := mustZone(t, "America/Santiago")
	f := newFixture(t, Options{TimeZone: cl, ExpiryInServerZone: true, MaxTokenLifetime: "30 days"})
	f.clk.Set(time.Date(2026, 8, 7, 12, 0, 0, 0, time.UTC))
	wantStatus(t, f.post(genPath, f.tok["alice"], vals("name", "last", "expirationDate", "2026-09-06")), 200)
	wantError(t, f.post(genPath, f.tok["alice"], vals("name", "late", "expirationDate", "2026-09-07")), 400,
		"Tokens expiring after 2026-09-06 are not allowed. Please use a valid expiration date.")
}

// Set moves the clock to t.
func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}
