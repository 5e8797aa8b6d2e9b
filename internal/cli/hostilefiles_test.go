//go:build unix

package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// within runs f and fails the test if it has not returned after five
// seconds: reading a FIFO without a writer blocks for ever, deaf to
// SIGINT.
func within(t *testing.T, f func() result) result {
	t.Helper()
	done := make(chan result, 1)
	go func() { done <- f() }()
	select {
	case r := <-done:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("the command still hangs after 5 seconds")
		return result{}
	}
}

func mkfifo(t *testing.T, path string) string {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, syscall.Mkfifo(path, 0o600))
	return path
}

// A FIFO or a device named as a token file, the configuration file or
// sonar-project.properties is refused before it is opened, instead of
// hanging.
func TestSpecialFilesRefused(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	noEnv := map[string]string{"SONAR_TOKEN": ""}

	fifo := mkfifo(t, filepath.Join(t.TempDir(), "token"))
	r := within(t, func() result { return e.runWith(runOpts{vars: noEnv}, "list", "--token-file", fifo) }).expect(t, ExitError)
	if !strings.Contains(r.stderr, "token file "+fifo+" is a named pipe (FIFO), not a regular file") {
		t.Errorf("FIFO token file: stderr:\n%s", r.stderr)
	}
	r = within(t, func() result { return e.runWith(runOpts{vars: noEnv}, "list", "--token-file", "/dev/zero") }).expect(t, ExitError)
	if !strings.Contains(r.stderr, "token file /dev/zero is a device") {
		t.Errorf("device token file: stderr:\n%s", r.stderr)
	}

	h := newHome(t)
	mkfifo(t, h.path)
	r = within(t, func() result { return e.runIn(h, e.vars, "", "list") }).expect(t, ExitError)
	if !strings.Contains(r.stderr, "configuration file "+h.path+" is a named pipe (FIFO)") {
		t.Errorf("FIFO configuration file: stderr:\n%s", r.stderr)
	}

	// A FIFO in the project is ignored with a word; the command goes on.
	h = newHome(t)
	h.dir = t.TempDir()
	props := mkfifo(t, filepath.Join(h.dir, "sonar-project.properties"))
	r = within(t, func() result { return e.runIn(h, e.vars, "", "list") }).expect(t, ExitOK)
	if !strings.Contains(r.stderr, "ignored "+props+": it is a named pipe (FIFO)") {
		t.Errorf("FIFO sonar-project.properties: stderr:\n%s", r.stderr)
	}
}

// A token file or a configuration file owned by another user is refused,
// as ssh refuses one.
func TestForeignFilesRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file away takes root")
	}
	e := newTestEnv(t, sonarsim.Options{})
	tok := writeTemp(t, "token", e.sim.AdminToken()+"\n", 0o600)
	must(t, os.Chown(tok, 4242, 4242))
	r := e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": ""}}, "list", "--token-file", tok).expect(t, ExitError)
	if !strings.Contains(r.stderr, "token file "+tok+" is owned by another user (uid 4242") || strings.Contains(r.stderr, e.sim.AdminToken()) {
		t.Errorf("stderr:\n%s", r.stderr)
	}

	h := newHome(t)
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	must(t, os.WriteFile(h.path, []byte("# nothing\n"), 0o600))
	must(t, os.Chown(h.path, 4242, 4242))
	r = e.runIn(h, e.vars, "", "list").expect(t, ExitError)
	if !strings.Contains(r.stderr, "configuration file "+h.path+" is owned by another user") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// A sonar-project.properties that others may write is ignored: the CLI
// warns on standard error, the console keeps the warning in its header,
// and its sonar.host.url is not used.
func TestWritableProjectFileIgnored(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	h.dir = t.TempDir()
	props := filepath.Join(h.dir, "sonar-project.properties")
	must(t, os.WriteFile(props, []byte("sonar.host.url=http://127.0.0.1:9\nsonar.projectKey=app\n"), 0o600))
	must(t, os.Chmod(props, 0o666))
	want := "ignored " + props + ": it is writable by group or others (mode 0666)"
	r := e.runIn(h, map[string]string{"SONAR_TOKEN": e.sim.AdminToken()}, "", "list").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "warning: "+want) || !strings.Contains(r.stderr, "no SonarQube server is configured") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	var banners []string
	e.tui = func(_ context.Context, p tuiParams) error { banners = p.Banners; return nil }
	e.runIn(h, e.vars, "", "--read-only").expect(t, ExitOK)
	if !strings.Contains(strings.Join(banners, "\n"), want) {
		t.Errorf("console banners: %q", banners)
	}
}
