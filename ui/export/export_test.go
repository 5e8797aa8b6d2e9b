package export

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

func newDialog(w, h int) Model {
	c := common.New(func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) })
	c.StaticCursor = true
	return New(c, 12, "sonartoken-review-2026-11-30.csv").SetSize(w, h).(Model)
}

func TestGoldenExport(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			v := newDialog(size[0], size[1]).View()
			if lipgloss.Width(v) > size[0] || lipgloss.Height(v) > size[1] {
				t.Errorf("%dx%d", lipgloss.Width(v), lipgloss.Height(v))
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// enter sends the path; a name without .csv or .json is refused in
// place; esc closes.
func TestExportDialogKeys(t *testing.T) {
	d := newDialog(100, 30)
	_, cmd := d.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if msg, ok := cmd().(SubmitMsg); !ok || msg.Path != "sonartoken-review-2026-11-30.csv" {
		t.Errorf("enter: %#v", msg)
	}
	next, _ := d.Update(tea.KeyMsg{Type: tea.KeyCtrlU})
	next, _ = next.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("out.txt")})
	next, cmd = next.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd != nil || !strings.Contains(next.View(), "Name the file .csv or .json") {
		t.Errorf("out.txt: %v\n%s", cmd, next.View())
	}
	if _, cmd = d.Update(tea.KeyMsg{Type: tea.KeyEsc}); cmd == nil {
		t.Fatal("esc: no command")
	} else if _, ok := cmd().(common.CloseDialogMsg); !ok {
		t.Error("esc does not close")
	}
}
