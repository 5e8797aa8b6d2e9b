package cli

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// now is the clock of the tests, shared by the server and the commands.
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

// testEnv is a simulated SonarQube over real HTTP and the environment of
// the commands run against it.
type testEnv struct {
	t    *testing.T
	sim  *sonarsim.Server
	url  string
	vars map[string]string
	// tui replaces the console in runs of the root command.
	tui func(context.Context, tuiParams) error
	// zone is the user's time zone (nil: time.Local, UTC in the tests).
	zone *time.Location
}

// newTestEnv starts an empty simulator holding admin (with its console
// token), a non-admin user dev, a project app on which dev may scan, and
// admin's tokens:
//
//	expired-ci  user token, expired, last used
//	laptop      user token, expiring in 3 days, never used
//	scan-app    project token on app, no expiration, last used
func newTestEnv(t *testing.T, opts sonarsim.Options) *testEnv {
	t.Helper()
	opts.Empty = true
	if opts.Now == nil {
		opts.Now = func() time.Time { return now }
	}
	sim := sonarsim.New(opts)
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	must(t, sim.AddUser(sonarsim.UserSpec{Login: "dev", Name: "Dev Eloper"}))
	must(t, sim.AddProject(sonarsim.ProjectSpec{Key: "app", Name: "The App", ScanLogins: []string{"dev", "admin"}}))
	e := &testEnv{t: t, sim: sim, url: srv.URL, vars: map[string]string{
		"SONAR_HOST_URL": srv.URL,
		"SONAR_TOKEN":    sim.AdminToken(),
		// The audit log goes to a folder of the test's own.
		"XDG_STATE_HOME": t.TempDir(),
	}}
	if opts.Version == "8.9" || opts.Cloud {
		return e
	}
	created := now.Add(-60 * 24 * time.Hour)
	used := now.Add(-48 * time.Hour)
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "expired-ci", CreatedAt: created, LastUsed: &used, ExpiresAt: ptr(now.Add(-24 * time.Hour))})
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "laptop", CreatedAt: created, ExpiresAt: ptr(now.Add(3 * 24 * time.Hour))})
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "scan-app", Type: "PROJECT_ANALYSIS_TOKEN", ProjectKey: "app", CreatedAt: created, LastUsed: &used})
	return e
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (e *testEnv) issue(spec sonarsim.TokenSpec) string {
	e.t.Helper()
	v, err := e.sim.IssueToken(spec)
	must(e.t, err)
	return v
}

// devToken gives dev a user token and returns its value.
func (e *testEnv) devToken() string {
	return e.issue(sonarsim.TokenSpec{Login: "dev", Name: "dev-console", CreatedAt: now.Add(-time.Hour)})
}

// result is the outcome of one run.
type result struct {
	code           int
	stdout, stderr string
}

// runOpts tunes a run.
type runOpts struct {
	stdin    string
	terminal bool
	// stdinTerminal makes standard input a terminal, where the user can
	// be asked a question.
	stdinTerminal bool
	vars          map[string]string // added to (or, with "", removed from) the env
	environ       []string          // handed to rotate --exec
}

func (e *testEnv) run(args ...string) result {
	return e.runWith(runOpts{}, args...)
}

func (e *testEnv) runWith(o runOpts, args ...string) result {
	e.t.Helper()
	vars := map[string]string{}
	for k, v := range e.vars {
		vars[k] = v
	}
	for k, v := range o.vars {
		vars[k] = v
	}
	var out, errb bytes.Buffer
	var in io.Reader = strings.NewReader(o.stdin)
	if o.stdinTerminal {
		in = ttyReader{in}
	}
	a := &app{io: IO{
		In:         in,
		Out:        &out,
		Err:        &errb,
		Getenv:     func(k string) string { return vars[k] },
		Environ:    func() []string { return o.environ },
		IsTerminal: func(io.Writer) bool { return o.terminal },
		Now:        func() time.Time { return now },
		Zone:       e.zone,
		AuditPath:  func() (string, error) { return audit.DefaultPath(func(k string) string { return vars[k] }) },
	}.withDefaults(), tui: e.tui}
	if a.tui == nil {
		a.tui = func(context.Context, tuiParams) error { return nil }
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := a.run(ctx, args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// ttyReader is standard input that says it is a terminal.
type ttyReader struct{ io.Reader }

func (ttyReader) IsTerminal() bool { return true }

// expect fails the test unless the run exited with code.
func (r result) expect(t *testing.T, code int) result {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	return r
}

// tokenNames lists a user's tokens on the server.
func (e *testEnv) tokenNames(login string) []string {
	var names []string
	for _, t := range e.sim.Tokens(login) {
		names = append(names, t.Name)
	}
	return names
}

func (e *testEnv) hasToken(login, name string) bool {
	for _, n := range e.tokenNames(login) {
		if n == name {
			return true
		}
	}
	return false
}

func writeTemp(t *testing.T, name, content string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	must(t, os.WriteFile(p, []byte(content), 0o600))
	must(t, os.Chmod(p, mode))
	return p
}
