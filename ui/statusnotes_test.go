package ui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/ui/common"
)

// allMsgs runs cmd and returns every message it produces, timers
// included (runCmd drops them).
func allMsgs(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if cmds, ok := subCmds(msg); ok {
		var out []tea.Msg
		for _, c := range cmds {
			out = append(out, allMsgs(t, c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

const burstNote = "were ignored"

// TestBurstNoteNotCarried: the note about keys typed after d concerns the
// question d opened; the next key (here, the answer) clears it, so the
// generate form, the reveal, the help and a resize that follow do not show
// it.
func TestBurstNoteNotCarried(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), &fakeClipboard{}, 100, 30)
	m = drive(m, burst("dy"))
	if !strings.Contains(m.View(), burstNote) {
		t.Fatalf("the question lacks the note:\n%s", m.View())
	}
	m = press(m, "n") // no
	for _, step := range []struct {
		name string
		do   func(Model) Model
	}{
		{"table", func(m Model) Model { return m }},
		{"form", func(m Model) Model { return press(m, "n") }},
		{"reveal", func(m Model) Model { m = typeText(m, "fresh"); return press(m, "enter") }},
		{"help over the reveal", func(m Model) Model { return press(m, "c", "?") }},
		{"resize", func(m Model) Model { return drive(m, tea.WindowSizeMsg{Width: 90, Height: 28}) }},
	} {
		m = step.do(m)
		if v := m.View(); strings.Contains(v, burstNote) {
			t.Fatalf("%s: the note lingers:\n%s", step.name, v)
		}
	}
	if !strings.Contains(flat(logText(m)), "The keys typed after d were ignored") {
		t.Fatal("the message log lost the note")
	}
}

func logText(m Model) string {
	var b strings.Builder
	for _, e := range m.Status().Log() {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

// TestBurstNoteExpires: left alone, the note goes after infoTTL: its
// step returns the timer that takes it away.
func TestBurstNoteExpires(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	nm, cmd := updateModel(m, burst("dy"))
	if !strings.Contains(nm.View(), burstNote) {
		t.Fatalf("no note:\n%s", nm.View())
	}
	var expired bool
	for _, msg := range allMsgs(t, cmd) {
		if e, ok := msg.(expireInfoMsg); ok {
			nm, _ = updateModel(nm, e)
			expired = true
		}
	}
	if !expired || strings.Contains(nm.View(), burstNote) {
		t.Fatalf("timer %v; the note stays:\n%s", expired, nm.View())
	}
}

// TestErrorStaysUntilKey: an error outlives a resize and a note's time,
// and goes at the next key, in a dialog too.
func TestErrorStaysUntilKey(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	m = press(m, "enter") // the detail view
	m = drive(m, common.ErrorMsg{Action: "Revoke", Err: errors.New("the server said no")})
	m = drive(m, tea.WindowSizeMsg{Width: 90, Height: 28}, expireInfoMsg{id: m.status.InfoID()})
	if !strings.Contains(m.View(), "the server said no") {
		t.Fatalf("the error went before a key:\n%s", m.View())
	}
	m = press(m, "down")
	if strings.Contains(m.View(), "the server said no") {
		t.Fatalf("the error stays after a key:\n%s", m.View())
	}
}
