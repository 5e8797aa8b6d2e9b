// Package notice is a dialog (common.Dialog) that reports something (the
// outcome of a bulk revocation, the session's messages) until it is
// dismissed. A report taller than the room scrolls (bubbles/viewport)
// instead of being cut.
package notice

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/keys"
)

// Action is a key the notice offers besides closing (retry the failed
// revocations): it closes the notice and runs Cmd.
type Action struct {
	Key key.Binding
	Cmd tea.Cmd
}

// Model is the dialog.
type Model struct {
	common.Common
	title   string
	lines   []string
	actions []Action
	bottom  bool // open on the last lines (a log, newest last)
	hang    int  // indent of the continuation lines of an unindented line
	vp      viewport.Model
	wrapped int  // lines of the body once wrapped
	compact bool // so little room that the padding and blank lines go
	sized   bool // the body is wrapped to Width and Height
}

// New returns a notice; lines are its body, which scrolls when it does
// not fit. Outside strings in them (names, server messages) are shown
// through model.Printable, each line on its own.
func New(c common.Common, title string, lines []string, actions ...Action) Model {
	safe := make([]string, len(lines))
	for i, l := range lines {
		safe[i] = model.Printable(l)
	}
	return Model{Common: c, title: model.Printable(title), lines: safe, actions: actions, vp: common.NewViewport()}
}

// AtBottom returns the notice opened on its last lines.
func (m Model) AtBottom() Model {
	m.bottom = true
	return m
}

// Hanging returns the notice with the continuation lines of each
// unindented line indented by n cells (a log's text under its time).
func (m Model) Hanging(n int) Model {
	m.hang = n
	return m
}

// Title returns the notice's title.
func (m Model) Title() string { return m.title }

// Body returns the notice's text.
func (m Model) Body() string { return strings.Join(m.lines, "\n") }

// width is the text width inside the dialog.
func (m Model) width() int { return max(30, min(76, m.Width-6)) }

// SetSize sets the room the dialog may take and wraps the body to it.
func (m Model) SetSize(w, h int) common.Dialog { return m.Resize(w, h) }

// Resize is SetSize returning the notice itself.
func (m Model) Resize(w, h int) Model {
	if m.sized && w == m.Width && h == m.Height {
		// The root lays out after every message: a report of thousands
		// of lines is wrapped again only when its room changes.
		return m
	}
	m.sized = true
	m.Common.SetSize(w, h)
	tw := m.width()
	var lines []string
	for _, l := range m.lines {
		// Continuation lines keep the line's indent.
		text := strings.TrimLeft(l, " ")
		indent := strings.Repeat(" ", min(len(l)-len(text), tw/2))
		if indent == "" && m.hang > 0 {
			hang := strings.Repeat(" ", min(m.hang, tw/2))
			first := strings.Split(wrap(text, tw), "\n")[0]
			rest := strings.TrimLeft(strings.TrimPrefix(text, first), " ")
			lines = append(lines, first)
			if rest != "" {
				for _, wl := range strings.Split(wrap(rest, tw-len(hang)), "\n") {
					lines = append(lines, hang+wl)
				}
			}
			continue
		}
		for _, wl := range strings.Split(wrap(text, tw-len(indent)), "\n") {
			lines = append(lines, indent+wl)
		}
	}
	m.wrapped = len(lines)
	m.vp.Width = tw
	// The frame, padding, title, hint and blank lines take 8.
	m.vp.Height = max(1, min(len(lines), h-8))
	if extra := strings.Count(common.Wrap(m.Hint(), tw), "\n"); extra > 0 && m.vp.Height < len(lines) {
		m.vp.Height = max(1, m.vp.Height-extra) // a hint on two lines
	}
	m.compact = false
	if m.vp.Height < 3 && m.vp.Height < len(lines) {
		// Under three lines of text: the border, the title, the text and
		// the hint only.
		m.compact = true
		m.vp.Height = max(1, h-2) // a provisional height, for the hint's
		hint := strings.Count(common.Wrap(m.Hint(), tw), "\n") + 1
		m.vp.Height = max(1, min(len(lines), h-3-hint))
	}
	m.vp.SetContent(strings.Join(lines, "\n"))
	if m.bottom {
		m.vp.GotoBottom()
		m.bottom = false
	}
	return m
}

// Help implements common.Dialog: the footer names the closing keys.
func (m Model) Help() help.KeyMap { return keys.List{m.Keys.Close} }

// Lasts implements common.Lasting: a report stays until it is read.
func (m Model) Lasts() bool { return true }

// Scrolls reports whether the body is taller than the room.
func (m Model) Scrolls() bool { return m.wrapped > m.vp.Height }

// Update closes the notice on esc, enter or q, closes it and runs an
// action on its key, and scrolls.
func (m Model) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	if key.Matches(km, m.Keys.Close) || key.Matches(km, m.Keys.Quit) {
		return nil, nil
	}
	for _, a := range m.actions {
		if key.Matches(km, a.Key) {
			return nil, a.Cmd
		}
	}
	switch {
	case key.Matches(km, m.Keys.Top):
		m.vp.GotoTop()
	case key.Matches(km, m.Keys.Bottom):
		m.vp.GotoBottom()
	default:
		m.vp, _ = m.vp.Update(msg)
	}
	return m, nil
}

// Hint is the line of keys under the body.
func (m Model) Hint() string {
	var parts []string
	if m.Scrolls() {
		parts = append(parts, common.ScrollHint(m.vp, m.wrapped))
	}
	for _, a := range m.actions {
		parts = append(parts, a.Key.Help().Key+" "+a.Key.Help().Desc)
	}
	return strings.Join(append(parts, "esc/enter close"), " · ")
}

// View renders the dialog.
func (m Model) View() string {
	st := m.Styles
	w := m.width()
	frame := st.Dialog.Width(w + st.Dialog.GetHorizontalPadding())
	if m.compact {
		body := st.DialogTitle.Render(m.title) + "\n" + m.vp.View() + "\n" + st.Hint.Render(common.Wrap(m.Hint(), w))
		return frame.PaddingTop(0).PaddingBottom(0).Render(body)
	}
	body := st.DialogTitle.Render(m.title) + "\n\n" + m.vp.View() + "\n\n" + st.Hint.Render(common.Wrap(m.Hint(), w))
	return frame.Render(body)
}

// wrap breaks text at spaces and hyphens into lines of at most w cells
// (ansi.Wordwrap may leave a hyphen past w, which the viewport would cut).
func wrap(text string, w int) string { return ansi.Wrap(text, max(1, w), "") }
