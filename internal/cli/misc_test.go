package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
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

func TestSimCommand(t *testing.T) {
	pr, pw := io.Pipe()
	errb := &syncWriter{w: &strings.Builder{}}
	a := &app{io: IO{Out: pw, Err: errb}.withDefaults(), tui: runTUI}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- a.run(ctx, []string{"sim", "--users", "3", "--projects", "2", "--tokens", "10", "--seed", "7", "--server-version", "9.9"})
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var lines []string
	for len(lines) < 2 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "SONAR_HOST_URL=http://127.0.0.1:") || !strings.HasPrefix(lines[1], "SONAR_TOKEN=squ_") {
		t.Fatalf("first lines %q", lines)
	}
	url := strings.TrimPrefix(lines[0], "SONAR_HOST_URL=")
	token := strings.TrimPrefix(lines[1], "SONAR_TOKEN=")

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

	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("sim exited %d: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sim did not stop")
	}
	if _, err := http.Get(url + "/api/server/version"); err == nil {
		t.Error("the server still answers after stopping")
	}
}

func TestSimFlags(t *testing.T) {
	e := &testEnv{t: t}
	e.run("sim", "--server-version", "7.9").expect(t, ExitUsage)
	e.run("sim", "--max-token-lifetime", "2y").expect(t, ExitUsage)
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
		"http://127.0.0.1:9000": {"http://127.0.0.1:9000", false},
		"http://[::]:9000":      {"http://127.0.0.1:9000", true},
		"http://0.0.0.0:9000":   {"http://127.0.0.1:9000", true},
		"http://10.1.2.3:9000":  {"http://10.1.2.3:9000", true},
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
