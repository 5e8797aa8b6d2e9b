// Package export is the dialog that asks where to export the shown rows:
// a file whose extension, .csv or .json, picks the format. The root
// writes the file in a Cmd (internal/report) once the path is given.
package export

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/keys"
)

// SubmitMsg asks the root to export the shown rows to Path.
type SubmitMsg struct{ Path string }

// Model is the export dialog.
type Model struct {
	common.Common
	input textinput.Model
	rows  int
	err   string
}

// New asks where to export rows rows, suggesting name.
func New(c common.Common, rows int, name string) Model {
	in := c.NewInput("file.csv or file.json", 4096)
	in.SetValue(name)
	in.CursorEnd()
	in.Focus()
	return Model{Common: c, input: in, rows: rows}
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return textinput.Blink }

// Typing implements common.Typer: runes are the path's.
func (m Model) Typing() bool { return true }

// Help implements common.Dialog.
func (m Model) Help() help.KeyMap {
	k := m.Keys
	return keys.List{keys.Relabel(k.Submit, "enter", "export"), k.Cancel}
}

// SetSize implements common.Dialog.
func (m Model) SetSize(w, h int) common.Dialog {
	m.Common.SetSize(w, h)
	m.input.Width = max(10, m.innerWidth()-2)
	return m
}

func (m Model) innerWidth() int { return max(30, min(76, m.Width-6)) }

// Update implements common.Dialog.
func (m Model) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, m.Keys.Cancel):
			return m, common.CloseDialog
		case key.Matches(km, m.Keys.Submit):
			p := strings.TrimSpace(m.input.Value())
			low := strings.ToLower(p)
			if !strings.HasSuffix(low, ".csv") && !strings.HasSuffix(low, ".json") {
				m.err = "Name the file .csv or .json: the extension picks the format."
				return m, nil
			}
			return m, func() tea.Msg { return SubmitMsg{Path: p} }
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if _, ok := msg.(tea.KeyMsg); ok {
		m.err = ""
	}
	return m, cmd
}

// View implements common.Dialog.
func (m Model) View() string {
	st := m.Styles
	w := m.innerWidth()
	rows := fmt.Sprintf("%d tokens", m.rows)
	if m.rows == 1 {
		rows = "1 token"
	}
	parts := []common.Part{
		common.Line(st.DialogTitle.Render("Export the shown rows"), common.Keep),
		common.Blank(),
		common.Line(st.Label.Render("File ")+m.input.View(), common.Keep),
	}
	if m.err != "" {
		parts = append(parts, common.Line(st.FieldError.Render(common.Wrap(m.err, w)), common.Keep))
	} else {
		parts = append(parts, common.Line(st.Hint.Render(common.Wrap(rows+", as the filters show them · .csv or .json · the file is private (mode 0600), never overwritten without asking", w)), common.Hint))
	}
	parts = append(parts, common.Blank(), common.Line(st.Hint.Render("enter export · esc cancel"), common.Hint))
	return common.FitDialog(st.Dialog.Width(w+st.Dialog.GetHorizontalPadding()), m.Height, parts...)
}
