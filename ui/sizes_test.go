package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/ui/internal/boxcheck"
)

// gridValue is the value of the first token the fake generates.
var gridValue = fakeValue(1)

// screens reaches each screen from a settled console laid out at 100×30:
// the own table and its dialogs, and the admin screens on the admin fake.
var screens = map[string]func(t *testing.T) Model{
	"table":           own(func(m Model) Model { return m }),
	"form":            own(func(m Model) Model { return press(m, "n") }),
	"reveal":          own(func(m Model) Model { return press(generateNamed(m, "a-name-for-the-size-grid"), "c") }),
	"reveal_ask_quit": own(func(m Model) Model { return updateOnly(generateNamed(m, "a-name-for-the-size-grid"), "ctrl+c") }),
	"confirm":         own(func(m Model) Model { return press(m, "d") }),
	"help":            own(func(m Model) Model { return press(m, "?") }),
	"lost": func(t *testing.T) Model {
		f := &lossyService{fakeService: newFake(), lose: 1}
		return generateNamed(newModel(t, f, &fakeClipboard{method: clipboard.OSC52}, 100, 30), "lost-at-every-size")
	},
	"error": func(t *testing.T) Model {
		f := newFake()
		f.fail("SearchTokens", errRefused)
		return newModel(t, f, &fakeClipboard{method: clipboard.OSC52}, 100, 30)
	},
	"review_loading": func(t *testing.T) Model {
		f := newAdminFake()
		f.scanHold = make(chan struct{})
		t.Cleanup(func() { close(f.scanHold) })
		m := adminModel(t, f, nil)
		m = (&hold{}).press(m, "R") // R waits for the held scan, left running
		if !m.Review().Loading() {
			t.Fatal("the review is not loading")
		}
		return m
	},
	"review_loaded":     admin(nil, "R"),
	"review_help":       admin(nil, "R", "?"),
	"review_other":      admin(nil, "u", "g", "r", "a", "c", "e", "enter"),
	"other_user_form":   admin(nil, "u", "g", "r", "a", "c", "e", "enter", "n"),
	"picker":            admin(nil, "u"),
	"bulk_confirm":      admin(nil, "R", "1", "a", "d"),
	"bulk_confirm_many": admin(nil, "R", "0", "a", "d"),
	"bulk_report":       admin(func(f *fakeService) { f.revokeErrs = map[string]error{"jenkins": errLongRefusal} }, "R", "1", "a", "d", "y"),
	"rotate_plan":       admin(nil, "G", "o"),
	"rotate_gen_error":  admin(func(f *fakeService) { f.fail("Generate", errLongRefusal) }, "G", "o", "enter"),
	"rotate_generating": func(t *testing.T) Model {
		return updateOnly(press(adminModel(t, newAdminFake(), nil), "G", "o"), "enter")
	},
	"rotate_reveal":     admin(nil, "G", "o", "enter", "c"),
	"rotate_ask_stop":   admin(nil, "G", "o", "enter", "esc"),
	"rotate_ask_revoke": admin(nil, "G", "o", "enter", "y"),
	"rotate_ask_quit": func(t *testing.T) Model {
		return updateOnly(press(adminModel(t, newAdminFake(), nil), "G", "o", "enter"), "ctrl+c")
	},
	"rotate_revoking": func(t *testing.T) Model {
		return updateOnly(press(adminModel(t, newAdminFake(), nil), "G", "o", "enter", "y"), "y")
	},
	"rotate_done":    admin(nil, "G", "o", "enter", "y", "y"),
	"rotate_stopped": admin(nil, "G", "o", "enter", "esc", "esc"),
	"rotate_failed":  admin(func(f *fakeService) { f.revokeErrs = map[string]error{"release-bot": errLongRefusal} }, "G", "o", "enter", "y", "y"),
	"rotate_lost_value": func(t *testing.T) Model {
		_, m := lossyAdmin(t, 1, false)
		return press(m, "G", "o", "enter")
	},
	"rotate_lost_revoke_failed": func(t *testing.T) Model {
		f, m := lossyAdmin(t, 1, false)
		f.revokeErrs = map[string]error{rotatedNew: errLongRefusal}
		return press(m, "G", "o", "enter", "y")
	},
	"rotate_lost_unknown": func(t *testing.T) Model {
		_, m := lossyAdmin(t, 1, true)
		return press(m, "G", "o", "enter")
	},
	"rotate_lost_kept": func(t *testing.T) Model {
		_, m := lossyAdmin(t, 1, false)
		return press(m, "G", "o", "enter", "n")
	},
}

