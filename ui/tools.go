package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/ui/auditlog"
	"github.com/sonartoken/sonartoken/ui/detail"
	"github.com/sonartoken/sonartoken/ui/export"
)

// toolsMsg routes the detail view's requests, and says whether msg was
// theirs.
func (m Model) toolsMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	var next Model
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case detail.RevokeMsg:
		next, cmd = m.detailAction(msg.Token, false)
	case detail.RotateMsg:
		next, cmd = m.detailAction(msg.Token, true)
	case export.SubmitMsg:
		next, cmd = m.startExport(msg.Path)
	case exportedMsg:
		next, cmd = m.exported(msg)
	case auditlog.RecordedMsg:
		next, cmd = m.recorded(msg)
	case auditlog.RecordedAllMsg:
		next, cmd = m.recorded(msg.Recorded...)
	default:
		return m, nil, false
	}
	return next, cmd, true
}
