package styles

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestChoose(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		theme   string
		bg      Background
		profile termenv.Profile
		want    string
	}{
		{"auto", BackgroundDark, termenv.TrueColor, "dark"},
		{"auto", BackgroundLight, termenv.ANSI256, "light"},
		{"auto", BackgroundUnknown, termenv.TrueColor, "plain"},
		{"dark", BackgroundLight, termenv.TrueColor, "dark"},
		{"light", BackgroundDark, termenv.ANSI256, "light"},
		// 16 colours are the terminal theme's: no palette of ours.
		{"light", BackgroundLight, termenv.ANSI, "plain"},
		{"auto", BackgroundDark, termenv.Ascii, "plain"},
	} {
		if got := Choose(c.theme, c.bg, c.profile).Name; got != c.want {
			t.Errorf("Choose(%s, %v, %v) = %s, want %s", c.theme, c.bg, c.profile, got, c.want)
		}
	}
}

// TestSelectionStandsOut: the selected row and the active button carry
// their own colours or reverse video in every palette, so the selection
// shows whatever the terminal's background.
func TestSelectionStandsOut(t *testing.T) {
	t.Parallel()
	own := func(s lipgloss.Style) bool {
		_, noFg := s.GetForeground().(lipgloss.NoColor)
		_, noBg := s.GetBackground().(lipgloss.NoColor)
		return !noFg && !noBg
	}
	for _, p := range Palettes() {
		st := New(p)
		for name, s := range map[string]lipgloss.Style{"SelectedRow": st.SelectedRow, "ActiveButton": st.ActiveButton} {
			if !s.GetReverse() && !own(s) {
				t.Errorf("%s: %s has neither its own colours nor reverse video", p.Name, name)
			}
		}
	}
}

// Palettes is every palette.
func Palettes() []Palette { return []Palette{Dark, Light, Plain} }

// String names the background in the tests' messages.
func (b Background) String() string {
	switch b {
	case BackgroundDark:
		return "dark"
	case BackgroundLight:
		return "light"
	}
	return "unknown"
}
