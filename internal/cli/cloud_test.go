package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// newCloudEnv is `sim --cloud` over real HTTP, seeded (its caller, admin,
// holds ci-nightly, last used 50 days ago by the server's clock), with
// the commands told it is Cloud by SONARTOKEN_CLOUD, as sim prints it.
func newCloudEnv(t *testing.T) *testEnv {
	t.Helper()
	e := newTestEnv(t, sonarsim.Options{Cloud: true})
	// newTestEnv empties the server: seed the caller's Cloud tokens.
	day := 24 * time.Hour
	for _, spec := range []sonarsim.TokenSpec{
		{Login: "admin", Name: "ci-nightly", CreatedAt: now.Add(-120 * day), LastUsed: ptr(now.Add(-50 * day))},
		{Login: "admin", Name: "never-used", CreatedAt: now.Add(-55 * day)},
		{Login: "admin", Name: "laptop", CreatedAt: now.Add(-200 * day), LastUsed: ptr(now.Add(-2 * time.Hour)), ExpiresAt: ptr(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))},
	} {
		e.issue(spec)
	}
	e.vars["SONARTOKEN_CLOUD"] = "1"
	return e
}

// TestCloudList: on Cloud, list has no TYPE or PROJECT column, and says
// when each token goes if unused: ci-nightly, last used 50 days ago by
// the server's clock, in 10 days.
func TestCloudList(t *testing.T) {
	e := newCloudEnv(t)
	r := e.run("list").expect(t, ExitOK)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	header := strings.Fields(lines[0])
	if slices.Contains(header, "TYPE") || slices.Contains(header, "PROJECT") || !slices.Contains(header, "REMOVAL") {
		t.Errorf("header %q", lines[0])
	}
	for _, want := range []string{
		"ci-nightly          2026-01-10  2025-11-01  never       no-expiration  removed in 10 days if unused",
		"laptop              2026-03-01  2025-08-13  2026-06-01  active         removed in 60 days if unused",
		"never-used          never       2026-01-05  never       no-expiration  removed in 5 days if unused",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no line %q in:\n%s", want, r.stdout)
		}
	}
	var got []map[string]any
	must(t, json.Unmarshal([]byte(e.run("list", "--json").expect(t, ExitOK).stdout), &got))
	for _, tok := range got {
		rem, ok := tok["cloudRemoval"].(map[string]any)
		if !ok {
			t.Fatalf("no cloudRemoval in %v", tok)
		}
		if tok["name"] == "ci-nightly" && (rem["daysLeft"] != 10.0 || rem["date"] != "2026-03-11T12:00:00Z") {
			t.Errorf("ci-nightly's removal %v", rem)
		}
		if tok["type"] != nil || tok["project"] != nil {
			t.Errorf("Cloud token with a type or project: %v", tok)
		}
	}
	csv := e.run("list", "--format", "csv").expect(t, ExitOK).stdout
	if !strings.HasPrefix(csv, "login,name,type,projectKey,createdAt,lastConnectionDate,expirationDate,status,cloudRemovalDate\n") || !strings.Contains(csv, ",2026-03-11T12:00:00Z\n") {
		t.Errorf("csv:\n%s", csv)
	}

	// Eleven days on, by the server's clock, ci-nightly is gone.
	e.sim.Advance(11 * 24 * time.Hour)
	if r := e.run("list"); strings.Contains(r.stdout, "ci-nightly") || strings.Contains(r.stdout, "never-used") {
		t.Errorf("after 11 days:\n%s", r.stdout)
	}
}

