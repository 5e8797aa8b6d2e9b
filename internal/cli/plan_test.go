//go:build linux

package cli

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// revokeOnServer revokes a token behind sonartoken's back, as another
// administrator would.
func (e *testEnv) revokeOnServer(login, name string) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.url+"/api/user_tokens/revoke", strings.NewReader(url.Values{"login": {login}, "name": {name}}.Encode()))
	must(e.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(e.sim.AdminToken(), "")
	res, err := http.DefaultClient.Do(req)
	must(e.t, err)
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		e.t.Fatalf("revoke %s %s: %d", login, name, res.StatusCode)
	}
}

func readPlanFile(t *testing.T, path string) plan {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	var p plan
	must(t, json.Unmarshal(data, &p))
	return p
}

// TestReviewPlanRevokesExactlyThePlan: between review --revoke and
// --yes, a new matching token appeared and was revoked although the dry
// run never showed it. With --plan, --yes revokes exactly the plan's
// tokens that still exist as they were, and names the others.
func TestReviewPlanRevokesExactlyThePlan(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	old := now.Add(-400 * 24 * time.Hour)
	gone := now.Add(-24 * time.Hour)
	for _, n := range []string{"old-dev", "old-2", "old-3"} {
		e.issue(sonarsim.TokenSpec{Login: "dev", Name: n, CreatedAt: old, ExpiresAt: &gone})
	}
	path := filepath.Join(t.TempDir(), "expired.plan")

	r := e.run("review", "--status", "expired", "--revoke", "--plan", path).expect(t, ExitOK)
	if !strings.Contains(r.stdout, "Dry run: 4 tokens would be revoked, written to the plan "+path+". Run sonartoken review --revoke --yes --plan "+path+" to revoke exactly them.") {
		t.Errorf("dry run:\n%s", r.stdout)
	}
	fi, err := os.Lstat(path)
	must(t, err)
	if fi.Mode().Perm() != 0o600 || !fi.Mode().IsRegular() {
		t.Errorf("plan mode %v, want a regular file, 0600", fi.Mode())
	}
	p := readPlanFile(t, path)
	var listed []string
	for _, pt := range p.Tokens {
		listed = append(listed, pt.Login+"/"+pt.Name+"@"+pt.CreatedAt)
		if pt.Server != e.url {
			t.Errorf("server %q, want %q", pt.Server, e.url)
		}
	}
	if got, want := strings.Join(listed, " "), "admin/expired-ci@2025-12-31T12:00:00+0000 dev/old-2@2025-01-25T12:00:00+0000 dev/old-3@2025-01-25T12:00:00+0000 dev/old-dev@2025-01-25T12:00:00+0000"; got != want {
		t.Errorf("the plan lists\n %s\nwant\n %s", got, want)
	}
	if e.countRequests("/api/user_tokens/revoke") != 0 {
		t.Fatal("the dry run revoked")
	}

	// Meanwhile: a new expired token, old-dev revoked and created again,
	// old-2 revoked by someone else.
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "new-expired", CreatedAt: now.Add(-2 * 24 * time.Hour), ExpiresAt: &gone})
	e.revokeOnServer("dev", "old-dev")
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "old-dev", CreatedAt: now.Add(-2 * 24 * time.Hour), ExpiresAt: &gone})
	e.revokeOnServer("dev", "old-2")
	e.sim.ResetRequests()

	r = e.run("review", "--revoke", "--yes", "--plan", path).expect(t, ExitError)
	for _, want := range []string{
		`not revoked dev "old-2": gone since the plan was made`,
		`not revoked dev "old-dev": created again since the plan was made (created 2026-02-27T12:00:00+0000, the plan has 2025-01-25T12:00:00+0000): not the token the dry run showed`,
		`revoked admin "expired-ci"`,
		`revoked dev "old-3"`,
		"Revoked 2 tokens.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--yes --plan lacks %q:\n%s", want, r.stdout)
		}
	}
	if want := "sonartoken: 1 token of the plan changed since it was made and was not revoked (see above): review them, and make a new plan if they should go\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	if !e.hasToken("dev", "new-expired") || !e.hasToken("dev", "old-dev") || e.hasToken("dev", "old-3") || e.hasToken("admin", "expired-ci") {
		t.Errorf("after --yes --plan: admin %v, dev %v", e.tokenNames("admin"), e.tokenNames("dev"))
	}
	if n := e.countRequests("/api/user_tokens/revoke"); n != 2 {
		t.Errorf("%d revokes sent, want 2", n)
	}
	// No scan: the plan's users only.
	if n := e.countRequests("/api/users/search"); n != 0 {
		t.Errorf("%d pages of users asked", n)
	}
	got := e.auditEntries()
	if len(got) != 2 || got[0].Action != audit.Revoke || got[1].Action != audit.Revoke {
		t.Errorf("audit: %+v", got)
	}

	// Without a plan, --yes keeps its behaviour, race included: it
	// revokes what matches now, new-expired too.
	e.run("review", "--status", "expired", "--revoke", "--yes").expect(t, ExitOK)
	if e.hasToken("dev", "new-expired") || e.hasToken("dev", "old-dev") {
		t.Errorf("--yes without a plan: dev %v", e.tokenNames("dev"))
	}
}

