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
	"go.uber.org/goleak"
)

func init() {
	lipgloss.SetColorProfile(termenv.Ascii)
}

func TestMain(m *testing.M) {
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

// drive sends msg to the model and feeds back every message its commands
// produce, except timers (spinner ticks, cursor blinks, note expiry) that
// do not answer at once.
func drive(m Model, msgs ...tea.Msg) Model {
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		nm, cmd := m.Update(msg)
		m = nm.(Model)
		queue = append(queue, runCmd(cmd)...)
	}
	return m
}

// runCmd runs cmd and returns its messages (flattening batches), dropping
// commands that do not return within a short while (timers) and spinner
// ticks.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(time.Second):
		return nil
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	case spinner.TickMsg, expireInfoMsg, nil:
		return nil
	}
	if strings.Contains(strings.ToLower(fmt.Sprintf("%T", msg)), "blink") {
		return nil
	}
	return []tea.Msg{msg}
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
