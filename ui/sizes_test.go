package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/sonartoken/sonartoken/internal/clipboard"
)

// gridValue is the value of the first token the fake generates.
var gridValue = fakeValue(1)

// screens reaches each main screen from a settled console.
var screens = map[string]func(Model) Model{
	"table":   func(m Model) Model { return m },
	"form":    func(m Model) Model { return press(m, "n") },
	"reveal":  func(m Model) Model { return press(generateNamed(m, "a-name-for-the-size-grid"), "c") },
	"confirm": func(m Model) Model { return press(m, "d") },
	"help":    func(m Model) Model { return press(m, "?") },
	"lost":    nil, // see screenModel
	"error":   nil,
}

// screenModel opens screen on a console first laid out at 100×30.
func screenModel(t *testing.T, screen string) Model {
	t.Helper()
	cb := &fakeClipboard{method: clipboard.OSC52}
	switch screen {
	case "lost":
		f := &lossyService{fakeService: newFake(), lose: 1}
		return generateNamed(newModel(t, f, cb, 100, 30), "lost-at-every-size")
	case "error":
		f := newFake()
		f.fail("SearchTokens", errRefused)
		return newModel(t, f, cb, 100, 30)
	}
	return screens[screen](newModel(t, newFake(), cb, 100, 30))
}

// TestEverySize renders the main screens at every size of a coarse grid
// from 1×1 to 300×100: no panic, no line wider than the terminal, and no
// more lines than it has.
func TestEverySize(t *testing.T) {
	widths := []int{1, 2, 5, 10, 20, 40, 59, 60, 79, 80, 120, 200, 300}
	heights := []int{1, 2, 5, 11, 12, 23, 24, 30, 50, 100}
	for screen := range screens {
		t.Run(screen, func(t *testing.T) {
			base := screenModel(t, screen)
			for _, w := range widths {
				for _, h := range heights {
					m := feed(base, tea.WindowSizeMsg{Width: w, Height: h})
					view := m.View()
					lines := strings.Split(view, "\n")
					where := fmt.Sprintf("%s at %dx%d", screen, w, h)
					if len(lines) > h {
						t.Errorf("%s: %d lines", where, len(lines))
					}
					if screen == "reveal" && w >= MinWidth && h >= MinHeight && !strings.Contains(view, gridValue) {
						t.Errorf("%s: the value is not shown:\n%s", where, view)
					}
					for i, l := range lines {
						if lw := lipgloss.Width(l); lw > w {
							t.Errorf("%s: line %d is %d wide: %q", where, i+1, lw, l)
							break
						}
					}
				}
			}
		})
	}
}
