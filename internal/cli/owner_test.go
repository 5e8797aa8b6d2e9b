package cli

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestReviewOwnerInactive: against `sim --users 200`, review
// --owner-inactive 90d keeps exactly the tokens whose owner's last sign-in
// (the later of the two dates) is more than 90 days old or absent,
// counted here from the server's own state; --fail-on owner-inactive
// exits 6 naming as many.
func TestReviewOwnerInactive(t *testing.T) {
	for _, version := range []string{"10.6", "9.9"} {
		sim := sonarsim.New(sonarsim.Options{Version: version, Seed: 11, Users: 200, Tokens: 400, Now: func() time.Time { return now }})
		srv := httptest.NewServer(sim.Handler())
		t.Cleanup(func() { srv.Close(); _ = sim.Close() })
		e := &testEnv{t: t, sim: sim, url: srv.URL, vars: map[string]string{
			"SONAR_HOST_URL": srv.URL, "SONAR_TOKEN": sim.AdminToken(), "XDG_STATE_HOME": t.TempDir(),
		}}
		r := e.run("review", "--owner-inactive", "90d", "--json").expect(t, ExitOK)
		var got []map[string]any
		must(t, json.Unmarshal([]byte(r.stdout), &got))

		// The expected count, from the server's state.
		want, never := 0, 0
		for _, tok := range sim.AllTokens() {
			u, _ := sim.User(tok.Login)
			if !u.Active {
				continue
			}
			last := u.LastConnection
			if l := u.SonarLintLastConnection; l != nil && (last == nil || l.After(*last)) {
				last = l
			}
			if last == nil || now.Sub(*last) > 90*24*time.Hour {
				want++
				if last == nil {
					never++
				}
			}
		}
		if len(got) != want || want < 20 || never == 0 {
			t.Fatalf("%s: %d tokens of owners inactive for 90 days, want %d (%d never signed in)", version, len(got), want, never)
		}
		nulls := 0
		for _, tok := range got {
			owner, ok := tok["owner"].(map[string]any)
			if !ok {
				t.Fatalf("%s: no owner in %v", version, tok)
			}
			if owner["lastSignIn"] == nil {
				nulls++
				continue
			}
			at, err := time.Parse(time.RFC3339, owner["lastSignIn"].(string))
			if err != nil || now.Sub(at) <= 90*24*time.Hour {
				t.Errorf("%s: %v kept with a sign-in %v", version, tok["login"], owner["lastSignIn"])
			}
		}
		if nulls != never {
			t.Errorf("%s: %d owners never signed in, want %d", version, nulls, never)
		}

		r = e.run("review", "--fail-on", "owner-inactive", "--format", "csv").expect(t, ExitFailOn)
		if !strings.Contains(r.stderr, strings.Repeat("", 0)+itoa(want)+" reported tokens are owner-inactive (their owners have not signed in for 90 days) (--fail-on)") {
			t.Errorf("%s: stderr %s", version, r.stderr)
		}
		if !strings.HasPrefix(r.stdout, "login,name,type,projectKey,createdAt,lastConnectionDate,expirationDate,status,ownerLastSignIn\n") {
			t.Errorf("%s: csv header %.120s", version, r.stdout)
		}
		// A longer window keeps fewer.
		r = e.run("review", "--owner-inactive", "365d", "--json").expect(t, ExitOK)
		must(t, json.Unmarshal([]byte(r.stdout), &got))
		if len(got) >= want || len(got) < never {
			t.Errorf("%s: 365 days kept %d of %d", version, len(got), want)
		}
	}
}

// TestReviewOwnerColumn: the table shows each owner's last sign-in, and
// a review of one login learns it from the user listing.
func TestReviewOwnerColumn(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	signed := now.Add(-100 * 24 * time.Hour)
	must(t, e.sim.AddUser(sonarsim.UserSpec{Login: "left", LastConnection: &signed}))
	e.issue(sonarsim.TokenSpec{Login: "left", Name: "ci", CreatedAt: now.Add(-200 * 24 * time.Hour)})
	r := e.run("review", "--login", "left").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "left   2025-11-21  ci") {
		t.Errorf("review --login left:\n%s", r.stdout)
	}
	r = e.run("review", "--owner-inactive", "90d").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "left   2025-11-21  ci") || !strings.Contains(r.stdout, "dev    never") && strings.Contains(r.stdout, "admin") {
		t.Errorf("review --owner-inactive 90d:\n%s", r.stdout)
	}
	e.run("review", "--owner-inactive", "soon").expect(t, ExitUsage)
	r = e.run("list", "--fail-on", "owner-inactive").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "applies to review") {
		t.Errorf("list --fail-on owner-inactive: %s", r.stderr)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