// TestCloudFailOnInactive: --fail-on inactive exits 6 when a token is
// within 14 days (or =DAYS) of its removal, after the report.
func TestCloudFailOnInactive(t *testing.T) {
	e := newCloudEnv(t)
	r := e.run("list", "--fail-on", "inactive").expect(t, ExitFailOn)
	if !strings.Contains(r.stdout, "ci-nightly") || !strings.Contains(r.stderr, "2 reported tokens are inactive (SonarQube Cloud removes them within 14 days if unused) (--fail-on)") {
		t.Errorf("stdout:\n%s\nstderr: %s", r.stdout, r.stderr)
	}
	e.run("list", "--fail-on", "inactive=4").expect(t, ExitOK)
	r = e.run("list", "--fail-on", "inactive=7d", "--json").expect(t, ExitFailOn)
	if !strings.Contains(r.stderr, "1 reported token is inactive") {
		t.Errorf("stderr: %s", r.stderr)
	}
	e.run("list", "--fail-on", "inactive=soon").expect(t, ExitUsage)
	e.run("list", "--fail-on", "expired=3").expect(t, ExitUsage)

	// On SonarQube Server nothing removes unused tokens.
	s := newTestEnv(t, sonarsim.Options{})
	r = s.run("list", "--fail-on", "inactive").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "only SonarQube Cloud removes unused tokens") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// TestCloudRefusals: review, --login and analysis tokens are refused on
// Cloud with the reason, exit 2, and nothing is changed.
func TestCloudRefusals(t *testing.T) {
	e := newCloudEnv(t)
	must(t, e.sim.AddUser(sonarsim.UserSpec{Login: "jdoe"}))
	e.issue(sonarsim.TokenSpec{Login: "jdoe", Name: "ci-nightly"})
	before := e.tokenNames("admin")
	for _, args := range [][]string{
		{"review"},
		{"review", "--login", "admin"},
		{"list", "--login", "jdoe"},
		{"revoke", "ci-nightly", "--login", "jdoe", "--yes"},
		{"rotate", "ci-nightly", "--login", "jdoe"},
		{"generate", "x", "--login", "jdoe"},
	} {
		r := e.run(args...).expect(t, ExitUsage)
		if !strings.Contains(r.stderr, "SonarQube Cloud lists only your own tokens") {
			t.Errorf("%v: %s", args, r.stderr)
		}
	}
	if r := e.run("review"); !strings.Contains(r.stderr, "List yours with: sonartoken list") {
		t.Errorf("review: %s", r.stderr)
	}
	for _, args := range [][]string{
		{"generate", "x", "--type", "global"},
		{"generate", "x", "--project", "app"},
		{"generate", "x", "--type", "project", "--project", "app"},
	} {
		r := e.run(args...).expect(t, ExitUsage)
		if !strings.Contains(r.stderr, "SonarQube Cloud generates user tokens from a name and an expiration date only") {
			t.Errorf("%v: %s", args, r.stderr)
		}
	}
	if got := e.tokenNames("admin"); !slices.Equal(got, before) || len(e.tokenNames("jdoe")) != 1 {
		t.Errorf("tokens changed: %v, jdoe %v", got, e.tokenNames("jdoe"))
	}
	for _, r := range e.sim.Requests() {
		if strings.HasPrefix(r.Path, "/api/user_tokens/") && r.Params.Has("login") {
			t.Errorf("a login was sent to Cloud: %+v", r)
		}
	}
}

// TestCloudGenerateAndRotate: generate sends a name and an expiration
// only, which the server receives as such; rotate checks and replaces.
func TestCloudGenerateAndRotate(t *testing.T) {
	e := newCloudEnv(t)
	e.sim.ResetRequests()
	r := e.run("generate", "ci", "--type", "user").expect(t, ExitOK)
	// The simulator's Cloud values have no squ_ prefix (Cloud's format
	// is unconfirmed): 40 hexadecimal digits.
	if len(strings.TrimSpace(r.stdout)) != 40 {
		t.Errorf("stdout %q", r.stdout)
	}
	var gen []sonarsim.Request
	for _, q := range e.sim.Requests() {
		if q.Path == "/api/user_tokens/generate" {
			gen = append(gen, q)
		}
	}
	if len(gen) != 1 || len(gen[0].Params) != 2 || gen[0].Params.Get("name") != "ci" || gen[0].Params.Get("expirationDate") != "2026-03-31" || gen[0].Auth != "bearer" {
		t.Fatalf("the server received %+v", gen)
	}

	r = e.run("rotate", "ci-nightly").expect(t, ExitOK)
	if !strings.Contains(r.stderr, "The new token signs in as admin.") || e.hasToken("admin", "ci-nightly") || !e.hasToken("admin", "ci-nightly-20260301") {
		t.Errorf("rotate: %s\n%v", r.stderr, e.tokenNames("admin"))
	}
}

