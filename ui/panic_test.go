package ui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/secrettest"
)

// panicNowMsg makes panicky panic with its model's state: in Update, or in
// the Cmd that Update returns.
type panicNowMsg struct{ inCmd bool }

// panicky is the console with a bug: a panic whose value formats the
// model, reveal open.
type panicky struct{ Model }

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if pm, ok := msg.(panicNowMsg); ok {
		state := p.Model
		if pm.inCmd {
			return p, func() tea.Msg { panic(fmt.Sprintf("bug in a command: %v %+v %#v", state, state, state)) }
		}
		panic(fmt.Sprintf("bug in Update: %v %+v %#v", state, state, state))
	}
	m, cmd := p.Model.Update(msg)
	return panicky{m.(Model)}, cmd
}

// TestPanicRestoresTerminalWithoutSecret: bubbletea v1.3.10 recovers a
// panic in Update and in a Cmd (its command goroutines recover too):
// the program ends with ErrProgramPanic, the terminal is restored (the
// alternate screen left, the cursor shown), and what it prints on stdout
// and stderr (the panic value formatting the model, the stack) holds no
// token value, since the reveal keeps it in a model.Secret. The program
// runs in a child process (TestPanicChild), whose stdout and stderr are
// what a user would see.
func TestPanicRestoresTerminalWithoutSecret(t *testing.T) {
	t.Parallel()
	for _, where := range []string{"update", "cmd"} {
		t.Run(where, func(t *testing.T) {
			screen := filepath.Join(t.TempDir(), "screen")
			cmd := exec.Command(os.Args[0], "-test.run=^TestPanicChild$", "-test.v")
			cmd.Env = append(os.Environ(), "SONARTOKEN_PANIC_CHILD="+where, "SONARTOKEN_PANIC_SCREEN="+screen)
			printed, _ := cmd.CombinedOutput()
			if !bytes.Contains(printed, []byte("run error: "+tea.ErrProgramKilled.Error())) &&
				!bytes.Contains(printed, []byte("run error: "+tea.ErrProgramPanic.Error())) {
				t.Fatalf("the program did not end on the panic:\n%s", printed)
			}
			if !bytes.Contains(printed, []byte("Caught")) || !bytes.Contains(printed, []byte("bug in")) {
				t.Fatalf("bubbletea did not report the panic:\n%s", printed)
			}
			out, err := os.ReadFile(screen)
			if err != nil {
				t.Fatal(err)
			}
			value := fakeValue(1)
			if !bytes.Contains(out, []byte(value)) {
				t.Fatal("the reveal was not on screen: the test proves nothing")
			}
			secrettest.AssertNoSecretsIn(t, "the panic report", printed, []string{value})
			if i := bytes.LastIndex(out, []byte("\x1b[?1049l")); i < 0 || !bytes.Contains(out[i:], []byte("\x1b[?25h")) {
				t.Fatalf("the terminal was not restored: %q", tail(out, 80))
			}
		})
	}
}

// TestPanicChild is the child process of
// TestPanicRestoresTerminalWithoutSecret; it does nothing otherwise.
func TestPanicChild(t *testing.T) {
	t.Parallel()
	where := os.Getenv("SONARTOKEN_PANIC_CHILD")
	if where == "" {
		t.Skip("child process only")
	}
	m := newModel(t, newFake(), &fakeClipboard{}, 100, 30)
	m = generateNamed(m, "panic")
	if m.Mode() != ModeReveal {
		t.Fatal("the reveal should be open")
	}
	screen, err := os.Create(os.Getenv("SONARTOKEN_PANIC_SCREEN"))
	if err != nil {
		t.Fatal(err)
	}
	defer screen.Close()
	p := tea.NewProgram(panicky{m}, tea.WithInput(nil), tea.WithOutput(screen), tea.WithAltScreen(), tea.WithoutSignalHandler())
	go func() {
		// Panic once the reveal is drawn: a fixed delay raced the first
		// frame on a busy machine.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if drawn, _ := os.ReadFile(screen.Name()); bytes.Contains(drawn, []byte(fakeValue(1))) {
				break
			}
		}
		p.Send(panicNowMsg{inCmd: where == "cmd"})
	}()
	_, err = p.Run()
	time.Sleep(100 * time.Millisecond) // let a command goroutine finish its report
	fmt.Println("run error:", err)
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
