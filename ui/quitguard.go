package ui

import (
	"errors"
	"fmt"
	"io"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// ctrl+c never silently loses a value: on a value never copied, or while
// a generate is in flight, the first ctrl+c says so and the second quits
// (printing, for an abandoned generate, the command that revokes it).

// quitFinishing is what the status line says while ctrl+c waits for a
// generate's answer.
const quitFinishing = "Finishing the request; ctrl+c again to abandon."

// quitGuard is the state of the ctrl+c guard.
type quitGuard struct {
	armed     bool               // the last key was a ctrl+c that did not quit
	activity  string             // the status activity before "Finishing the request…"
	gen       *common.Generating // the generate in flight, if any
	abandoned *common.Generating // the generate abandoned by quitting
}

// holdQuit reports whether ctrl+c must not quit yet, and says why.
func (m *Model) holdQuit() bool {
	if m.quit.armed {
		return false
	}
	switch {
	case m.generating():
		m.quit.activity = m.status.Activity()
		m.status.SetActivity(quitFinishing)
	case m.uncopied():
		m.setAskQuit(true)
	default:
		return false
	}
	m.quit.armed = true
	return true
}

// disarmQuit forgets a ctrl+c that did not quit: another key came.
func (m *Model) disarmQuit() {
	if !m.quit.armed {
		return
	}
	m.quit.armed = false
	m.setAskQuit(false)
	if m.status.Activity() == quitFinishing {
		m.status.SetActivity(m.quit.activity)
	}
}

// startGen records a generate sent.
func (m *Model) startGen(g common.Generating) { m.quit.gen = &g }

// endGen records that the generate in flight was answered. A ctrl+c that
// waited for it stays armed: a value now shown warns that the next one
// loses it.
func (m *Model) endGen() {
	m.quit.gen = nil
	if m.quit.armed && m.status.Activity() == quitFinishing {
		m.status.SetActivity(m.quit.activity)
	}
}

// warnValue gives a value that arrived after ctrl+c the warning that the
// next ctrl+c loses it.
func (m *Model) warnValue() {
	if m.quit.armed {
		m.setAskQuit(m.uncopied())
	}
}

// forceQuit ends the program (q, the help's q, a second ctrl+c): a
// generate still in flight is abandoned, a value shown is dropped.
func (m *Model) forceQuit() tea.Cmd {
	m.abandonGen()
	m.dropSecret()
	m.review.StopScan()
	return tea.Quit
}

// abandonGen remembers the generate in flight when the console quits.
func (m *Model) abandonGen() {
	if m.quit.gen != nil {
		m.quit.abandoned = m.quit.gen
	}
}

// ErrAbandoned is what the console returns when it quit with a generate
// in flight: the token may exist, and its value was never shown. The
// command line exits 1 with it, after the exit note.
var ErrAbandoned = errors.New("the console quit before the server answered a generate: revoke the token with the command above if it was created")

// ExitErr is ErrAbandoned when the console quit with a generate in
// flight, else nil.
func (m Model) ExitErr() error {
	if m.quit.abandoned != nil {
		return ErrAbandoned
	}
	return nil
}

// ExitNote is what the console prints once the terminal is restored:
// the command that revokes a token whose generate was abandoned, or "".
func (m Model) ExitNote() string {
	a := m.quit.abandoned
	if a == nil {
		return ""
	}
	// The name may come from the server (a rotation's replacement), as
	// may the login: the command is shown with its controls escaped.
	return fmt.Sprintf("sonartoken quit before the server answered the request to generate %q: the token may have been created, "+
		"and its value was never shown. Revoke it with:\n  %s\n(it exits 5 if the token was not created)\n", a.Name, model.Printable(model.RevokeCommand(a.Name, a.Login)))
}

// uncopied reports whether the dialog in the slot shows a value that was
// never copied.
func (m Model) uncopied() bool {
	v, ok := m.dialog.(common.Valued)
	return ok && v.Uncopied()
}

// setAskQuit shows (or takes away) the warning of the dialog in the slot
// that ctrl+c again loses its value.
func (m *Model) setAskQuit(ask bool) {
	if v, ok := m.dialog.(common.Valued); ok {
		m.dialog = v.WarnQuit(ask)
	}
}

// dropSecret forgets a dialog that may hold a value, and the value.
func (m *Model) dropSecret() {
	if _, ok := m.dialog.(common.Valued); ok {
		m.dialog = nil
	}
}

// printExitNote prints the console's exit note once the alternate screen
// is left.
func printExitNote(w io.Writer, m Model) {
	if note := m.ExitNote(); note != "" {
		fmt.Fprint(w, note)
	}
}