// TestCloudStatus: auth status names SonarQube Cloud.
func TestCloudStatus(t *testing.T) {
	e := newCloudEnv(t)
	r := e.run("auth", "status").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "SonarQube Cloud") || !strings.Contains(r.stdout, "Bearer") {
		t.Errorf("status:\n%s", r.stdout)
	}
}

// TestSimCloudCommand: `sonartoken sim --cloud --clock T` prints
// SONARTOKEN_CLOUD=1 after the two usual lines; what it prints is all the
// commands need, and its clock starts at T.
func TestSimCloudCommand(t *testing.T) {
	p := startSim(t, "--cloud", "--clock", "2026-03-01T12:00:00Z")
	defer p.stop(t)
	if len(p.extra) != 1 || p.extra[0] != "SONARTOKEN_CLOUD=1" {
		t.Fatalf("third line %q", p.extra)
	}
	e := &testEnv{t: t, vars: map[string]string{"SONAR_HOST_URL": p.url, "SONAR_TOKEN": p.token, "SONARTOKEN_CLOUD": "1", "XDG_STATE_HOME": t.TempDir()}}
	r := e.run("list").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "ci-nightly") || !strings.Contains(r.stdout, "removed in 10 days if unused") || strings.Contains(r.stdout, "TYPE") {
		t.Errorf("list:\n%s", r.stdout)
	}
	e.run("list", "--fail-on", "inactive").expect(t, ExitFailOn)
	r = e.run("review").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "SonarQube Cloud lists only your own tokens") {
		t.Errorf("review: %s", r.stderr)
	}
	if !strings.Contains(p.errb.String(), "SonarQube Cloud simulator") || !strings.Contains(p.errb.String(), "Its clock reads 2026-03-01T12:00:0") {
		t.Errorf("stderr: %s", p.errb.String())
	}
}

// TestSimFlagsRefused: Cloud has no version, edition or max lifetime; a
// clock must be a time, a date or an offset.
func TestSimFlagsRefused(t *testing.T) {
	e := &testEnv{t: t}
	for _, args := range [][]string{
		{"sim", "--cloud", "--server-version", "9.9"},
		{"sim", "--cloud", "--edition", "community"},
		{"sim", "--cloud", "--max-token-lifetime", "30d"},
		{"sim", "--clock", "yesterday"},
		{"sim", "--clock", "+many"},
	} {
		r := e.run(args...).expect(t, ExitUsage)
		if !strings.Contains(r.stderr, "--cloud") && !strings.Contains(r.stderr, "--clock") {
			t.Errorf("%v: %s", args, r.stderr)
		}
	}
}

// TestSimClockOffset: --clock +61d starts the server's clock 61 days
// ahead of the system's.
func TestSimClockOffset(t *testing.T) {
	clock, err := simClock("+61d", func() time.Time { return now })
	if err != nil || !clock().Equal(now.Add(61*24*time.Hour)) {
		t.Errorf("+61d: %v, %v", clock(), err)
	}
	clock, err = simClock("-12h", func() time.Time { return now })
	if err != nil || !clock().Equal(now.Add(-12*time.Hour)) {
		t.Errorf("-12h: %v, %v", clock(), err)
	}
	clock, err = simClock("2026-01-01", func() time.Time { return now })
	if err != nil || !clock().Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("a date: %v, %v", clock(), err)
	}
}

