package ui

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// activeUsers counts the active users of sim.
func activeUsers(sim *sonarsim.Server) int {
	n := 0
	for _, l := range sim.Users() {
		if u, _ := sim.User(l); u.Active {
			n++
		}
	}
	return n
}

// requestsTo counts the requests sim logged to path.
func requestsTo(sim *sonarsim.Server, path string) int {
	n := 0
	for _, r := range sim.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// TestEndToEndPickerUsersV2 opens the user picker on a server whose
// api/users/search is gone: the users come from API v2.
func TestEndToEndPickerUsersV2(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 1, WithoutUsersSearch: true})
	var owner string
	for _, ti := range sim.AllTokens() {
		if ti.Login != "admin" {
			owner = ti.Login
			break
		}
	}
	m := newModel(t, c, &fakeClipboard{}, 100, 30)
	m = press(m, "u")
	if m.Mode() != ModePicker || m.Picker().Loading() {
		t.Fatalf("u: mode %v:\n%s", m.Mode(), m.View())
	}
	if got, want := len(m.Picker().Matches()), activeUsers(sim); got != want {
		t.Fatalf("picker lists %d users, the server has %d active:\n%s", got, want, m.View())
	}
	if c.UsersAPI() != client.UsersAPIV2 || requestsTo(sim, "/api/v2/users-management/users") == 0 {
		t.Fatalf("UsersAPI %v, %d v2 requests", c.UsersAPI(), requestsTo(sim, "/api/v2/users-management/users"))
	}
	if v := m.View(); strings.Contains(v, "Could not list users") || !strings.Contains(v, "(you)") {
		t.Fatalf("picker:\n%s", v)
	}
	m = typeText(m, owner)
	if us := m.Picker().Matches(); len(us) != 1 || us[0].Login != owner || us[0].TokensCount != nil {
		t.Fatalf("picker shows %+v", us)
	}
	m = press(m, "enter")
	if m.Mode() != ModeTable || m.Login() != owner || m.Table().Len() != len(sim.Tokens(owner)) {
		t.Fatalf("login %q, %d tokens:\n%s", m.Login(), m.Table().Len(), m.View())
	}
}

// TestEndToEndPickerUsersSearchGoneOn99 checks that a 9.9 server, which has
// no API v2 to fall back on, shows the 404 in words.
func TestEndToEndPickerUsersSearchGoneOn99(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Version: "9.9", Seed: 1, WithoutUsersSearch: true})
	m := newModel(t, c, &fakeClipboard{}, 100, 30)
	m = press(m, "u")
	v := m.View()
	if m.Mode() != ModePicker || !strings.Contains(v, "Could not list users: The server does not offer") || !strings.Contains(v, "api/users/search") {
		t.Fatalf("picker on 9.9 without api/users/search:\n%s", v)
	}
	if n := requestsTo(sim, "/api/v2/users-management/users"); n != 0 {
		t.Errorf("%d v2 requests to a 9.9 server", n)
	}
}

// TestEndToEndReviewUsersV2 runs the review where api/users/search is
// gone: it finds exactly the server's tokens, searches every active user
// (API v2 has no tokensCount) and says so.
func TestEndToEndReviewUsersV2(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 7, Users: 30, Tokens: 120, WithoutUsersSearch: true})
	m := reviewModel(t, c, 4)
	var want []string
	for _, ti := range sim.AllTokens() {
		want = append(want, keyOfInfo(ti))
	}
	if s := m.Review().Summary(); s.Total != len(want) {
		t.Fatalf("summary %+v, the server has %d tokens", s, len(want))
	}
	active := activeUsers(sim)
	scanned := 0 // the console's own table asks without a login
	for _, r := range sim.Requests() {
		if r.Path == "/api/user_tokens/search" && r.Params.Get("login") != "" {
			scanned++
		}
	}
	if scanned != active {
		t.Errorf("%d token searches by login, want one per active user (%d)", scanned, active)
	}
	p := m.Review().Progress()
	if p.UsersAPI != client.UsersAPIV2 || p.UsersSkipped != 0 || p.UsersScanned != active {
		t.Errorf("progress %+v", p)
	}
	if v := m.View(); !strings.Contains(v, "users from API v2: every user is searched") {
		t.Errorf("no word of API v2:\n%s", v)
	}
}
