// Package helpscreen is the full help (the ? key): every key of the page
// in columns, then hints, in a dialog. Help taller than the room scrolls
// (bubbles/viewport) instead of being cut. It is the first screen built
// on common.Dialog: the root shows it over the page or the dialog and
// knows it by nothing else.
package helpscreen

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/keys"
)

// Model is the help dialog.
type Model struct {
	common.Common
	keyMap help.KeyMap // the page's keys, in columns
	hints  []string    // sentences under the keys
	help   help.Model  // styles of keys and descriptions

	scrolls bool // the body is taller than the room: the viewport shows it
	compact bool // so little room that the blank lines and padding go
	lines   int  // lines of the body
	vp      viewport.Model
	body    string
	over    bool // shown over a dialog: q closes it instead of quitting
}

// New returns the help of a page whose keys are km, followed by hints;
// h gives the styles of keys and descriptions.
func New(c common.Common, km help.KeyMap, hints []string, h help.Model) Model {
	return Model{Common: c, keyMap: km, hints: append([]string(nil), hints...), help: h, vp: common.NewViewport()}
}

// OverDialog returns the help shown over a dialog, whose keys it lists:
// q closes it, as it closes the dialogs, instead of quitting.
func (m Model) OverDialog() Model {
	m.over = true
	return m
}

// chrome is the height the dialog's frame, its title and the blank line
// under the title take.
func (m Model) chrome() int { return m.Styles.Dialog.GetVerticalFrameSize() + 2 }

// textWidth is the width of the text inside the dialog.
func (m Model) textWidth() int {
	return max(20, min(96, m.Width-m.Styles.Dialog.GetHorizontalFrameSize()))
}

// SetSize lays the help out for a content area of w×h.
func (m Model) SetSize(w, h int) common.Dialog {
	m.Common.SetSize(w, h)
	tw := m.textWidth()
	hints := make([]string, len(m.hints))
	for i, s := range m.hints {
		hints[i] = common.Wrap(s, tw)
	}
	m.body = columns(m.help, m.keyMap, tw) + "\n\n" + m.Styles.Hint.Render(strings.Join(hints, "\n"))
	m.lines = strings.Count(m.body, "\n") + 1
	room := h - m.chrome()
	m.scrolls = m.lines > room
	m.compact = false
	if m.scrolls {
		m.vp.Width = tw
		m.vp.Height = room - 2 // a blank line and the scroll hint
		if m.vp.Height < 3 {
			// Under three lines of keys: the border, the title and the
			// scroll hint only.
			m.compact = true
			m.vp.Height = max(1, h-m.Styles.Dialog.GetBorderTopSize()-m.Styles.Dialog.GetBorderBottomSize()-2)
		}
		m.vp.SetContent(m.body)
	}
	return m
}

// Scrolls reports whether the help is taller than the room.
func (m Model) Scrolls() bool { return m.scrolls }

// Update closes the help on its closing keys, asks the root to quit on q
// (closes over a dialog), and scrolls.
func (m Model) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(km, m.Keys.Quit) && m.over, key.Matches(km, m.Keys.CloseHelp):
		return nil, nil
	case key.Matches(km, m.Keys.Quit):
		return m, common.Quit
	case !m.scrolls:
	case key.Matches(km, m.Keys.Top):
		m.vp.GotoTop()
	case key.Matches(km, m.Keys.Bottom):
		m.vp.GotoBottom()
	default:
		m.vp, _ = m.vp.Update(msg)
	}
	return m, nil
}

// Help implements common.Dialog.
func (m Model) Help() help.KeyMap { return keys.HelpScreen{KeyMap: *m.Keys, OverDialog: m.over} }

// View renders the dialog.
func (m Model) View() string {
	st := m.Styles
	if !m.scrolls {
		return st.Dialog.Render(st.DialogTitle.Render("Keys") + "\n\n" + m.body)
	}
	hint := st.Hint.Render(common.ScrollHint(m.vp, m.lines))
	if m.compact {
		return st.Dialog.PaddingTop(0).PaddingBottom(0).Render(st.DialogTitle.Render("Keys") + "\n" + m.vp.View() + "\n" + hint)
	}
	return st.Dialog.Render(st.DialogTitle.Render("Keys") + "\n\n" + m.vp.View() + "\n\n" + hint)
}

// columns lays out the key map's columns side by side as long as they
// fit in w; the columns that do not fit follow as lines of "key desc"
// pairs, wrapped to w.
func columns(h help.Model, km help.KeyMap, w int) string {
	h.ShowAll = true
	h.Width = 0
	const gap = "    "
	var row, rest []string
	width := 0
	for _, group := range km.FullHelp() {
		col := h.FullHelpView([][]key.Binding{group})
		if col == "" {
			continue
		}
		cw := lipgloss.Width(col)
		if len(rest) == 0 && (len(row) == 0 || width+len(gap)+cw <= w) {
			if len(row) > 0 {
				row = append(row, gap)
				width += len(gap)
			}
			row = append(row, col)
			width += cw
			continue
		}
		for _, b := range group {
			if b.Enabled() {
				rest = append(rest, h.Styles.ShortKey.Render(b.Help().Key)+" "+h.Styles.ShortDesc.Render(b.Help().Desc))
			}
		}
	}
	out := lipgloss.JoinHorizontal(lipgloss.Top, row...)
	if len(rest) > 0 {
		out += "\n\n" + strings.Join(common.Pack(rest, h.Styles.ShortSeparator.Render(" • "), w), "\n")
	}
	return out
}
