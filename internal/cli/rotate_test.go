package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// capture is a COMMAND that records what it received: its standard input,
// its own argv (as ps and /proc see it) and its environment.
const capture = `cat > "$DIR/in"; ps -o args= $$ > "$DIR/argv"; tr '\0' ' ' < /proc/$$/cmdline >> "$DIR/argv"; env > "$DIR/env"; tr '\0' '\n' < /proc/$$/environ >> "$DIR/env"`

func execEnviron(dir string) []string {
	return []string{"PATH=" + os.Getenv("PATH"), "DIR=" + dir}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	must(t, err)
	return string(b)
}

func TestRotateExecSuccess(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	e := newTestEnv(t, sonarsim.Options{})
	dir := t.TempDir()
	r := e.runWith(runOpts{environ: execEnviron(dir)}, "rotate", "scan-app", "--exec", capture).expect(t, ExitOK)

	value := strings.TrimSuffix(readFile(t, filepath.Join(dir, "in")), "\n")
	if !valueLine.MatchString(value+"\n") || !strings.HasPrefix(value, "sqp_") {
		t.Fatalf("COMMAND's stdin held %q, want one project token value", value)
	}
	argv := readFile(t, filepath.Join(dir, "argv"))
	env := readFile(t, filepath.Join(dir, "env"))
	if !strings.Contains(argv, "sh -c") {
		t.Errorf("argv capture did not work: %q", argv)
	}
	if !strings.Contains(env, "DIR="+dir) {
		t.Errorf("env capture did not work: %q", env)
	}
	for what, s := range map[string]string{"argv": argv, "environment": env, "stdout": r.stdout, "stderr": r.stderr} {
		if strings.Contains(s, value) || strings.Contains(s, value[4:]) {
			t.Errorf("the new value appears in COMMAND's %s", what)
		}
	}

	// Only the new token is left, with the old one's type, project and lifetime.
	if e.hasToken("admin", "scan-app") {
		t.Error("the old token was not revoked")
	}
	var found bool
	for _, tok := range e.sim.Tokens("admin") {
		if tok.Name == "scan-app-20260301" {
			found = true
			if tok.Type != "PROJECT_ANALYSIS_TOKEN" || tok.ProjectKey != "app" || tok.ExpiresAt != nil {
				t.Errorf("new token %+v", tok)
			}
		}
	}
	if !found {
		t.Fatalf("no scan-app-20260301 among %v", e.tokenNames("admin"))
	}
	// The value handed over is the new token's: it signs in.
	e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": value}}, "list").expect(t, ExitOK)
	if !strings.Contains(r.stderr, `Revoked the old token "scan-app"`) {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestRotateExecFailureKeepsTheOld(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	before := e.tokenNames("admin")
	r := e.runWith(runOpts{environ: execEnviron(t.TempDir())}, "rotate", "laptop", "--exec", "cat > /dev/null; echo nope >&2; exit 7").expect(t, ExitError)
	if !strings.Contains(r.stderr, `the command failed (exit status 7): the new token "laptop-20260301" was revoked and the old token "laptop" is kept unchanged`) {
		t.Errorf("stderr: %s", r.stderr)
	}
	if got := e.tokenNames("admin"); strings.Join(got, ",") != strings.Join(before, ",") {
		t.Errorf("tokens %v, want %v", got, before)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q", r.stdout)
	}
}

func TestRotateExecFailureAndRevokeFailure(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, PathPrefix: "/api/user_tokens/revoke", Status: 503})
	r := e.runWith(runOpts{environ: execEnviron(t.TempDir())}, "rotate", "laptop", "--exec", "exit 1").expect(t, ExitError)
	for _, want := range []string{`the old token "laptop" is kept, but revoking the new token "laptop-20260301" failed`, "Both tokens exist now", "sonartoken revoke laptop-20260301"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !e.hasToken("admin", "laptop") || !e.hasToken("admin", "laptop-20260301") {
		t.Errorf("tokens %v", e.tokenNames("admin"))
	}
}

func TestRotateWithoutExec(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	// Taken names get -2, -3...
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "laptop-20260301"})
	r := e.run("rotate", "laptop").expect(t, ExitOK)
	if !valueLine.MatchString(r.stdout) || !strings.HasPrefix(r.stdout, "squ_") {
		t.Errorf("stdout %q", r.stdout)
	}
	if e.hasToken("admin", "laptop") || !e.hasToken("admin", "laptop-20260301-2") {
		t.Errorf("tokens %v", e.tokenNames("admin"))
	}
	// The lifetime is kept: laptop was created 60 days before it expires... 63.
	for _, tok := range e.sim.Tokens("admin") {
		if tok.Name == "laptop-20260301-2" {
			if tok.ExpiresAt == nil || tok.ExpiresAt.UTC().Format(time.DateOnly) != "2026-05-03" {
				t.Errorf("expiry %v, want 2026-05-03 (63 days)", tok.ExpiresAt)
			}
		}
	}
	e.run("rotate", "release", "--new-name", "x").expect(t, ExitNotFound)
	e.run("rotate", "expired-ci", "--new-name", "ci-2026").expect(t, ExitOK)
	if !e.hasToken("admin", "ci-2026") || e.hasToken("admin", "expired-ci") {
		t.Errorf("tokens %v", e.tokenNames("admin"))
	}
}

func TestRotateUnderMaxLifetime(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{MaxTokenLifetime: "30 days"})
	e.run("rotate", "scan-app").expect(t, ExitOK)
	for _, tok := range e.sim.Tokens("admin") {
		if tok.Name == "scan-app-20260301" && (tok.ExpiresAt == nil || tok.ExpiresAt.UTC().Format(time.DateOnly) != "2026-03-31") {
			t.Errorf("expiry %v, want capped to 2026-03-31", tok.ExpiresAt)
		}
	}
}

func TestReplacementName(t *testing.T) {
	day := time.Date(2026, 1, 2, 23, 0, 0, 0, time.UTC)
	toks := []model.Token{{Name: "ci-20260102"}, {Name: "ci-20260102-2"}}
	if got := replacementName("ci", day, toks); got != "ci-20260102-3" {
		t.Errorf("got %q", got)
	}
	long := strings.Repeat("é", 100)
	got := replacementName(long, day, nil)
	if n := len([]rune(got)); n != 100 || !strings.HasSuffix(got, "-20260102") {
		t.Errorf("got %q (%d)", got, n)
	}
}

// TestRotateExecStripsTheConsoleToken: COMMAND gets the new value on its
// standard input, and not the console's own token through SONAR_TOKEN,
// which sonartoken itself read.
func TestRotateExecStripsTheConsoleToken(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	dir := t.TempDir()
	own := e.vars["SONAR_TOKEN"]
	environ := append(execEnviron(dir), "SONAR_TOKEN="+own, "SONAR_HOST_URL="+e.url, "KEEP=me")
	e.runWith(runOpts{environ: environ}, "rotate", "laptop", "--exec", `cat > /dev/null; env > "$DIR/env"`).expect(t, ExitOK)
	env := readFile(t, filepath.Join(dir, "env"))
	if !strings.Contains(env, "KEEP=me") || !strings.Contains(env, "SONAR_HOST_URL="+e.url) {
		t.Fatalf("COMMAND lost variables it should keep:\n%s", env)
	}
	if strings.Contains(env, "SONAR_TOKEN") || strings.Contains(env, own) {
		t.Errorf("COMMAND's environment holds the console's token:\n%s", env)
	}
}
