package cli

import (
	"encoding/csv"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// twoServers is a configuration with the profiles staging and prod, each
// on its own simulator with its token in the keychain.
type twoServers struct {
	e              *testEnv // staging
	prod           *sonarsim.Server
	prodURL        string
	h              *home
	stagingToken   string
	prodAdminToken string
}

func newTwoServers(t *testing.T) *twoServers {
	e := newTestEnv(t, sonarsim.Options{})
	prod := sonarsim.New(sonarsim.Options{Empty: true, Now: func() time.Time { return now }})
	srv := httptest.NewServer(prod.Handler())
	t.Cleanup(func() { srv.Close(); _ = prod.Close() })
	if _, err := prod.IssueToken(sonarsim.TokenSpec{Login: "admin", Name: "prod-deploy", CreatedAt: now.Add(-400 * 24 * time.Hour), ExpiresAt: ptr(now.Add(-2 * 24 * time.Hour))}); err != nil {
		t.Fatal(err)
	}
	h := newHome(t)
	saveConfig(t, h.path, config.File{Profiles: []config.Profile{
		{Name: "staging", URL: e.url, Token: config.TokenFromKeychain},
		{Name: "prod", URL: srv.URL, Token: config.TokenFromKeychain},
	}})
	must(t, h.kc.Set("staging", model.NewSecret(e.sim.AdminToken())))
	must(t, h.kc.Set("prod", model.NewSecret(prod.AdminToken())))
	return &twoServers{e: e, prod: prod, prodURL: srv.URL, h: h, stagingToken: e.sim.AdminToken(), prodAdminToken: prod.AdminToken()}
}

// checkOwnTokens fails unless every request each server got was signed in
// as its admin: a token sent to the wrong server would be refused (401).
func (ts *twoServers) checkOwnTokens(t *testing.T) {
	t.Helper()
	for name, sim := range map[string]*sonarsim.Server{"staging": ts.e.sim, "prod": ts.prod} {
		reqs := sim.Requests()
		if len(reqs) == 0 {
			t.Errorf("%s got no request", name)
		}
		for _, r := range reqs {
			if r.Status == 401 || (r.Path != "/api/server/version" && r.Login != "admin") {
				t.Errorf("%s: %s %s answered %d as %q: another server's token?", name, r.Method, r.Path, r.Status, r.Login)
			}
		}
	}
}

func TestReviewSeveralProfiles(t *testing.T) {
	ts := newTwoServers(t)
	// The environment names staging's server and token: neither may
	// reach prod.
	env := map[string]string{"SONAR_HOST_URL": ts.e.url, "SONAR_TOKEN": ts.stagingToken, "XDG_STATE_HOME": t.TempDir()}

	r := ts.e.runIn(ts.h, env, "", "review", "--profile", "staging", "--profile", "prod", "--status", "expired").expect(t, 0)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "SERVER") || !strings.HasPrefix(lines[1], ts.e.url) || !strings.Contains(lines[1], "expired-ci") ||
		!strings.HasPrefix(lines[2], ts.prodURL) || !strings.Contains(lines[2], "prod-deploy") {
		t.Errorf("table:\n%s", r.stdout)
	}

	r = ts.e.runIn(ts.h, env, "", "review", "--all-profiles", "--status", "expired", "--json").expect(t, 0)
	var js []tokenJSON
	must(t, json.Unmarshal([]byte(r.stdout), &js))
	if len(js) != 2 || js[0].Server != ts.e.url || js[0].Name != "expired-ci" || js[1].Server != ts.prodURL || js[1].Name != "prod-deploy" {
		t.Errorf("json: %+v", js)
	}
	r = ts.e.runIn(ts.h, env, "", "review", "--all-profiles", "--status", "expired", "--format", "csv").expect(t, 0)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	must(t, err)
	if len(rows) != 3 || rows[0][0] != "server" || rows[2][0] != ts.prodURL || rows[2][2] != "prod-deploy" {
		t.Errorf("csv: %v", rows)
	}
	r = ts.e.runIn(ts.h, env, "", "review", "--all-profiles", "--status", "expired", "--format", "markdown", "--fail-on", "expired").expect(t, ExitFailOn)
	if !strings.Contains(r.stdout, "| Server | Login |") || !strings.Contains(r.stdout, "**2 tokens**") {
		t.Errorf("markdown:\n%s", r.stdout)
	}
	ts.checkOwnTokens(t)

	// Housekeeping across both, each revocation on its own server.
	r = ts.e.runIn(ts.h, env, "", "review", "--all-profiles", "--status", "expired", "--revoke", "--yes").expect(t, 0)
	if !strings.Contains(r.stdout, `revoked admin "prod-deploy" on `+ts.prodURL) || ts.e.hasToken("admin", "expired-ci") || len(ts.prod.Tokens("admin")) != 1 {
		t.Errorf("revoke across profiles:\n%s", r.stdout)
	}
	ts.checkOwnTokens(t)
}

func TestReviewSeveralProfilesRefusals(t *testing.T) {
	ts := newTwoServers(t)
	env := map[string]string{"XDG_STATE_HOME": t.TempDir()}
	for _, args := range [][]string{
		{"list", "--profile", "staging", "--profile", "prod"},
		{"review", "--profile", "staging", "--profile", "prod", "--url", ts.prodURL},
		{"review", "--all-profiles", "--profile", "prod"},
	} {
		if r := ts.e.runIn(ts.h, env, "", args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, r.code, ExitUsage, r.stderr)
		}
	}
	// A profile whose server is down: the report has the other, and says
	// what it lacks (exit 1).
	saveConfig(t, ts.h.path, config.File{Profiles: []config.Profile{
		{Name: "staging", URL: ts.e.url, Token: config.TokenFromKeychain},
		{Name: "gone", URL: "http://127.0.0.1:1", Token: config.TokenFromKeychain},
	}})
	must(t, ts.h.kc.Set("gone", model.NewSecret("squ_gone")))
	r := ts.e.runIn(ts.h, env, "", "review", "--all-profiles", "--status", "expired").expect(t, ExitError)
	if !strings.Contains(r.stdout, "expired-ci") || !strings.Contains(r.stderr, "the report lacks profile gone") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}
