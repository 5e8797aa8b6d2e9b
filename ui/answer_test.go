package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// typeAhead sends keys one Update after the other, running none of their
// Cmds in between: keys a user typed before the program delivered what
// the first key's Cmds send. It returns the model and those Cmds' messages.
func typeAhead(m Model, keys ...string) (Model, []tea.Msg) {
	var cmds []tea.Cmd
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = updateModel(m, keyMsg(k))
		cmds = append(cmds, cmd)
	}
	var msgs []tea.Msg
	for _, c := range cmds {
		msgs = append(msgs, runCmd(c)...)
	}
	return m, msgs
}

// TestKeyAfterAnAnswerReachesWhatShowsNext: a dialog's answer takes effect
// in the Update of its key, so that the key typed right after it goes to
// what shows next, not to the dialog that is closing: ? after y on a
// revocation opens the page's help, and the revocation runs once.
func TestKeyAfterAnAnswerReachesWhatShowsNext(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, nil, 100, 30)
	m = press(m, "d")
	if m.Mode() != ModeConfirm {
		t.Fatalf("d: mode %v", m.Mode())
	}
	m, msgs := typeAhead(m, "y", "?")
	if m.Mode() != ModeHelp || m.dialog != nil || !strings.Contains(m.View(), "A new token's value is shown once") {
		t.Fatalf("? after y: mode %v, dialog %T:\n%s", m.Mode(), m.dialog, m.View())
	}
	m = drive(m, msgs...)
	if len(f.revoked) != 1 || !strings.Contains(m.Status().Info(), "is gone") {
		t.Fatalf("revoked %v, status %q", f.revoked, m.Status().Info())
	}
}

// TestKeyAfterTheTypedCountReachesWhatShowsNext: the same after enter on a
// bulk revocation's typed count: ? opens the review's help over the page
// while the revocation runs.
func TestKeyAfterTheTypedCountReachesWhatShowsNext(t *testing.T) {
	t.Parallel()
	f := bulkFake(202, 101, 0)
	m := adminModel(t, f, nil)
	m = press(m, "R", "4", "a", "d")
	m = typeText(m, "101")
	m, msgs := typeAhead(m, "enter", "?")
	if m.Mode() != ModeHelp || m.dialog != nil || !strings.Contains(m.View(), "Marks stay when the filters change") {
		t.Fatalf("? after enter: mode %v, dialog %T:\n%s", m.Mode(), m.dialog, m.View())
	}
	m = press(m, "esc")
	m = drive(m, msgs...)
	if len(f.revokedKeys) != 101 || m.Mode() != ModeNotice {
		t.Fatalf("revoked %d, mode %v", len(f.revokedKeys), m.Mode())
	}
}
