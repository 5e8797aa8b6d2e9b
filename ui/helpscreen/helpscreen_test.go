package helpscreen_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/helpscreen"
	"github.com/sonartoken/sonartoken/ui/internal/widthpin"
	"github.com/sonartoken/sonartoken/ui/keys"
)

func TestMain(m *testing.M) {
	widthpin.Pin()
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

func newHelp() common.Dialog {
	c := common.New(func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
	hints := []string{
		"In the generate form: tab/shift+tab move, ←/→ choose, enter generates, esc cancels.",
		"A new token's value is shown once: press c to copy it.",
		"Press ? or esc to close this help.",
	}
	return helpscreen.New(c, keys.TableHelp{KeyMap: *c.Keys}, hints, help.New())
}

func press(d common.Dialog, k tea.KeyMsg) (common.Dialog, tea.Msg) {
	d, cmd := d.Update(k)
	if cmd == nil {
		return d, nil
	}
	return d, cmd()
}

// TestGoldenSizes: the help at the three sizes every screen is checked at
// (the content area the root hands it: the terminal less 5 lines of
// header, status and footer, less the app's side padding). Where it does
// not fit it scrolls, and says so.
func TestGoldenSizes(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{60, 12}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w, h := size[0]-2, size[1]-5
			d := newHelp().SetSize(w, h)
			v := d.View()
			if got := lipgloss.Height(v); got > h {
				t.Errorf("%d lines tall in %d", got, h)
			}
			if got := lipgloss.Width(v); got > w {
				t.Errorf("%d cells wide in %d", got, w)
			}
			scrolls := d.(helpscreen.Model).Scrolls()
			if scrolls != strings.Contains(v, "↑/↓ scroll") {
				t.Errorf("scrolls %v, but the view says otherwise:\n%s", scrolls, v)
			}
			if !scrolls && !strings.Contains(v, "Press ? or esc to close this help.") {
				t.Errorf("the last hint is missing:\n%s", v)
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// TestKeys: end scrolls to the last hint, ? and esc close, q asks the root
// to quit; nothing else closes it.
func TestKeys(t *testing.T) {
	t.Parallel()
	d := newHelp().SetSize(58, 7)
	d, msg := press(d, tea.KeyMsg{Type: tea.KeyEnd})
	if msg != nil || !strings.Contains(d.View(), "close this help") {
		t.Fatalf("end: %v\n%s", msg, d.View())
	}
	for _, k := range []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("?")}, {Type: tea.KeyEsc}} {
		if closed, msg := press(d, k); closed != nil || msg != nil {
			t.Errorf("%s: %#v, want the help closed", k, msg)
		}
	}
	if _, msg := press(d, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")}); msg != (common.QuitMsg{}) {
		t.Errorf("q: %#v, want QuitMsg", msg)
	}
	if _, msg := press(d, tea.KeyMsg{Type: tea.KeyEnter}); msg != nil {
		t.Errorf("enter: %#v", msg)
	}
}