// TestReviewPlanRechecksTheFiltersGiven: a token used since the plan was
// made no longer matches --unused-for, given again with --yes --plan.
func TestReviewPlanRechecksTheFiltersGiven(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	path := filepath.Join(t.TempDir(), "p")
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "idle", CreatedAt: now.Add(-400 * 24 * time.Hour)})
	e.run("review", "--unused-for", "90d", "--login", "dev", "--revoke", "--plan", path).expect(t, ExitOK)
	if p := readPlanFile(t, path); len(p.Tokens) != 1 || p.Tokens[0].Name != "idle" {
		t.Fatalf("plan %+v", p)
	}
	// dev uses it (the simulator records a use as a token made again).
	e.revokeOnServer("dev", "idle")
	used := now.Add(-time.Hour)
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "idle", CreatedAt: now.Add(-400 * 24 * time.Hour), LastUsed: &used})
	r := e.run("review", "--unused-for", "90d", "--revoke", "--yes", "--plan", path).expect(t, ExitError)
	if !strings.Contains(r.stdout, `not revoked dev "idle": no longer matches the filters given`) || !e.hasToken("dev", "idle") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
}

// TestReviewPlanFileRefusals: the plan is written only to a regular file
// or a new one (a link planted at its path is not followed, a FIFO not
// opened), and read only from a file of the user's own that nobody else
// may change, that is a plan, lists each token once, and is for a server
// this run reaches. Nothing is revoked on a refusal.
func TestReviewPlanFileRefusals(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	must(t, os.WriteFile(target, []byte("keep"), 0o644))
	link := filepath.Join(dir, "link")
	must(t, os.Symlink(target, link))
	fifo := filepath.Join(dir, "fifo")
	must(t, syscall.Mkfifo(fifo, 0o600))

	for path, want := range map[string]string{
		link: "is a symbolic link, not a regular file",
		fifo: "is a named pipe (FIFO), not a regular file",
		dir:  "is a folder, not a regular file",
	} {
		r := e.run("review", "--status", "expired", "--revoke", "--plan", path).expect(t, ExitError)
		if !strings.Contains(r.stderr, "--plan "+path+" "+want) {
			t.Errorf("%s: stderr %q, want %q", path, r.stderr, want)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the link's target was written: %q", b)
	}

	good := filepath.Join(dir, "good.plan")
	e.run("review", "--status", "expired", "--revoke", "--plan", good).expect(t, ExitOK)
	data, err := os.ReadFile(good)
	must(t, err)
	planted := func(name, content string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte(content), 0o600))
		must(t, os.Chmod(p, mode))
		return p
	}
	var p plan
	must(t, json.Unmarshal(data, &p))
	twice := p
	twice.Tokens = append(twice.Tokens, p.Tokens...)
	twiceJSON, _ := json.Marshal(twice)
	elsewhere := p
	elsewhere.Tokens = []planToken{{Server: "https://sonar.example.com", Login: "admin", Name: "expired-ci", CreatedAt: p.Tokens[0].CreatedAt}}
	elsewhereJSON, _ := json.Marshal(elsewhere)
	badDate := strings.Replace(string(data), p.Tokens[0].CreatedAt, "yesterday", 1)

	for _, c := range []struct {
		path, want string
		code       int
	}{
		{planted("writable.plan", string(data), 0o666), "may be changed by group or others (mode 0666): sonartoken acts only on a plan you alone can change: run chmod 600 " + dir + "/writable.plan", ExitError},
		{planted("not-a-plan.json", `[{"login":"admin","name":"laptop"}]`, 0o600), "is not a plan of review --revoke --plan", ExitError},
		{planted("twice.plan", string(twiceJSON), 0o600), `lists admin "expired-ci" twice`, ExitError},
		{planted("date.plan", badDate, 0o600), `the creation date of admin "expired-ci" is not a date the server writes: "yesterday"`, ExitError},
		{planted("elsewhere.plan", string(elsewhereJSON), 0o600), "the plan lists tokens of https://sonar.example.com, which this run does not reach", ExitUsage},
		{fifo, "plan file " + fifo + " is a named pipe (FIFO), not a regular file", ExitError},
		{filepath.Join(dir, "missing.plan"), "read the plan:", ExitError},
	} {
		r := e.run("review", "--revoke", "--yes", "--plan", c.path)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and %q", filepath.Base(c.path), r.code, r.stderr, c.code, c.want)
		}
	}
	if n := e.countRequests("/api/user_tokens/revoke"); n != 0 || !e.hasToken("admin", "expired-ci") {
		t.Errorf("%d revokes sent on refused plans", n)
	}
	// The good plan still works.
	e.run("review", "--revoke", "--yes", "--plan", good).expect(t, ExitOK)
	if e.hasToken("admin", "expired-ci") {
		t.Error("the good plan was not carried out")
	}
}

