package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
)

// formAt opens the generate form, picks the Project type when project is
// set, and tabs to the field f.
func formAt(project bool, f create.Field) func(t *testing.T) Model {
	return own(func(m Model) Model {
		m = press(m, "n")
		if project {
			m = press(m, "tab", "home")
			for i := 0; i < 3 && m.Form().Type() != model.TypeProject; i++ {
				m = press(m, "left")
			}
		}
		for i := 0; i < 6 && m.Form().Focused() != f; i++ {
			m = press(m, "tab")
		}
		return m
	})
}

func init() {
	screens["form_expires"] = formAt(false, create.FieldExpires)
	screens["form_project_expires"] = formAt(true, create.FieldExpires)
	screens["form_project_list"] = formAt(true, create.FieldProject)
}

// mustShow is, per dialog, what must stay on screen whatever is cut to
// fit at every size the console takes (TooSmall: from 50×15, and from
// 60×12 at 60 columns): the focused field's label, the buttons (both on
// one line), what to do next; a want without "|" may wrap across lines.
var mustShow = map[string][]string{
	"form":                 {"> Name"},
	"form_expires":         {"> Expires in"},
	"form_project_expires": {"> Expires in"},
	"form_project_list":    {"> Project", "> ○ "},
	"other_user_form":      {"> Name"},
	"confirm":              {"[ No ]|Revoke"},
	"bulk_confirm":         {"[ No ]|Revoke"},
	"bulk_confirm_many":    {"[ No ]|Revoke"},
	"lost":                 {"[ No ]|Revoke and generate again"},
	"rotate_plan":          {"> New name"},
	"rotate_stopped":       {"Revoke whichever you do not use with d."},
}

// TestDialogKeepsWhatMatters: at every size the console takes a dialog
// too tall for the room drops its blank lines, hints and list tails
// before the focused field's label or its buttons, which stay in the
// content area (above the status and help lines).
func TestDialogKeepsWhatMatters(t *testing.T) {
	t.Parallel()
	widths := []int{50, 51, 55, 60, 61, 70, 79, 80, 100, 120}
	heights := []int{12, 13, 15, 18, 23, 24, 30}
	for screen, wants := range mustShow {
		t.Run(screen, func(t *testing.T) {
			base := screens[screen](t)
			for _, w := range widths {
				for _, h := range heights {
					if TooSmall(w, h) {
						continue
					}
					m := feed(base, tea.WindowSizeMsg{Width: w, Height: h})
					view := m.View()
					lines := strings.Split(ansi.Strip(view), "\n")
					content := lines[:max(0, len(lines)-2)]
					for _, want := range wants {
						parts := strings.Split(want, "|")
						if len(parts) == 1 && strings.Contains(flat(strings.Join(content, "\n")), want) {
							continue // wrapped across lines
						}
						if !anyLineHasAll(content, parts) {
							t.Errorf("%s at %dx%d: %q is not shown:\n%s", screen, w, h, want, view)
						}
					}
				}
			}
		})
	}
}

func anyLineHasAll(lines, parts []string) bool {
	for _, l := range lines {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(l, p)
		}
		if all {
			return true
		}
	}
	return false
}