// shows are the screens that must show the new token's value at every
// size from the minimum up.
var shows = map[string]bool{"reveal": true, "rotate_reveal": true, "rotate_ask_stop": true, "rotate_ask_revoke": true,
	"reveal_ask_quit": true, "rotate_ask_quit": true}

// unframed are the screens that draw no dialog.
var unframed = map[string]bool{"table": true, "error": true, "review_loading": true, "review_loaded": true, "review_other": true}

// errLongRefusal is a server refusal whose message needs wrapping.
var errLongRefusal = &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 400,
	Messages: []string{"A refusal long enough to need more than one line in any dialog that quotes it, with a_token_name_that_does_not_break_at_all_anywhere"}}

func own(open func(Model) Model) func(t *testing.T) Model {
	return func(t *testing.T) Model {
		return open(newModel(t, newFake(), &fakeClipboard{method: clipboard.OSC52}, 100, 30))
	}
}

func admin(setup func(*fakeService), ks ...string) func(t *testing.T) Model {
	return func(t *testing.T) Model {
		f := newAdminFake()
		if setup != nil {
			setup(f)
		}
		return press(adminModel(t, f, nil), ks...)
	}
}

// updateOnly sends a key without running the command it returns, so that a
// step waiting for an answer stays on screen.
func updateOnly(m Model, k string) Model {
	nm, _ := m.Update(keyMsg(k))
	return nm.(Model)
}

// TestEverySize renders every screen at every size of a coarse grid from
// 1×1 to 300×100: no panic, no line wider than the terminal, no more lines
// than it has, and, from the minimum size up, every dialog's frame whole
// on the right (its content wraps or shortens instead), and whole at the
// bottom too from 80×24 up.
func TestEverySize(t *testing.T) {
	t.Parallel()
	widths := []int{1, 2, 5, 10, 20, 40, 49, 50, 51, 55, 59, 60, 61, 70, 79, 80, 81, 100, 120, 200, 300}
	heights := []int{1, 2, 5, 11, 12, 14, 15, 16, 23, 24, 30, 50, 100}
	for screen, open := range screens {
		t.Run(screen, func(t *testing.T) {
			base := open(t)
			framed := false
			for _, w := range widths {
				for _, h := range heights {
					m := feed(base, tea.WindowSizeMsg{Width: w, Height: h})
					view := m.View()
					lines := strings.Split(view, "\n")
					where := fmt.Sprintf("%s at %dx%d", screen, w, h)
					if len(lines) > h {
						t.Errorf("%s: %d lines", where, len(lines))
					}
					if shows[screen] && !TooSmall(w, h) && !strings.Contains(view, gridValue) {
						t.Errorf("%s: the value is not shown:\n%s", where, view)
					}
					for i, l := range lines {
						if lw := lipgloss.Width(l); lw > w {
							t.Errorf("%s: line %d is %d wide: %q", where, i+1, lw, l)
							break
						}
					}
					if TooSmall(w, h) {
						continue
					}
					boxes, err := boxcheck.Check(view, w >= 80 && h >= 24)
					framed = framed || boxes > 0
					if err != nil {
						t.Errorf("%s: %v\n%s", where, err, view)
					}
				}
			}
			if !unframed[screen] && !framed {
				t.Errorf("%s: no dialog drawn: the check is blind", screen)
			}
		})
	}
}