// TestReviewPlanFlags: --plan goes with --revoke; --yes --plan needs no
// filter, and takes no --login.
func TestReviewPlanFlags(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"review", "--plan", "p"}, "--plan goes with --revoke"},
		{[]string{"review", "--revoke", "--plan", "p"}, "--revoke needs a filter"},
		{[]string{"review", "--revoke", "--yes", "--plan", "p", "--login", "dev"}, "--login does not go with --yes --plan"},
		{[]string{"review", "--revoke", "--yes", "--plan", "p", "--read-only"}, "--read-only: review --revoke changes the server"},
	} {
		r := e.run(c.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestReviewPlanOwnerInactive: a plan made with --owner-inactive, carried
// out with the same filters, revokes the tokens of the owners who left:
// --yes --plan learns each owner's last sign-in as the scan did, instead
// of finding that no token "matches the filters given" any more.
func TestReviewPlanOwnerInactive(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	left, recent := now.Add(-400*24*time.Hour), now.Add(-24*time.Hour)
	must(t, e.sim.AddUser(sonarsim.UserSpec{Login: "left", Name: "Gone Away", LastConnection: &left}))
	must(t, e.sim.AddUser(sonarsim.UserSpec{Login: "here", Name: "Still Here", LastConnection: &recent}))
	e.issue(sonarsim.TokenSpec{Login: "left", Name: "ci", CreatedAt: left})
	e.issue(sonarsim.TokenSpec{Login: "here", Name: "ci", CreatedAt: left})
	path := filepath.Join(t.TempDir(), "left.plan")
	filters := []string{"review", "--status", "no-expiration", "--owner-inactive", "90d", "--revoke"}

	e.run(append(filters, "--plan", path)...).expect(t, ExitOK)
	if p := readPlanFile(t, path); len(p.Tokens) != 1 || p.Tokens[0].Login != "left" {
		t.Fatalf("plan %+v", p)
	}
	r := e.run(append(filters, "--yes", "--plan", path)...).expect(t, ExitOK)
	if !strings.Contains(r.stdout, `revoked left "ci"`) || e.hasToken("left", "ci") || !e.hasToken("here", "ci") {
		t.Errorf("--yes --plan with --owner-inactive: left %v, here %v\n%s%s", e.tokenNames("left"), e.tokenNames("here"), r.stdout, r.stderr)
	}
}
