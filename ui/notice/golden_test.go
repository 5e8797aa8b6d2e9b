package notice

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

func report() Model {
	c := common.New(func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
	lines := []string{"Revoked 3 of 5 tokens.", "Failed:"}
	for _, n := range []string{"alice · ci-pipeline", "bob · laptop"} {
		lines = append(lines, "  "+n+": the server answered 503 Service Unavailable; try again in a minute")
	}
	retry := key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry the 2 failed"))
	return New(c, "Bulk revocation", lines, Action{Key: retry, Cmd: func() tea.Msg { return "retry" }})
}

// TestGoldenSizes: the report at the three sizes every screen is checked
// at (the content area the root hands it), within its room. Where it does
// not fit it scrolls, and says so; below three lines of text it drops its
// padding and blank lines rather than be cut by the root.
func TestGoldenSizes(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{60, 12}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w, h := size[0]-2, size[1]-5
			d := report().SetSize(w, h)
			v := d.View()
			if got := lipgloss.Width(v); got > w {
				t.Errorf("%d cells wide in %d", got, w)
			}
			if got := lipgloss.Height(v); got > h {
				t.Errorf("%d lines tall in %d: the root would cut it", got, h)
			}
			if d.(Model).Scrolls() != strings.Contains(v, "↑/↓ scroll") {
				t.Errorf("scrolls %v, but the view says otherwise:\n%s", d.(Model).Scrolls(), v)
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// TestCloseAndAction: esc closes the dialog; the action's key closes it
// and runs the action, in the same Update.
func TestCloseAndAction(t *testing.T) {
	t.Parallel()
	d := report().SetSize(78, 19)
	if next, cmd := d.Update(tea.KeyMsg{Type: tea.KeyEsc}); next != nil || cmd != nil {
		t.Fatal("esc does not close")
	}
	next, cmd := d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
	if cmd == nil {
		t.Fatal("r does nothing")
	}
	if got := cmd(); next != nil || got != "retry" {
		t.Fatalf("r left %T and sends %#v", next, got)
	}
}
