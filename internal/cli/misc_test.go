package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

func TestCompletionScripts(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	markers := map[string]string{
		"bash":       "__start_sonartoken",
		"zsh":        "#compdef sonartoken",
		"fish":       "complete -c sonartoken",
		"powershell": "Register-ArgumentCompleter",
	}
	for shell, marker := range markers {
		r := e.run("completion", shell).expect(t, ExitOK)
		if !strings.Contains(r.stdout, marker) {
			t.Errorf("%s script lacks %q", shell, marker)
		}
	}
	e.run("completion", "tcsh").expect(t, ExitUsage)
	e.run("completion").expect(t, ExitUsage)
}

func TestCompletionLoadsInBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	e := newTestEnv(t, sonarsim.Options{})
	script := writeTemp(t, "sonartoken.bash", e.run("completion", "bash").expect(t, ExitOK).stdout, 0o600)
	out, err := exec.Command(bash, "--norc", "--noprofile", "-c", "source "+script+" && complete -p sonartoken").CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "complete -o default -F __start_sonartoken sonartoken") {
		t.Errorf("complete -p: %s", out)
	}
}

func TestCompletionOfTokenNames(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.run("__complete", "revoke", "").expect(t, ExitOK)
	for _, name := range []string{"laptop", "scan-app", "expired-ci"} {
		if !strings.Contains(r.stdout, name+"\n") {
			t.Errorf("completion lacks %s:\n%s", name, r.stdout)
		}
	}
	r = e.run("__complete", "generate", "x", "--type", "").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "project\n") {
		t.Errorf("--type completion:\n%s", r.stdout)
	}
}

func TestVersionCommand(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.run("version").expect(t, ExitOK)
	for _, want := range []string{"sonartoken ", "commit: ", "built: ", "go: go1."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("version lacks %q:\n%s", want, r.stdout)
		}
	}
	if e.run("--version").expect(t, ExitOK).stdout != r.stdout {
		t.Error("--version differs from version")
	}
}

func TestTokenFile(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	noEnv := map[string]string{"SONAR_TOKEN": ""}
	open := writeTemp(t, "token", e.sim.AdminToken()+"\n", 0o644)
	r := e.runWith(runOpts{vars: noEnv}, "list", "--token-file", open).expect(t, ExitError)
	if !strings.Contains(r.stderr, "chmod 600 "+open) || strings.Contains(r.stderr, e.sim.AdminToken()) {
		t.Errorf("stderr: %s", r.stderr)
	}
	private := writeTemp(t, "token", e.sim.AdminToken()+"\n", 0o600)
	e.runWith(runOpts{vars: noEnv}, "list", "--token-file", private).expect(t, ExitOK)
	// The flag wins over the environment.
	e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": "squ_wrong"}}, "list", "--token-file", private).expect(t, ExitOK)
	e.runWith(runOpts{vars: noEnv, stdin: e.sim.AdminToken() + "\n"}, "list", "--token-file", "-").expect(t, ExitOK)
	// And --url over SONAR_HOST_URL.
	e.runWith(runOpts{vars: map[string]string{"SONAR_HOST_URL": "http://127.0.0.1:1"}}, "list", "--url", e.url).expect(t, ExitOK)
}

