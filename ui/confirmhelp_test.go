package ui

import (
	"strings"
	"testing"
)

// TestConfirmHelpNamesTheAction: a confirmation's help line names y by the
// dialog's own verb (revoke, revoke and generate again), as the
// dialog's line of keys does, never a bare "yes".
func TestConfirmHelpNamesTheAction(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, verb string
		open       func(t *testing.T) Model
	}{
		{"revoke", "revoke", own(func(m Model) Model { return press(m, "d") })},
		{"revoke expired", "revoke", own(func(m Model) Model { return press(m, "G", "k", "d") })},
		{"bulk", "revoke", admin(nil, "R", "1", "a", "d")},
		{"lost value", "revoke and generate again", screens["lost"]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := c.open(t)
			if m.Mode() != ModeConfirm {
				t.Fatalf("mode %v, want the confirmation", m.Mode())
			}
			lines := strings.Split(m.View(), "\n")
			help := lines[len(lines)-1]
			if !strings.Contains(help, "y "+c.verb) || strings.Contains(help, "yes") {
				t.Errorf("help line %q: want y %s", help, c.verb)
			}
			if !strings.Contains(m.View(), "y "+c.verb+" ·") {
				t.Errorf("the dialog does not say y %s:\n%s", c.verb, m.View())
			}
		})
	}
}
