package confirm

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/internal/widthpin"
)

func TestMain(m *testing.M) {
	widthpin.Pin()
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// ran is the action the tests' dialog runs on Yes.
type ran struct{}

func dialog() Model {
	c := common.New(func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
	body := []common.Part{
		common.Line("Revoke token ci-pipeline of alice?", common.Keep),
		common.Line("Project: Billing Engine · expires 2026-04-01 · last used 2026-02-27", common.Context),
		common.Line("Anything using it will stop working.", common.Hint),
	}
	return New(c, "Revoke token ci-pipeline", body, "Revoke", func() tea.Msg { return ran{} })
}

// TestGoldenSizes: the confirmation in the smallest pane the console
// takes (50x15) and at the three sizes every screen is checked at (the
// content area the root hands it), within its room.
func TestGoldenSizes(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{50, 15}, {60, 12}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w, h := size[0]-2, size[1]-5
			v := dialog().SetSize(w, h).View()
			if lipgloss.Width(v) > w || lipgloss.Height(v) > h {
				t.Errorf("%dx%d in %dx%d:\n%s", lipgloss.Width(v), lipgloss.Height(v), w, h, v)
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// TestKeys: No is the default; y confirms with the action; tab then enter
// confirms; n and esc cancel.
func TestKeys(t *testing.T) {
	t.Parallel()
	key := func(s string) tea.KeyMsg {
		switch s {
		case "esc":
			return tea.KeyMsg{Type: tea.KeyEsc}
		case "enter":
			return tea.KeyMsg{Type: tea.KeyEnter}
		case "tab":
			return tea.KeyMsg{Type: tea.KeyTab}
		}
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
	}
	// run returns what the answer's Cmd sends, and whether the dialog
	// closed on it.
	run := func(keys ...string) (tea.Msg, bool) {
		var d common.Dialog = dialog().SetSize(78, 19)
		var cmd tea.Cmd
		for _, k := range keys {
			d, cmd = d.Update(key(k))
		}
		if cmd == nil {
			return nil, d == nil
		}
		return cmd(), d == nil
	}
	for _, c := range []struct {
		keys []string
		yes  bool
	}{{[]string{"y"}, true}, {[]string{"tab", "enter"}, true}, {[]string{"enter"}, false}, {[]string{"n"}, false}, {[]string{"esc"}, false}} {
		msg, closed := run(c.keys...)
		if c.yes {
			if msg != (ran{}) || !closed {
				t.Errorf("%v: %#v, want the action", c.keys, msg)
			}
		} else if msg != nil || !closed {
			t.Errorf("%v: %#v, want cancelled", c.keys, msg)
		}
	}
}

// TestTyped: a typed confirmation runs its action only on enter after the
// word (a number, with or without separators); y, n, a lone enter and a
// wrong word do not, and enter on a wrong word says so; esc cancels.
func TestTyped(t *testing.T) {
	t.Parallel()
	key := func(s string) tea.KeyMsg {
		switch s {
		case "esc":
			return tea.KeyMsg{Type: tea.KeyEsc}
		case "enter":
			return tea.KeyMsg{Type: tea.KeyEnter}
		case "backspace":
			return tea.KeyMsg{Type: tea.KeyBackspace}
		}
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
	}
	run := func(keys ...string) (common.Dialog, []tea.Msg) {
		c := dialog()
		c.StaticCursor = true // no blink Cmds to wait for
		var d common.Dialog = c.Typed("4265").SetSize(78, 19)
		var msgs []tea.Msg
		for _, k := range keys {
			var cmd tea.Cmd
			if d == nil {
				msgs = append(msgs, "a key after the dialog closed")
				break
			}
			d, cmd = d.Update(key(k))
			if cmd != nil {
				if msg := cmd(); msg != nil {
					msgs = append(msgs, msg)
				}
			}
		}
		return d, msgs
	}
	for _, keys := range [][]string{{"y"}, {"n"}, {"enter"}, {"4", "2", "6", "enter"}, {"4", "2", "6", "5", "5", "enter"}} {
		d, msgs := run(keys...)
		for _, msg := range msgs {
			if msg == (ran{}) {
				t.Errorf("%v confirmed", keys)
			}
		}
		if keys[len(keys)-1] == "enter" && !strings.Contains(d.View(), "That is not 4265") {
			t.Errorf("%v: no word about the wrong number:\n%s", keys, d.View())
		}
	}
	for _, keys := range [][]string{{"4", "2", "6", "5", "enter"}, {"4", ",", "2", "6", "5", "enter"}, {"y", "backspace", "4", "2", "6", "5", "enter"}} {
		_, msgs := run(keys...)
		if len(msgs) == 0 {
			t.Errorf("%v: nothing", keys)
			continue
		}
		if msgs[len(msgs)-1] != (ran{}) {
			t.Errorf("%v: %#v, want the action", keys, msgs)
		}
	}
	if d, msgs := run("4", "esc"); len(msgs) != 0 || d != nil {
		t.Errorf("esc: %#v", msgs)
	}
	d, _ := run()
	if v := d.View(); !strings.Contains(v, "Type 4265 to confirm:") || !strings.Contains(v, "enter revoke · esc cancel") || strings.Contains(v, "[ No ]") {
		t.Errorf("view:\n%s", v)
	}
	if typer, ok := d.(common.Typer); !ok || !typer.Typing() {
		t.Error("a typed confirmation does not take text")
	}
}
