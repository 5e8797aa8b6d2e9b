package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/sonartoken/sonartoken/ui/internal/widthpin"
	"go.uber.org/goleak"
)

func init() {
	lipgloss.SetColorProfile(termenv.Ascii)
}

func TestMain(m *testing.M) {
	widthpin.Pin() // widths as a Western terminal measures them, whatever RUNEWIDTH_EASTASIAN says
	infoTTL = 20 * time.Millisecond
	// Created and last-use days are in the user's zone, time.Local unless
	// Options.Zone says otherwise: goldens pin it. Tests of other zones
	// set Options.Zone, never time.Local, which goroutines read.
	time.Local = time.UTC
	// teatest leaves one goroutine per test model waiting for SIGINT
	// (teatest.NewTestModel's signal watcher), by design: ignore it.
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/charmbracelet/x/exp/teatest.NewTestModel.func2"))
}

// newModel builds a root model on svc at w×h and settles its first load.
func newModel(t *testing.T, svc Service, cb *fakeClipboard, w, h int) Model {
	t.Helper()
	opts := Options{Service: svc, Now: clock, StaticCursor: true}
	if cb != nil {
		opts.Clipboard = cb
	}
	return newModelOpts(t, opts, w, h)
}

func newModelOpts(t *testing.T, opts Options, w, h int) Model {
	t.Helper()
	m := New(opts)
	m = drive(m, tea.WindowSizeMsg{Width: w, Height: h})
	for _, msg := range runCmd(m.Init()) {
		m = drive(m, msg)
	}
	return m
}

// fail fails the test that called the helper by panicking: the helpers
// know no test, so that the tests run in parallel with no shared state.
func fail(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// hold drives a model whose Cmd is held on purpose (a scan waiting on a
// channel): a Cmd still running after heldLimit is left running, and late
// returns its answer once it comes.
type hold struct{ running []chan tea.Msg }

// heldLimit is how long a hold waits for a Cmd.
const heldLimit = 300 * time.Millisecond

func (h *hold) press(m Model, ks ...string) Model {
	for _, k := range ks {
		m = h.drive(m, keyMsg(k))
	}
	return m
}

func (h *hold) drive(m Model, msgs ...tea.Msg) Model { return driveWith(h, m, msgs...) }

// late returns the answers of the Cmds left running, once they come.
func (h *hold) late() []tea.Msg {
	var out []tea.Msg
	for _, ch := range h.running {
		select {
		case msg := <-ch:
			out = append(out, msg)
		case <-time.After(cmdLimit):
			fail("a Cmd left running did not return within %v", cmdLimit)
		}
	}
	h.running = nil
	return out
}

// cmdLimit is how long runCmd waits for a Cmd. The model's timers (spinner
// ticks, cursor blinks, note expiry, the picker's debounce) all fire
// sooner.
const cmdLimit = 3 * time.Second

// drive sends msg to the model and feeds back every message its commands
// produce, except timers (spinner ticks, cursor blinks, note expiry). A
// tea.Quit among them fails the test: a test that expects one calls
// m.Update itself and checks isQuit.
func drive(m Model, msgs ...tea.Msg) Model { return driveWith(nil, m, msgs...) }

// driveWith is drive, leaving the Cmds h holds running.
func driveWith(h *hold, m Model, msgs ...tea.Msg) Model {
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		m, cmd = updateModel(m, msg)
		out := runCmdWith(h, cmd)
		for _, o := range out {
			if _, ok := o.(tea.QuitMsg); ok {
				fail("unexpected quit after %T %v", msg, msg)
			}
		}
		queue = append(queue, out...)
	}
	return m
}

// runCmd runs cmd and returns its messages, flattening tea.Batch and
// tea.Sequence and dropping timers (spinner ticks, blinks, note expiry). A
// Cmd that does not return within cmdLimit fails the test.
func runCmd(cmd tea.Cmd) []tea.Msg { return runCmdWith(nil, cmd) }

// runCmdWith is runCmd, leaving the Cmds h holds running.
func runCmdWith(h *hold, cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	limit := cmdLimit
	if h != nil {
		limit = heldLimit
	}
	select {
	case msg = <-ch:
	case <-time.After(limit):
		if h == nil {
			fail("a Cmd did not return within %v", limit)
		}
		h.running = append(h.running, ch)
		return nil
	}
	if cmds, ok := subCmds(msg); ok {
		var out []tea.Msg
		for _, c := range cmds {
			out = append(out, runCmdWith(h, c)...)
		}
		return out
	}
	switch msg.(type) {
	case spinner.TickMsg, expireInfoMsg, nil:
		return nil
	}
	if strings.Contains(strings.ToLower(fmt.Sprintf("%T", msg)), "blink") {
		return nil
	}
	return []tea.Msg{msg}
}

// subCmds returns the Cmds of a tea.Batch or a tea.Sequence (whose message
// type bubbletea does not export: a slice of tea.Cmd).
func subCmds(msg tea.Msg) ([]tea.Cmd, bool) {
	if b, ok := msg.(tea.BatchMsg); ok {
		return b, true
	}
	v := reflect.ValueOf(msg)
	cmdsType := reflect.TypeOf([]tea.Cmd(nil))
	if v.IsValid() && v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdsType) {
		return v.Convert(cmdsType).Interface().([]tea.Cmd), true
	}
	return nil, false
}

// isQuit reports whether cmd quits, looking inside tea.Batch and
// tea.Sequence.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(cmdLimit):
		return false
	}
	if _, ok := msg.(tea.QuitMsg); ok {
		return true
	}
	if cmds, ok := subCmds(msg); ok {
		for _, c := range cmds {
			if isQuit(c) {
				return true
			}
		}
	}
	return false
}

// keyMsg returns a KeyMsg for a key name as bubbletea prints it.
func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// press sends each key in turn.
func press(m Model, ks ...string) Model {
	for _, k := range ks {
		m = drive(m, keyMsg(k))
	}
	return m
}

// typeText types s rune by rune.
func typeText(m Model, s string) Model {
	for _, r := range s {
		m = drive(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return m
}

func lipglossWidth(s string) int { return lipgloss.Width(s) }

func fmtAll(v any) string { return fmt.Sprintf("%#v %+v", v, v) }

func reflectOf(m *Model) reflect.Value { return reflect.ValueOf(m).Elem() }

// updateModel is Update keeping the concrete model.
func updateModel(m Model, msg tea.Msg) (Model, tea.Cmd) {
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}
