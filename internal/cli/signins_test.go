package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// dateFields are the user listings' last sign-in fields.
var dateFields = []string{"lastConnectionDate", "sonarQubeLastConnectionDate", "sonarLintLastConnectionDate"}

// undated serves sim behind a proxy that removes every user's last
// sign-in from both user listings, as a gateway that trims answers or a
// version that does not give them would, while strip is set (it is at
// first).
func undated(t *testing.T, sim *sonarsim.Server) (url string, strip *atomic.Bool) {
	t.Helper()
	h := sim.Handler()
	strip = new(atomic.Bool)
	strip.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strip.Load() || r.URL.Path != "/api/users/search" && r.URL.Path != "/api/v2/users-management/users" {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		var body map[string]any
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &body) != nil {
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		users, _ := body["users"].([]any)
		for _, u := range users {
			for _, f := range dateFields {
				delete(u.(map[string]any), f)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, strip
}

// undatedEnv is a seeded simulator (200 users, some of whom never signed
// in or left long ago) behind undated.
func undatedEnv(t *testing.T, version string) *testEnv {
	t.Helper()
	sim := sonarsim.New(sonarsim.Options{Version: version, Seed: 11, Users: 200, Tokens: 400, Now: func() time.Time { return now }})
	t.Cleanup(func() { _ = sim.Close() })
	url, _ := undated(t, sim)
	return &testEnv{t: t, sim: sim, url: url, vars: map[string]string{
		"SONAR_HOST_URL": url, "SONAR_TOKEN": sim.AdminToken(), "XDG_STATE_HOME": t.TempDir(),
	}}
}

// TestReviewWithoutSignInDatesDecidesNothing: a user listing without any
// last sign-in date says nothing of who left. Before, every owner counted
// as never signed in: --owner-inactive kept every token, --fail-on
// owner-inactive exited 6, and --revoke --yes revoked the tokens of
// owners who sign in every day.
func TestReviewWithoutSignInDatesDecidesNothing(t *testing.T) {
	for _, version := range []string{"10.6", "9.9"} {
		e := undatedEnv(t, version)
		all := len(e.sim.AllTokens())

		r := e.run("review", "--owner-inactive", "90d", "--json").expect(t, ExitError)
		if r.stdout != "" || !strings.Contains(r.stderr, "--owner-inactive cannot tell whose owner left: the server's user listing gives no user's last sign-in") ||
			!strings.Contains(r.stderr, "nothing was reported or revoked") {
			t.Errorf("%s: review --owner-inactive:\nstdout %.200s\nstderr %s", version, r.stdout, r.stderr)
		}

		r = e.run("review", "--owner-inactive", "90d", "--status", "active,expiring,expired,no-expiration", "--revoke", "--yes").expect(t, ExitError)
		if got := len(e.sim.AllTokens()); got != all || strings.Contains(r.stdout, "revoked") {
			t.Fatalf("%s: --owner-inactive --revoke --yes without dates: %d of %d tokens left\n%s", version, got, all, r.stdout)
		}

		r = e.run("review", "--fail-on", "owner-inactive", "--format", "csv").expect(t, ExitError)
		if !strings.Contains(r.stderr, "--fail-on owner-inactive cannot be decided") || strings.Contains(r.stderr, "(--fail-on)") {
			t.Errorf("%s: --fail-on owner-inactive: %s", version, r.stderr)
		}
		if lines := strings.Count(r.stdout, "\n"); lines != all+1 {
			t.Errorf("%s: the report has %d lines, want the %d tokens and a header", version, lines, all)
		}

		// The report itself: every owner's sign-in unknown, said once.
		r = e.run("review", "--json").expect(t, ExitOK)
		var got []map[string]any
		must(t, json.Unmarshal([]byte(r.stdout), &got))
		for _, tok := range got {
			if _, ok := tok["owner"]; ok {
				t.Fatalf("%s: an owner without a date reported as %v", version, tok["owner"])
			}
		}
		if len(got) != all || strings.Count(r.stderr, "SIGNED IN shows ? (unknown), not never") != 1 {
			t.Errorf("%s: %d tokens, stderr %s", version, len(got), r.stderr)
		}
		r = e.run("review").expect(t, ExitOK)
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
			if f := strings.Fields(line); len(f) < 2 || f[1] != "?" {
				t.Fatalf("%s: SIGNED IN is not ?: %s", version, line)
			}
		}

		// One user's tokens: the listing dates no one, nor the caller.
		r = e.run("review", "--login", "admin", "--owner-inactive", "1d").expect(t, ExitError)
		if !strings.Contains(r.stderr, "--owner-inactive cannot tell") {
			t.Errorf("%s: review --login admin --owner-inactive: %s", version, r.stderr)
		}
	}
}

// TestReviewLoginNeverSignedIn: a user the listing gives no date, on a
// server whose listing dates its caller, never signed in, as before.
func TestReviewLoginNeverSignedIn(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	must(t, e.sim.AddUser(sonarsim.UserSpec{Login: "ghost", Name: "Never Came"}))
	e.issue(sonarsim.TokenSpec{Login: "ghost", Name: "ci", CreatedAt: now.Add(-200 * 24 * time.Hour)})
	r := e.run("review", "--login", "ghost", "--owner-inactive", "90d").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "ghost  never") || strings.Contains(r.stderr, "note:") {
		t.Errorf("review --login ghost --owner-inactive 90d:\n%s\n%s", r.stdout, r.stderr)
	}
}

// TestReviewPlanUnknownOwnerIsNotRevoked: a plan made with --owner-inactive
// revokes nothing whose owner's sign-in the listing no longer gives.
func TestReviewPlanUnknownOwnerIsNotRevoked(t *testing.T) {
	sim := sonarsim.New(sonarsim.Options{Empty: true, Now: func() time.Time { return now }})
	t.Cleanup(func() { _ = sim.Close() })
	signed := now.Add(-200 * 24 * time.Hour)
	must(t, sim.AddUser(sonarsim.UserSpec{Login: "left", LastConnection: &signed}))
	_, err := sim.IssueToken(sonarsim.TokenSpec{Login: "left", Name: "ci", CreatedAt: now.Add(-300 * 24 * time.Hour)})
	must(t, err)
	url, strip := undated(t, sim)
	strip.Store(false)
	e := &testEnv{t: t, sim: sim, url: url, vars: map[string]string{
		"SONAR_HOST_URL": url, "SONAR_TOKEN": sim.AdminToken(), "XDG_STATE_HOME": t.TempDir(),
	}}
	plan := t.TempDir() + "/left.plan"
	r := e.run("review", "--owner-inactive", "90d", "--unused-for", "90d", "--revoke", "--plan", plan).expect(t, ExitOK)
	if !strings.Contains(r.stdout, "1 token would be revoked") {
		t.Fatalf("dry run:\n%s", r.stdout)
	}
	// The proxy now drops the dates.
	strip.Store(true)
	r = e.run("review", "--owner-inactive", "90d", "--unused-for", "90d", "--revoke", "--yes", "--plan", plan).expect(t, ExitError)
	if !strings.Contains(r.stdout, `not revoked left "ci": its owner's last sign-in is unknown`) || len(sim.Tokens("left")) != 1 {
		t.Errorf("%s\n%s", r.stdout, r.stderr)
	}
}
