package ui

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
)

// fullHelpKeys lists the enabled keys of the current full help.
func fullHelpKeys(m Model) string {
	var out []string
	for _, col := range m.helpKeys().FullHelp() {
		for _, b := range col {
			if b.Enabled() {
				out = append(out, b.Help().Key)
			}
		}
	}
	return strings.Join(out, " ")
}

// TestFormHelpOnlyApplicableKeys: the form's help line, full help and
// closing hint name only the keys of the fields shown: no ←/→ on 8.9 (no
// type, no expiry), no tab where the name is the only field, ↑/↓ while the
// project list has the focus; f1 opens the help, ? being text in the
// name field.
func TestFormHelpOnlyApplicableKeys(t *testing.T) {
	t.Parallel()
	v89 := model.Version{Major: 8, Minor: 9, Patch: 10, Raw: "8.9.10.61524"}
	cases := []struct {
		name        string
		open        func(t *testing.T) Model
		short, full string
		tabHint     bool
	}{
		{"8.9", func(t *testing.T) Model {
			f := newFake()
			f.version = v89
			return press(newModel(t, f, nil, 100, 30), "n")
		}, "enter esc f1", "enter esc ctrl+c", false},
		{"8.9 other user", func(t *testing.T) Model {
			f := newAdminFake()
			f.version = v89
			return press(adminModel(t, f, nil), "u", "g", "r", "a", "c", "e", "enter", "n")
		}, "enter esc f1", "enter esc ctrl+c", false},
		{"user only", func(t *testing.T) Model {
			f := newFake()
			f.user.GlobalPermissions = nil
			f.projects = nil
			return press(newModel(t, f, nil, 100, 30), "n")
		}, "tab/shift+tab ←/→ enter esc f1", "tab shift+tab ←/→ enter esc ctrl+c", true},
		{"other user", func(t *testing.T) Model {
			return press(adminModel(t, newAdminFake(), nil), "u", "g", "r", "a", "c", "e", "enter", "n")
		}, "tab/shift+tab ←/→ enter esc f1", "tab shift+tab ←/→ enter esc ctrl+c", true},
		{"project focused", func(t *testing.T) Model {
			m := press(newModel(t, newFake(), nil, 100, 30), "n", "tab", "home")
			for i := 0; i < 3 && m.Form().Type() != model.TypeProject; i++ {
				m = press(m, "left")
			}
			m = press(m, "tab")
			if m.Form().Focused() != create.FieldProject {
				t.Fatalf("focus %v", m.Form().Focused())
			}
			return m
		}, "tab/shift+tab ←/→ ↑/↓ enter esc f1", "tab shift+tab ←/→ ↑/↓ enter esc ctrl+c", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := c.open(t)
			if m.Mode() != ModeForm {
				t.Fatalf("mode %v", m.Mode())
			}
			if got := shortHelp(m); got != c.short {
				t.Errorf("help line %q, want %q", got, c.short)
			}
			if got := fullHelpKeys(m); got != c.full {
				t.Errorf("full help %q, want %q", got, c.full)
			}
			if got := strings.Contains(m.View(), "tab next field"); got != c.tabHint {
				t.Errorf("the form's hint names tab: %v:\n%s", got, m.View())
			}
		})
	}
}
