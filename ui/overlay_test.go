package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/ui/common"
)

var f1 = tea.KeyMsg{Type: tea.KeyF1}

// footerOf is the footer line of the view.
func footerOf(m Model) string {
	lines := strings.Split(m.View(), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// TestHelpAndLogInEveryDialog: in every dialog, ? (f1 where a text field
// has the keyboard and ? is text) opens the help of that dialog's keys,
// whose footer says how to close it; ! opens the message log from the
// dialog or from the help; closing either shows the dialog as it was.
func TestHelpAndLogInEveryDialog(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		open   func(t *testing.T) Model
		typing bool
		keys   string // a key of the dialog its help lists
	}{
		{"detail", func(t *testing.T) Model { return press(newModel(t, newFake(), nil, 100, 30), "enter") }, false, "copy name"},
		{"confirm", func(t *testing.T) Model { return press(newModel(t, newFake(), nil, 100, 30), "d") }, false, "cancel"},
		{"form", func(t *testing.T) Model { return press(newModel(t, newFake(), nil, 100, 30), "n") }, true, "generate"},
		{"form on a choice", func(t *testing.T) Model { return press(newModel(t, newFake(), nil, 100, 30), "n", "tab") }, false, "generate"},
		{"reveal", func(t *testing.T) Model { return generateNamed(newModel(t, newFake(), &fakeClipboard{}, 100, 30), "x") }, false, "copy"},
		{"picker", func(t *testing.T) Model { return press(adminModel(t, newAdminFake(), nil), "u") }, true, "open"},
		{"rotation", func(t *testing.T) Model { return press(newModel(t, newFake(), &fakeClipboard{}, 100, 30), "o") }, true, "cancel"},
		{"export", func(t *testing.T) Model { return press(newModel(t, newFake(), nil, 100, 30), "e") }, true, "esc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.open(t)
			if m.dialog == nil {
				t.Fatalf("no dialog:\n%s", m.View())
			}
			under, before := fmt.Sprintf("%T", m.dialog), m.dialogView()
			if help := footerOf(m); tc.typing != strings.Contains(help, "f1 help") || tc.typing == strings.Contains(help, "? help") {
				t.Errorf("the footer does not name the help's key: %q", help)
			}
			m = press(m, "?")
			if tc.typing {
				if m.Mode() == ModeHelp {
					t.Fatal("? in a text field opened the help")
				}
				before = m.dialogView() // with the ? typed
				m = drive(m, f1)
			}
			if m.Mode() != ModeHelp || !strings.Contains(m.View(), tc.keys) {
				t.Fatalf("no help of the dialog's keys (mode %v):\n%s", m.Mode(), m.View())
			}
			if f := footerOf(m); !strings.Contains(f, "? or esc close this help") {
				t.Errorf("the help's footer %q does not say how to close it", f)
			}
			m = press(m, "!")
			if m.Mode() != ModeNotice || m.Notice().Title() != "Messages" {
				t.Fatalf("! in the help: mode %v:\n%s", m.Mode(), m.View())
			}
			m = press(m, "esc")
			if fmt.Sprintf("%T", m.dialog) != under || m.over != nil {
				t.Fatalf("closing the log left %T over %T, want %s", m.over, m.dialog, under)
			}
			if !tc.typing {
				m = press(m, "!")
				if m.Mode() != ModeNotice {
					t.Fatalf("! in the dialog: mode %v", m.Mode())
				}
				m = press(m, "esc")
			}
			if got := m.dialogView(); got != before {
				t.Fatalf("the dialog changed under the help:\n%s\nwas:\n%s", got, before)
			}
		})
	}
}

// TestHelpOverDialogKeepsIt: q in the help over a reveal closes the help,
// never the program nor the value; ctrl+c over an uncopied value closes
// the help so that its warning shows.
func TestHelpOverDialogKeepsIt(t *testing.T) {
	t.Parallel()
	m := generateNamed(newModel(t, newFake(), &fakeClipboard{}, 100, 30), "keep")
	value := m.Reveal().ValueLine()
	m = press(m, "?", "q")
	if m.Mode() != ModeReveal || !strings.Contains(m.View(), value) {
		t.Fatalf("q in the help: mode %v", m.Mode())
	}
	m = press(m, "?", "ctrl+c")
	if m.Mode() != ModeReveal || !strings.Contains(flat(m.View()), "Press ctrl+c again to quit anyway") {
		t.Fatalf("ctrl+c over the help: mode %v:\n%s", m.Mode(), m.View())
	}
}

// TestHelpOverDialogKeepsItsAnswers: a message for the dialog under the
// help (here the generate's answer) still reaches it.
func TestHelpOverDialogKeepsItsAnswers(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m = press(m, "n")
	m = typeText(m, "late")
	m = drive(m, f1)
	m = drive(m, common.InfoMsg{Text: "hello"})
	m = press(m, "esc")
	m = press(m, "enter")
	if m.Mode() != ModeReveal || len(f.generated) != 1 || f.generated[0].Name != "late" {
		t.Fatalf("mode %v, generated %+v", m.Mode(), f.generated)
	}
}
