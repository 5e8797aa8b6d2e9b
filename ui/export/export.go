// Package export is the export of the shown rows (e): the dialog that
// asks for a file, whose extension, .csv or .json, picks the format, and
// the write (internal/report) in a Cmd, which asks before replacing a file.
package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/keys"
)

// Model is the export dialog.
type Model struct {
	common.Common
	input textinput.Model
	r     report.Report
	err   string
}

// New asks where to write r, suggesting name.
func New(c common.Common, r report.Report, name string) Model {
	in := c.NewInput("file.csv or file.json", 4096)
	in.SetValue(name)
	in.CursorEnd()
	in.Focus()
	return Model{Common: c, input: in, r: r}
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
			return nil, nil
		case key.Matches(km, m.Keys.Submit):
			p := strings.TrimSpace(m.input.Value())
			low := strings.ToLower(p)
			if !strings.HasSuffix(low, ".csv") && !strings.HasSuffix(low, ".json") {
				m.err = "Name the file .csv or .json: the extension picks the format."
				return m, nil
			}
			return nil, write(m.Common, p, m.r, false)
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
	rows := common.Plural(len(m.r.Tokens), "token")
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

// write writes r to path in a Cmd ("~/" is the home folder, a relative
// path the current folder's); an existing file is replaced only when
// overwrite is set.
func write(c common.Common, path string, r report.Report, overwrite bool) tea.Cmd {
	return common.Work("Exporting "+common.Plural(len(r.Tokens), "token")+"…", func() tea.Msg {
		p := path
		if rest, ok := strings.CutPrefix(p, "~"+string(filepath.Separator)); ok {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, rest)
			}
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		return DoneMsg{c: c, Path: p, r: r, Err: report.WriteFile(p, r, overwrite)}
	})
}

// DoneMsg is the answer to an export: the file's absolute path, and why it
// was not written.
type DoneMsg struct {
	Path string
	Err  error
	c    common.Common
	r    report.Report
}

// Outcome implements common.Result: where the rows went, the question
// before replacing a file, or why the export failed.
func (m DoneMsg) Outcome() common.Outcome {
	o := common.Outcome{Ends: true}
	rows := len(m.r.Tokens)
	switch {
	case errors.Is(m.Err, report.ErrExists):
		body := []common.Part{
			common.Line(model.Printable(m.Path)+" exists.", common.Keep),
			common.Line("Replace it with the "+common.Plural(rows, "shown token")+"?", common.Keep),
		}
		o.Open = confirm.New(m.c, "Replace the file?", body, "Replace", write(m.c, m.Path, m.r, true))
	case m.Err != nil:
		o.Error = "Could not export: " + model.PrintableLines(m.Err.Error())
	default:
		o.Info = fmt.Sprintf("Exported %s to %s", common.Plural(rows, "token"), model.Printable(m.Path))
	}
	return o
}
