package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/helpscreen"
	"github.com/sonartoken/sonartoken/ui/notice"
)

// The help (?) and the message log (!) open over the page or the dialog,
// in a slot of their own (Model.over), so the dialog under them keeps its
// state and its messages. In a text field f1 opens the help.

// openOver opens the help or the log on their keys.
func (m *Model) openOver(msg tea.KeyMsg) bool {
	k := m.common.Keys
	typing := m.typing()
	switch {
	case key.Matches(msg, k.HelpAnywhere), !typing && key.Matches(msg, k.Help):
		m.over = m.overHelp()
	case !typing && key.Matches(msg, k.Log):
		m.over = m.logView()
	default:
		return false
	}
	return true
}

// overHelp is the help of what shows: the page's, or the dialog's keys.
func (m Model) overHelp() common.Dialog {
	if m.dialog == nil {
		return m.newHelp()
	}
	closing := "Press " + m.common.Keys.CloseHelp.Help().Key + " to " + m.common.Keys.CloseHelp.Help().Desc + "; " +
		m.common.Keys.Log.Help().Key + " shows every message of the session."
	hints := []string{closing}
	if _, ok := m.dialog.(common.Typer); ok {
		hints = append(hints, "In a text field ? and ! are text: "+m.common.Keys.HelpAnywhere.Help().Key+" opens this help there.")
	}
	return helpscreen.New(m.common, m.dialog.Help(), hints, m.help).OverDialog()
}

// updateOver hands a key to the help or the log: ? and ! switch between
// them.
func (m Model) updateOver(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.common.Keys
	_, onHelp := m.over.(helpscreen.Model)
	switch {
	case onHelp && key.Matches(msg, k.Log):
		m.over = m.logView()
		return m, nil
	case !onHelp && (key.Matches(msg, k.Help) || key.Matches(msg, k.HelpAnywhere)):
		m.over = m.overHelp()
		return m, nil
	case !onHelp && key.Matches(msg, k.Log):
		m.over = nil // ! again: back to what was under it
		return m, nil
	}
	var cmd tea.Cmd
	m.over, cmd = m.over.Update(msg)
	return m, cmd
}

// logView is every error and note of the session, newest last, in full.
func (m Model) logView() notice.Model {
	var lines []string
	for _, e := range m.status.Log() {
		lines = append(lines, e.String())
	}
	if len(lines) == 0 {
		lines = []string{"No message yet."}
	}
	// Continuation lines go under the text, past "15:04:05 ✗ ".
	return notice.New(m.common, "Messages", lines).AtBottom().Hanging(11)
}

// helpBinding opens the help over the dialog: ?, or f1 in a text field.
func (m Model) helpBinding() key.Binding {
	if m.typing() {
		return m.common.Keys.HelpAnywhere
	}
	return m.common.Keys.Help
}

// withHelpKey is a dialog's keys and the help's, for the footer.
type withHelpKey struct {
	help.KeyMap
	help key.Binding
}

// ShortHelp implements help.KeyMap.
func (w withHelpKey) ShortHelp() []key.Binding {
	return append(slices.Clip(w.KeyMap.ShortHelp()), w.help)
}