func TestWarnings(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.runWith(runOpts{vars: map[string]string{"SONAR_HOST_URL": "http://sonar.invalid"}}, "list", "--timeout", "2s", "--insecure")
	for _, want := range []string{"warning: http://sonar.invalid uses plain http://", "clear text", "warning: --insecure"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.code != ExitError {
		t.Errorf("exit %d", r.code)
	}
	if r := e.run("list"); strings.Contains(r.stderr, "warning") {
		t.Errorf("warning for a loopback server: %s", r.stderr)
	}
}

func TestConsoleAndDemo(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	var got []tuiParams
	e.tui = func(ctx context.Context, p tuiParams) error {
		u, err := p.Client.CurrentUser(ctx)
		if err != nil || u.Login != "admin" || !u.IsAdmin() {
			t.Errorf("console signed in as %+v (%v)", u, err)
		}
		got = append(got, p)
		return nil
	}
	e.run("--read-only").expect(t, ExitOK)
	e.run("--demo").expect(t, ExitOK)
	if len(got) != 2 || !got[0].flags.readOnly || got[0].OwnTokenType != model.TypeUser || !got[1].flags.demo {
		t.Errorf("tui params %+v", got)
	}
	if got[1].Client.BaseURL() == e.url || !strings.HasPrefix(got[1].Client.BaseURL(), "http://127.0.0.1:") {
		t.Errorf("demo server at %s", got[1].Client.BaseURL())
	}
	e.run("--demo", "--url", e.url).expect(t, ExitUsage)
	r := e.runWith(runOpts{vars: map[string]string{"SONAR_HOST_URL": ""}}).expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "sonartoken --demo") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// simProcess is `sonartoken sim` running in-process until stop.
type simProcess struct {
	url, token string
	// extra is what follows the first two lines before the server runs
	// (SONARTOKEN_CLOUD=1 with --cloud).
	extra  []string
	errb   *syncWriter
	cancel context.CancelFunc
	done   chan int
}

// startSim runs `sonartoken sim ARGS` and reads its first two lines.
func startSim(t *testing.T, args ...string) *simProcess {
	t.Helper()
	pr, pw := io.Pipe()
	p := &simProcess{errb: &syncWriter{w: &strings.Builder{}}, done: make(chan int, 1)}
	a := &app{io: IO{Out: pw, Err: p.errb}.withDefaults(), tui: runTUI}
	var ctx context.Context
	ctx, p.cancel = context.WithCancel(context.Background())
	go func() {
		p.done <- a.run(ctx, append([]string{"sim"}, args...))
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var lines []string
	want := 2
	if slices.Contains(args, "--cloud") {
		want = 3
	}
	for len(lines) < want && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if len(lines) != want || !strings.HasPrefix(lines[0], "SONAR_HOST_URL=http://127.0.0.1:") || !strings.HasPrefix(lines[1], "SONAR_TOKEN=") {
		p.cancel()
		t.Fatalf("first lines %q", lines)
	}
	p.url = strings.TrimPrefix(lines[0], "SONAR_HOST_URL=")
	p.token = strings.TrimPrefix(lines[1], "SONAR_TOKEN=")
	p.extra = lines[2:]
	return p
}

// stop interrupts the server as SIGINT would and checks it exits cleanly.
func (p *simProcess) stop(t *testing.T) {
	t.Helper()
	p.cancel()
	select {
	case code := <-p.done:
		if code != ExitOK {
			t.Errorf("sim exited %d: %s", code, p.errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sim did not stop")
	}
}

func TestSimCommand(t *testing.T) {
	p := startSim(t, "--users", "3", "--projects", "2", "--tokens", "10", "--seed", "7", "--server-version", "9.9")
	if !strings.HasPrefix(p.token, "squ_") {
		t.Fatalf("SONAR_TOKEN is not a user token: %.4s…", p.token)
	}
	url, token := p.url, p.token

	// The curl checks of the foundation issue.
	req, _ := http.NewRequest(http.MethodGet, url+"/api/user_tokens/search", nil)
	req.SetBasicAuth(token, "")
	body := do(t, req, http.StatusOK)
	if !strings.Contains(body, `"login":"admin"`) || !strings.Contains(body, `"userTokens":[`) {
		t.Errorf("search: %s", body)
	}
	req, _ = http.NewRequest(http.MethodGet, url+"/api/user_tokens/generate?name=x", nil)
	req.SetBasicAuth(token, "")
	if body := do(t, req, http.StatusMethodNotAllowed); !strings.Contains(body, "HTTP method POST is required") {
		t.Errorf("GET generate: %s", body)
	}
	e := &testEnv{t: t, vars: map[string]string{"SONAR_HOST_URL": url, "SONAR_TOKEN": token}}
	e.run("list").expect(t, ExitOK)
	p.stop(t)
	if _, err := http.Get(url + "/api/server/version"); err == nil {
		t.Error("the server still answers after stopping")
	}
}

func TestSimFlags(t *testing.T) {
	e := &testEnv{t: t}
	e.run("sim", "--server-version", "7.9").expect(t, ExitUsage)
	e.run("sim", "--max-token-lifetime", "2y").expect(t, ExitUsage)
	e.run("sim", "--error-rate", "1.5").expect(t, ExitUsage)
	e.run("sim", "--drop-responses", "-1").expect(t, ExitUsage)
	e.run("sim", "--addr", "256.0.0.1:0").expect(t, ExitError)
	for in, want := range map[string]string{"30d": "30 days", "1 year": "1 year", "never": "No expiration", "": ""} {
		if got, err := simLifetime(in); err != nil || got != want {
			t.Errorf("simLifetime(%q) = %q, %v", in, got, err)
		}
	}
	for raw, want := range map[string]struct {
		url     string
		exposed bool
	}{
		"http://127.0.0.1:9000":           {"http://127.0.0.1:9000", false},
		"http://[::]:9000":                {"http://127.0.0.1:9000", true},
		"http://0.0.0.0:9000":             {"http://127.0.0.1:9000", true},
		"http://10.1.2.3:9000":            {"http://10.1.2.3:9000", true},
		"http://127.0.0.1:9000/sonarqube": {"http://127.0.0.1:9000/sonarqube", false},
		"http://0.0.0.0:9000/sonarqube":   {"http://127.0.0.1:9000/sonarqube", true},
	} {
		if u, x := reachableURL(raw); u != want.url || x != want.exposed {
			t.Errorf("reachableURL(%s) = %s, %v", raw, u, x)
		}
	}
}

func do(t *testing.T, req *http.Request, status int) string {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Errorf("%s %s: %d, want %d: %s", req.Method, req.URL.Path, resp.StatusCode, status, b)
	}
	return string(b)
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.(fmt.Stringer).String()
}

func TestNoFlagTakesAToken(t *testing.T) {
	root := (&app{io: IO{}.withDefaults()}).newRootCmd()
	for _, c := range append(root.Commands(), root) {
		for _, name := range []string{"token", "sonar-token", "password"} {
			if c.Flags().Lookup(name) != nil || c.PersistentFlags().Lookup(name) != nil {
				t.Errorf("%s has a --%s flag", c.Name(), name)
			}
		}
	}
}

// TestSimFaultFlags drives the simulator's fault knobs from its command
// line, as reliability work outside Go tests would, and checks what the
// commands then tell the user.
func TestSimFaultFlags(t *testing.T) {
	t.Run("drop-responses", func(t *testing.T) {
		p := startSim(t, "--tokens", "5", "--drop-responses", "1")
		defer p.stop(t)
		e := &testEnv{t: t, vars: map[string]string{"SONAR_HOST_URL": p.url, "SONAR_TOKEN": p.token}}
		// No expiry: the harness's clock is not the in-process server's.
		r := e.run("generate", "dropped", "--expires", "never").expect(t, ExitError)
		if r.stdout != "" || !strings.Contains(r.stderr, `"dropped" was created`) {
			t.Errorf("a dropped generate answer: stdout %q, stderr %q", r.stdout, r.stderr)
		}
		// Only the first answer was dropped: the token exists and is listed.
		if out := e.run("list", "--json").expect(t, ExitOK).stdout; !strings.Contains(out, `"name": "dropped"`) {
			t.Errorf("list after the dropped answer: %s", out)
		}
	})
	t.Run("error-rate", func(t *testing.T) {
		p := startSim(t, "--tokens", "5", "--error-rate", "1")
		defer p.stop(t)
		e := &testEnv{t: t, vars: map[string]string{"SONAR_HOST_URL": p.url, "SONAR_TOKEN": p.token}}
		r := e.run("list").expect(t, ExitError)
		if !strings.Contains(r.stderr, "An error has occurred. Please contact your administrator") {
			t.Errorf("list against a failing server: %q", r.stderr)
		}
	})
	t.Run("without-users-search", func(t *testing.T) {
		p := startSim(t, "--tokens", "5", "--without-users-search", "--server-version", "9.9")
		defer p.stop(t)
		e := &testEnv{t: t, vars: map[string]string{"SONAR_HOST_URL": p.url, "SONAR_TOKEN": p.token}}
		r := e.run("review").expect(t, ExitNotFound)
		if !strings.Contains(r.stderr, "api/users/search") {
			t.Errorf("review without api/users/search on 9.9: %q", r.stderr)
		}
	})
}