// TestDialogsWholeAt80x24: at 80x24 and 100x30 no dialog needs cutting:
// each fits the content area whole, frame, buttons and last line included.
func TestDialogsWholeAt80x24(t *testing.T) {
	t.Parallel()
	for screen, open := range screens {
		if unframed[screen] {
			continue
		}
		t.Run(screen, func(t *testing.T) {
			base := open(t)
			for _, size := range [][2]int{{80, 24}, {100, 30}} {
				m := feed(base, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				if room, h := size[1]-m.chromeHeight(), lipgloss.Height(m.dialogView()); h > room {
					t.Errorf("at %dx%d the dialog takes %d lines of %d:\n%s", size[0], size[1], h, room, m.View())
				}
			}
		})
	}
}

// resizes are the sizes TestResizeMidFlow goes through: the smallest pane,
// one too small for the console, a wide one and back.
var resizes = [][2]int{{50, 15}, {49, 15}, {40, 10}, {200, 50}, {50, 15}, {80, 24}}

// resizeAll feeds every size of resizes in turn, checking at each that the
// view fits and, from 50x15 up, that it shows want.
func resizeAll(t *testing.T, m Model, want string) Model {
	t.Helper()
	for _, sz := range resizes {
		m = feed(m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := m.View()
		for i, l := range strings.Split(v, "\n") {
			if w := lipgloss.Width(l); w > sz[0] {
				t.Fatalf("at %dx%d line %d is %d wide:\n%s", sz[0], sz[1], i+1, w, v)
			}
		}
		if small := TooSmall(sz[0], sz[1]); small != strings.Contains(v, "too small") {
			t.Fatalf("at %dx%d, too small: %v:\n%s", sz[0], sz[1], !small, v)
		}
		if want != "" && !TooSmall(sz[0], sz[1]) && !strings.Contains(v, want) {
			t.Fatalf("at %dx%d %q is not shown:\n%s", sz[0], sz[1], want, v)
		}
	}
	return m
}

// TestResizeMidFlow: resizing the terminal down to 50x15, below the
// minimum and back in the middle of a flow loses nothing: the form keeps
// what was typed and generates it, the reveal keeps the value (shown at
// every size, copied whole), a confirmation still revokes the token it
// asked about, and the review keeps its marks and its filter.
func TestResizeMidFlow(t *testing.T) {
	t.Parallel()
	f := newFake()
	cb := &fakeClipboard{method: clipboard.OSC52}
	m := newModel(t, f, cb, 100, 30)
	m = typeText(press(m, "n"), "resized-mid-form")
	m = resizeAll(t, m, "resized-mid-form")
	if m.Mode() != ModeForm {
		t.Fatalf("mode %v after the resizes", m.Mode())
	}
	m = press(m, "enter")
	if len(f.generated) != 1 || f.generated[0].Name != "resized-mid-form" || m.Mode() != ModeReveal {
		t.Fatalf("generated %+v, mode %v", f.generated, m.Mode())
	}
	m = resizeAll(t, m, gridValue)
	m = press(m, "c")
	if cb.last() != gridValue {
		t.Fatalf("copied %q", cb.last())
	}
	m = press(m, "esc")
	if m.Mode() != ModeTable {
		t.Fatalf("mode %v after closing the reveal", m.Mode())
	}

	// A confirmation asked at 100x30 and answered at 50x15.
	m = press(m, "g", "d")
	sel := m.Mode()
	m = resizeAll(t, m, "Revoke")
	if sel != ModeConfirm || m.Mode() != ModeConfirm {
		t.Fatalf("mode %v, then %v", sel, m.Mode())
	}
	before := m.table.Len()
	m = press(m, "y")
	if m.table.Len() != before-1 {
		t.Fatalf("%d tokens after y, %d before", m.table.Len(), before)
	}

	// The review's marks and filter through the same resizes.
	a := adminModel(t, newAdminFake(), nil)
	a = press(a, "R", "space", "j", "space")
	if n := a.Review().Table().MarkedCount(); n != 2 {
		t.Fatalf("%d marked", n)
	}
	a = press(a, "/")
	a = typeText(a, "j")
	a = press(a, "enter")
	shown := a.Review().Table().Shown()
	a = resizeAll(t, a, "2 marked")
	if n := a.Review().Table().MarkedCount(); n != 2 || a.Review().Table().Shown() != shown || a.Review().Table().Query() != "j" {
		t.Fatalf("after the resizes: %d marked, %d shown (%d before), filter %q", n, a.Review().Table().Shown(), shown, a.Review().Table().Query())
	}
}
