package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/export"
)

// exportedMsg reports an export: the file's absolute path and how many
// rows it holds.
type exportedMsg struct {
	path string
	rows int
	err  error
}

// shownRows returns the page's rows as its filters show them, and the
// expiring window their status is computed against.
func (m Model) shownRows() ([]model.Token, time.Duration) {
	rows := m.table.ShownTokens()
	if m.page == PageReview {
		rows = m.review.Table().ShownTokens()
	}
	return rows, m.expiringWithin()
}

// expiringWithin is the window in which the page shown calls a token
// expiring: the review's own, or the tokens page's default.
func (m Model) expiringWithin() time.Duration {
	if m.page == PageReview {
		days, _ := m.review.Windows()
		return time.Duration(days) * 24 * time.Hour
	}
	return model.DefaultExpiringWithin
}

// shownReport is the report of the shown rows, and the activity that
// writing it shows.
func (m Model) shownReport() (report.Report, string) {
	rows, within := m.shownRows()
	return report.Report{Tokens: rows, Now: m.common.Now(), Within: within}, "Exporting " + plural(len(rows), "token") + "…"
}

// openExport asks where to export the shown rows (e).
func (m Model) openExport() (Model, tea.Cmd) {
	rows, _ := m.shownRows()
	if len(rows) == 0 {
		m.status.SetError("Nothing to export: no row is shown.")
		return m, nil
	}
	what := "tokens"
	if m.page == PageReview {
		what = "review"
	}
	name := fmt.Sprintf("sonartoken-%s-%s.csv", what, m.common.Now().Format("2006-01-02"))
	d := export.New(m.common, len(rows), name)
	m.dialog = d
	return m, d.Init()
}

// startExport writes the shown rows to path in a Cmd; an existing file is
// kept, and exported asks before replacing it.
func (m Model) startExport(path string) (Model, tea.Cmd) {
	m.dialog = nil
	r, activity := m.shownReport()
	return m, tea.Batch(m.begin(activity), exportCmd(path, r, false))
}

// exportCmd writes r to path ("~/" is the home folder, a relative path
// the current folder's).
func exportCmd(path string, r report.Report, overwrite bool) tea.Cmd {
	return func() tea.Msg {
		p := path
		if rest, ok := strings.CutPrefix(p, "~"+string(filepath.Separator)); ok {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, rest)
			}
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		return exportedMsg{path: p, rows: len(r.Tokens), err: report.WriteFile(p, r, overwrite)}
	}
}

// exported says where the rows went, asks before overwriting a file, or
// says why the export failed.
func (m Model) exported(msg exportedMsg) (Model, tea.Cmd) {
	m.pending--
	m.syncActivity()
	switch {
	case errors.Is(msg.err, report.ErrExists):
		body := []common.Part{
			common.Line(model.Printable(msg.path)+" exists.", common.Keep),
			common.Line("Replace it with the "+plural(msg.rows, "shown token")+"?", common.Keep),
		}
		var r report.Report
		r, m.confirmActivity = m.shownReport()
		m.dialog = confirm.New(m.common, "Replace the file?", body, "Replace", exportCmd(msg.path, r, true))
		return m, nil
	case msg.err != nil:
		m.status.SetError("Could not export: " + model.PrintableLines(msg.err.Error()))
		return m, nil
	}
	m.status.SetInfo(fmt.Sprintf("Exported %s to %s", plural(msg.rows, "token"), model.Printable(msg.path)))
	return m, nil
}
