package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/internal/secrettest"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/ui"
)

// recordingClipboard is the console's clipboard in the session: it keeps
// what it was given, as a clipboard does, so that the test knows the
// values the console revealed.
type recordingClipboard struct {
	mu     sync.Mutex
	copies []string
}

func (c *recordingClipboard) Copy(v string) (clipboard.Method, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.copies = append(c.copies, v)
	return clipboard.OSC52, nil
}

// Clear is clipboard.Clearer, as the terminal's clipboard is.
func (c *recordingClipboard) Clear(clipboard.Method, clipboard.Fingerprint) (bool, error) {
	return true, nil
}

func (c *recordingClipboard) values() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.copies...)
}

// consoleSession drives the console through teatest over HTTP: it
// generates a token of each type, copies and closes each, rotates one, and
// revokes the others. It returns the output written outside the reveals
// and the final view.
type consoleSession struct {
	t       *testing.T
	tm      *teatest.TestModel
	outside bytes.Buffer // output while no value was on screen
	reveals bytes.Buffer // output while a value was on screen
}

// waitFor reads the output until it shows text; the bytes read go to the
// outside record unless a value is on screen.
func (s *consoleSession) waitFor(text string, revealing bool) {
	s.t.Helper()
	var seen []byte
	teatest.WaitFor(s.t, s.tm.Output(), func(b []byte) bool {
		seen = b
		return bytes.Contains(b, []byte(text))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	if revealing {
		s.reveals.Write(seen)
	} else {
		s.outside.Write(seen)
	}
}

func (s *consoleSession) keys(ks ...string) {
	for _, k := range ks {
		switch k {
		case "enter":
			s.tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		case "esc":
			s.tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
		case "tab":
			s.tm.Send(tea.KeyMsg{Type: tea.KeyTab})
		case "left":
			s.tm.Send(tea.KeyMsg{Type: tea.KeyLeft})
		default:
			s.tm.Type(k)
		}
	}
}

// TestSessionLeaksNoSecret is the secrets acceptance test: after a
// full session, console (teatest over HTTP) and commands (list, generate,
// rotate --exec, revoke) with --debug under a temporary HOME, no token
// value is in the debug log or any file under HOME, in the commands'
// stdout and stderr (generate's stdout excepted: it is where the value
// goes), or in the console's output outside its reveals and its final
// view.
func TestSessionLeaksNoSecret(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	home := t.TempDir()
	for k, v := range map[string]string{"HOME": home, "XDG_CACHE_HOME": filepath.Join(home, ".cache"),
		"XDG_CONFIG_HOME": filepath.Join(home, ".config"), "XDG_DATA_HOME": filepath.Join(home, ".local", "share")} {
		t.Setenv(k, v)
	}
	e := newTestEnv(t, sonarsim.Options{})
	values := []string{e.sim.AdminToken()}
	cb := &recordingClipboard{}
	var finalView string
	s := &consoleSession{t: t}
	e.tui = func(ctx context.Context, p tuiParams) error {
		if _, err := p.Client.Connect(ctx); err != nil {
			return err
		}
		m := ui.New(ui.Options{Service: p.Client, Now: p.Now, StaticCursor: true, Clipboard: cb, ClipboardClear: p.flags.clipboardClear})
		s.tm = teatest.NewTestModel(t, m, teatest.WithInitialTermSize(110, 32))
		s.waitFor("Administrator", false)
		// One token of each type: user (the default), global, project.
		for _, g := range []struct{ name, typeKeys string }{{"tui-user", ""}, {"tui-global", "left"}, {"tui-project", "left left"}} {
			s.keys("n", g.name, "tab")
			if g.typeKeys != "" {
				s.keys(strings.Fields(g.typeKeys)...)
			}
			s.keys("enter")
			s.waitFor("will not be shown again", true)
			s.keys("c")
			s.waitFor("clear it (it cannot confirm).", true) // the end of the last frame with the value
			s.keys("esc")
			s.waitFor(g.name, false)
		}
		// Rotate tui-project (selected: the last generated), then revoke
		// the others.
		s.keys("o")
		s.waitFor("step 1 of 3", false)
		s.keys("enter")
		s.waitFor("step 2 of 3", true)
		s.keys("c", "y")
		s.waitFor("Token rotated", true)
		s.keys("enter")
		s.waitFor("tui-project-20260301", false)
		s.keys("/", "tui-user", "enter", "d")
		s.waitFor("Revoke token tui-user", false)
		s.keys("y")
		s.waitFor(`Token "tui-user" is gone.`, false)
		s.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		finalView = s.tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
		var rest bytes.Buffer
		_, _ = rest.ReadFrom(s.tm.FinalOutput(t))
		s.outside.Write(rest.Bytes())
		return nil
	}
	e.runWith(runOpts{}, "--debug").expect(t, ExitOK)
	values = append(values, cb.values()...)
	if len(values) != 5 {
		t.Fatalf("the console copied %d values, want 4 (3 generated, 1 rotated)", len(values)-1)
	}
	if e.hasToken("admin", "tui-user") || e.hasToken("admin", "tui-project") || !e.hasToken("admin", "tui-project-20260301") {
		t.Fatalf("after the console: %v", e.tokenNames("admin"))
	}

	var outputs []result
	run := func(args ...string) result {
		r := e.run(append([]string{"--debug"}, args...)...).expect(t, ExitOK)
		outputs = append(outputs, r)
		return r
	}
	run("list")
	gen := e.run("--debug", "generate", "cli-gen").expect(t, ExitOK)
	values = append(values, strings.TrimSpace(gen.stdout))
	handed := filepath.Join(t.TempDir(), "handed-over") // outside HOME: the user's own secret store
	run("rotate", "cli-gen", "--exec", "cat > "+handed)
	got, err := os.ReadFile(handed)
	if err != nil {
		t.Fatal(err)
	}
	values = append(values, strings.TrimSpace(string(got)))
	for _, name := range []string{"tui-global", "cli-gen-20260301", "tui-project-20260301"} {
		run("revoke", "--yes", name)
	}
	run("list")

	if files := secrettest.AssertNoSecrets(t, home, values); files == 0 {
		t.Fatal("nothing was written under HOME: --debug did not log")
	}
	if !strings.Contains(gen.stderr, "debug log") {
		t.Fatalf("generate's stderr: %s", gen.stderr)
	}
	secrettest.AssertNoSecretsIn(t, "generate's stderr", []byte(gen.stderr), values)
	for i, r := range outputs {
		secrettest.AssertNoSecretsIn(t, "stdout of command "+string(rune('a'+i)), []byte(r.stdout), values)
		secrettest.AssertNoSecretsIn(t, "stderr of command "+string(rune('a'+i)), []byte(r.stderr), values)
	}
	secrettest.AssertNoSecretsIn(t, "the console's final view", []byte(finalView), values)
	secrettest.AssertNoSecretsIn(t, "the console's output outside the reveals", s.outside.Bytes(), values)
	// The test is not blind: the reveals did show every console value.
	for _, v := range cb.values() {
		if !bytes.Contains(s.reveals.Bytes(), []byte(v)) {
			t.Fatalf("the reveals did not show %s", secrettest.Mask(v))
		}
	}
	if s.outside.Len() == 0 {
		t.Fatal("the console's output was not read")
	}
	for _, left := range e.tokenNames("admin") {
		if strings.HasPrefix(left, "tui-") || strings.HasPrefix(left, "cli-") {
			t.Errorf("token %q left on the server", left)
		}
	}
}
