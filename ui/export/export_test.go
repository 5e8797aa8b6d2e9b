package export

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

func newDialog(w, h int) Model {
	c := common.New(func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) })
	c.StaticCursor = true
	r := report.Report{Tokens: make([]model.Token, 12), Now: c.Now()}
	return New(c, r, "sonartoken-review-2026-11-30.csv").SetSize(w, h).(Model)
}

func TestGoldenExport(t *testing.T) {
	t.Parallel()
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

// enter closes the dialog and writes the path; a name without .csv or
// .json is refused in place; esc closes.
func TestExportDialogKeys(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	d := newDialog(100, 30)
	closed, cmd := d.Update(tea.KeyMsg{Type: tea.KeyEnter})
	var done DoneMsg
	for _, c := range sequence(t, cmd()) {
		if msg, ok := c().(DoneMsg); ok {
			done = msg
		}
	}
	if closed != nil || done.Err != nil || filepath.Base(done.Path) != "sonartoken-review-2026-11-30.csv" {
		t.Errorf("enter: %T %#v", closed, done)
	}
	next, _ := d.Update(tea.KeyMsg{Type: tea.KeyCtrlU})
	next, _ = next.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("out.txt")})
	next, cmd = next.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd != nil || !strings.Contains(next.View(), "Name the file .csv or .json") {
		t.Errorf("out.txt: %v\n%s", cmd, next.View())
	}
	if next, _ = d.Update(tea.KeyMsg{Type: tea.KeyEsc}); next != nil {
		t.Error("esc does not close")
	}
}

// sequence returns the Cmds of a tea.Sequence, whose message type
// bubbletea does not export (a slice of tea.Cmd).
func sequence(t *testing.T, msg tea.Msg) []tea.Cmd {
	t.Helper()
	v := reflect.ValueOf(msg)
	cmdsType := reflect.TypeOf([]tea.Cmd(nil))
	if !v.IsValid() || v.Kind() != reflect.Slice || !v.Type().ConvertibleTo(cmdsType) {
		t.Fatalf("%T is not a sequence", msg)
	}
	return v.Convert(cmdsType).Interface().([]tea.Cmd)
}
