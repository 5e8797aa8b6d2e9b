package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/errtext"
)

// DefaultClipboardClear is how long a copied token stays on the clipboard
// (the --clipboard-clear default), as password managers do.
const DefaultClipboardClear = 45 * time.Second

// A copied value is taken off the clipboard ClipboardClear after the copy
// if it still holds it; the timer keeps the value's SHA-256, never the
// value. The terminal's clipboard (OSC 52) cannot be read back: it is
// asked blind to empty itself, only if nothing was copied since, and the
// note says it was asked, never that the value is gone.

// clipState is the root's bookkeeping of copies.
type clipState struct {
	seq int // copies made, to tell the latest one
	// tick starts the timer (tea.Tick; tests inject their clock).
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// clipClearDueMsg says a copy's time on the clipboard is up.
type clipClearDueMsg struct {
	seq    int
	method clipboard.Method
	sum    clipboard.Fingerprint
}

// clipClearedMsg reports the clearing of a copy by method.
type clipClearedMsg struct {
	method  clipboard.Method
	cleared bool // System: checked and emptied; OSC52: the request was sent
	err     error
}

// scheduleClear starts the timer of a copy, when clearing is on and the
// clipboard can be cleared. The copy took place even if its dialog is
// gone: it is timed all the same.
func (m *Model) scheduleClear(msg *common.Copied) tea.Cmd {
	d := m.opts.ClipboardClear
	if _, ok := m.cb.(clipboard.Clearer); !ok || d <= 0 || msg == nil {
		return nil
	}
	m.clip.seq++
	due := clipClearDueMsg{seq: m.clip.seq, method: msg.Method, sum: msg.Sum}
	tick := m.clip.tick
	if tick == nil {
		tick = tea.Tick
	}
	return tick(d, func(time.Time) tea.Msg { return due })
}

// clearDue clears the clipboard from a Cmd, unless the terminal's
// clipboard has since received another copy.
func (m Model) clearDue(msg clipClearDueMsg) (Model, tea.Cmd) {
	clearer, ok := m.cb.(clipboard.Clearer)
	if !ok || (msg.method == clipboard.OSC52 && msg.seq != m.clip.seq) {
		return m, nil
	}
	method, sum := msg.method, msg.sum
	return m, func() tea.Msg {
		cleared, err := clearer.Clear(method, sum)
		return clipClearedMsg{method: method, cleared: cleared, err: err}
	}
}

// clipCleared notes the clearing in the status line.
func (m Model) clipCleared(msg clipClearedMsg) (Model, tea.Cmd) {
	switch {
	case msg.err != nil:
		m.status.SetError("Could not clear the clipboard: " + errtext.Describe(msg.err))
	case msg.cleared && msg.method == clipboard.TmuxBuffer:
		m.status.SetInfo("The token was deleted from tmux's paste buffer (your terminal's clipboard may still hold it).")
	case msg.cleared && msg.method == clipboard.OSC52:
		m.status.SetInfo("Asked the terminal to clear its clipboard (it cannot confirm).")
	case msg.cleared:
		m.status.SetInfo("The token was cleared from the clipboard.")
	}
	return m, nil
}