// TestSimRefuseNewTokensCommand: with --refuse-new-tokens, rotate keeps
// the old token and says why.
func TestSimRefuseNewTokensCommand(t *testing.T) {
	p := startSim(t, "--refuse-new-tokens", "--tokens", "10")
	defer p.stop(t)
	e := &testEnv{t: t, vars: map[string]string{"SONAR_HOST_URL": p.url, "SONAR_TOKEN": p.token, "XDG_STATE_HOME": t.TempDir()}}
	r := e.run("rotate", "release-bot").expect(t, ExitError)
	if !strings.Contains(r.stderr, `does not sign in: the server refused the new token (HTTP 401)`) || !strings.Contains(r.stderr, `the old token "release-bot" is kept unchanged`) {
		t.Errorf("rotate: %s", r.stderr)
	}
	if r := e.run("list"); !strings.Contains(r.stdout, "release-bot ") || strings.Contains(r.stdout, "release-bot-") {
		t.Errorf("list after the refused rotation:\n%s", r.stdout)
	}
}

// TestCloudAuthLogin: auth login --cloud, for SonarQube Cloud behind a
// host that is not sonarcloud.io, signs in as Cloud (Bearer) and saves
// cloud = true in the profile, so that the commands that use the profile
// later, without --cloud, treat the server as Cloud too.
func TestCloudAuthLogin(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{Cloud: true})
	h := newHome(t)
	r := e.runIn(h, nil, e.sim.AdminToken()+"\n", "auth", "login", "--profile", "cloud", "--url", e.url, "--cloud").expect(t, ExitOK)
	if !strings.Contains(r.stderr, "Signed in to "+e.url+" (SonarQube Cloud)") {
		t.Errorf("login:\n%s", r.stderr)
	}
	f, err := config.LoadFile(h.path)
	must(t, err)
	if p, ok := f.Lookup("cloud"); !ok || !p.Cloud {
		t.Errorf("profile %+v: cloud = true not saved", p)
	}
	r = e.runIn(h, nil, "", "auth", "status").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "Version:     SonarQube Cloud") || !strings.Contains(r.stdout, "Bearer authentication") {
		t.Errorf("status with the saved profile:\n%s", r.stdout)
	}
}

// TestCloudWelcome: sonartoken --cloud with nothing configured opens the
// welcome screen; the server typed there is dialled as SonarQube Cloud
// (Bearer, Cloud's limits), and the profile saved from it says
// cloud = true, as auth login --cloud's does.
func TestCloudWelcome(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{Cloud: true})
	h := newHome(t)
	var got tuiParams
	a := &app{io: IO{
		In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{},
		Getenv:     func(string) string { return "" },
		IsTerminal: func(io.Writer) bool { return true },
		Now:        func() time.Time { return now },
		Keychain:   h.kc,
		ConfigPath: func() (string, error) { return h.path, nil },
	}.withDefaults(), tui: func(_ context.Context, p tuiParams) error { got = p; return nil }}
	if code := a.run(context.Background(), []string{"--cloud"}); code != ExitOK || got.Dial == nil || got.Save == nil {
		t.Fatalf("console: exit %d, not the welcome screen", code)
	}
	svc, err := got.Dial(e.url, model.NewSecret(e.sim.AdminToken()))
	must(t, err)
	if c, ok := svc.(*client.Client); !ok || !c.Cloud() {
		t.Errorf("the welcome form's server is not dialled as Cloud: %T", svc)
	}
	if _, err := got.Save("cloud", e.url, model.NewSecret(e.sim.AdminToken())); err != nil {
		t.Fatal(err)
	}
	f, err := config.LoadFile(h.path)
	must(t, err)
	if p, ok := f.Lookup("cloud"); !ok || !p.Cloud {
		t.Errorf("profile %+v: cloud = true not saved", p)
	}
}
