// Package notice is a dialog that reports something (the outcome of a bulk
// revocation) until it is dismissed.
package notice

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// ClosedMsg tells the root the notice was dismissed.
type ClosedMsg struct{}

// Model is the dialog.
type Model struct {
	common.Common
	title string
	lines []string
}

// New returns a notice; lines are its body, cut to the room there is.
// Outside strings in them (names, server messages) are shown through
// model.Printable, each line on its own.
func New(c common.Common, title string, lines []string) Model {
	safe := make([]string, len(lines))
	for i, l := range lines {
		safe[i] = model.Printable(l)
	}
	return Model{Common: c, title: model.Printable(title), lines: safe}
}

// Title returns the notice's title.
func (m Model) Title() string { return m.title }

// Body returns the notice's text.
func (m Model) Body() string { return strings.Join(m.lines, "\n") }

// Update closes the notice on esc or enter.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && (key.Matches(km, m.Keys.Close) || key.Matches(km, m.Keys.Quit)) {
		return m, func() tea.Msg { return ClosedMsg{} }
	}
	return m, nil
}

// View renders the dialog.
func (m Model) View() string {
	st := m.Styles
	w := max(30, min(76, m.Width-6))
	room := max(1, m.Height-8) // the frame, padding, title, hint and blank lines take 8
	var lines []string
	for _, l := range m.lines {
		// Continuation lines keep the line's indent.
		text := strings.TrimLeft(l, " ")
		indent := strings.Repeat(" ", min(len(l)-len(text), w/2))
		for _, wl := range strings.Split(common.Wrap(text, w-len(indent)), "\n") {
			lines = append(lines, indent+wl)
		}
	}
	if len(lines) > room {
		lines = append(lines[:room-1], st.Hint.Render("…"))
	}
	body := st.DialogTitle.Render(m.title) + "\n\n" + strings.Join(lines, "\n") + "\n\n" + st.Hint.Render("esc/enter close")
	return st.Dialog.Width(w + st.Dialog.GetHorizontalPadding()).Render(body)
}
