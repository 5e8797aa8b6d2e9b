package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/notice"
)

// openLog shows every error and note of the session, newest last, in a
// scrolling report: the status line cuts long ones.
func (m Model) openLog() (Model, tea.Cmd) {
	var lines []string
	for _, e := range m.status.Log() {
		lines = append(lines, e.String())
	}
	if len(lines) == 0 {
		lines = []string{"No message yet."}
	}
	// Continuation lines under the text, past "15:04:05 ✗ ".
	return m, common.OpenDialog(notice.New(m.common, "Messages", lines).AtBottom().Hanging(11))
}
