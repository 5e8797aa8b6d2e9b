package styles

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/internal/contrast"
)

// themes is every set of styles the console may draw with.
func themes() map[string]Styles {
	out := map[string]Styles{}
	for _, p := range Palettes() {
		out[p.Name] = New(p)
	}
	return out
}

// TestContrast checks that the text of every style of every palette
// reaches WCAG AA (4.5:1) on a white and on a black terminal, and on the
// style's own background where it sets one, in every form a colour may
// take on screen: its 24-bit value, the 256-colour value lipgloss draws
// in a 256-colour terminal, and the one tmux draws 24-bit colour with on
// a terminal without it. Every field of Styles is walked, so a new style
// cannot escape.
func TestContrast(t *testing.T) {
	t.Parallel()
	for name, st := range themes() {
		v := reflect.ValueOf(st)
		n := 0
		for i := range v.NumField() {
			field := v.Type().Field(i)
			s, ok := v.Field(i).Interface().(lipgloss.Style)
			if !ok {
				t.Errorf("%s: Styles.%s is a %s, not a lipgloss.Style: teach TestContrast to check it", name, field.Name, field.Type)
				continue
			}
			n++
			for _, p := range styleProblems(s) {
				t.Errorf("%s: %s %s", name, field.Name, p)
			}
		}
		if n < 30 {
			t.Errorf("%s: walked %d styles, expected every field of Styles", name, n)
		}
	}
}

// variant is one form a colour takes on screen: for the background the
// terminal reports (mode: light or dark, "" for both) in a colour
// profile (24-bit, 256 for lipgloss's 256 colours, tmux for tmux's
// rendering of 24-bit colour on a 256-colour terminal; "" for all).
type variant struct {
	rgb           contrast.RGB
	form          string
	mode, profile string
}

// together reports whether a foreground and a background variant can be
// drawn together: an adaptive colour picks both for the same background,
// in the same profile.
func together(f, b variant) bool {
	return (f.mode == "" || b.mode == "" || f.mode == b.mode) &&
		(f.profile == "" || b.profile == "" || f.profile == b.profile)
}

func (v variant) String() string { return v.rgb.String() + v.form }

// styleProblems lists what keeps s from AA on white and on black.
func styleProblems(s lipgloss.Style) []string {
	var out []string
	if s.GetFaint() {
		out = append(out, "is faint: its colour is the terminal's choice")
	}
	check := func(what string, fgc, bgc lipgloss.TerminalColor, reverse bool) {
		fgs, err := variants(fgc)
		if err != nil {
			out = append(out, what+": "+err.Error())
		}
		bgs, err := variants(bgc)
		if err != nil {
			out = append(out, what+": "+err.Error())
		}
		for _, term := range []struct {
			name   string
			fg, bg contrast.RGB
		}{{"white", contrast.Black, contrast.White}, {"black", contrast.White, contrast.Black}} {
			fv := fgs
			if len(fv) == 0 {
				fv = []variant{{term.fg, " (the terminal's foreground)", "", ""}}
			}
			bv := bgs
			if len(bv) == 0 {
				bv = []variant{{term.bg, " (the terminal's background)", "", ""}}
			}
			for _, f := range fv {
				for _, b := range bv {
					if !together(f, b) {
						continue
					}
					if reverse {
						f, b = b, f
					}
					if r := contrast.Ratio(f.rgb, b.rgb); r < contrast.AA {
						out = append(out, fmt.Sprintf("%s on a %s terminal: %v on %v is %.2f:1", what, term.name, f, b, r))
					}
				}
			}
		}
	}
	check("text", s.GetForeground(), s.GetBackground(), s.GetReverse())
	if s.GetBorderTop() || s.GetBorderBottom() || s.GetBorderLeft() || s.GetBorderRight() {
		checked := map[string]bool{}
		for _, side := range [][2]lipgloss.TerminalColor{
			{s.GetBorderTopForeground(), s.GetBorderTopBackground()},
			{s.GetBorderRightForeground(), s.GetBorderRightBackground()},
			{s.GetBorderBottomForeground(), s.GetBorderBottomBackground()},
			{s.GetBorderLeftForeground(), s.GetBorderLeftBackground()},
		} {
			if k := fmt.Sprint(side); !checked[k] {
				checked[k] = true
				check("border", side[0], side[1], false)
			}
		}
	}
	return out
}

// variants returns every form colour c may take on screen; none for no
// colour (the terminal's own).
func variants(c lipgloss.TerminalColor) ([]variant, error) {
	switch c := c.(type) {
	case nil, lipgloss.NoColor:
		return nil, nil
	case lipgloss.Color:
		return hexVariants(string(c), "", true)
	case lipgloss.AdaptiveColor:
		l, err := hexVariants(c.Light, " (light)", true)
		if err != nil {
			return nil, err
		}
		d, err := hexVariants(c.Dark, " (dark)", true)
		return append(withMode(l, "light"), withMode(d, "dark")...), err
	case lipgloss.CompleteColor:
		if c.ANSI != "" {
			return nil, fmt.Errorf("sets a 16-colour value (%s), whose colour is the terminal theme's", c.ANSI)
		}
		tc, err := hexVariants(c.TrueColor, " (24-bit)", false)
		if err != nil {
			return nil, err
		}
		i, err := index(c.ANSI256)
		if err != nil {
			return nil, err
		}
		return append(tc, variant{contrast.Xterm(i), fmt.Sprintf(" (256-colour %d)", i), "", "256"}), nil
	case lipgloss.CompleteAdaptiveColor:
		l, err := variants(c.Light)
		if err != nil {
			return nil, err
		}
		d, err := variants(c.Dark)
		return append(withMode(l, "light"), withMode(d, "dark")...), err
	}
	return nil, fmt.Errorf("colour of type %T: teach TestContrast to read it", c)
}

// hexVariants is a colour given as #RRGGBB or a palette index: itself,
// what tmux draws it with on a 256-colour terminal, and, when lipgloss
// converts it (converted), what lipgloss draws in a 256-colour terminal.
func hexVariants(s, form string, converted bool) ([]variant, error) {
	if !strings.HasPrefix(s, "#") {
		i, err := index(s)
		if err != nil {
			return nil, err
		}
		return []variant{{contrast.Xterm(i), fmt.Sprintf("%s (256-colour %d)", form, i), "", ""}}, nil
	}
	rgb, err := parseHex(s)
	if err != nil {
		return nil, err
	}
	out := []variant{{rgb, form, "", "24-bit"}}
	t := tmuxDown(rgb)
	out = append(out, variant{contrast.Xterm(t), fmt.Sprintf("%s (tmux's 256-colour %d for %s)", form, t, s), "", "tmux"})
	if converted {
		if a, ok := termenv.ANSI256.Convert(termenv.RGBColor(s)).(termenv.ANSI256Color); ok {
			out = append(out, variant{contrast.Xterm(int(a)), fmt.Sprintf("%s (lipgloss's 256-colour %d for %s)", form, int(a), s), "", "256"})
		}
	}
	return out, nil
}

func withMode(vs []variant, mode string) []variant {
	for i := range vs {
		vs[i].mode = mode
	}
	return vs
}

func index(s string) (int, error) {
	i, err := strconv.Atoi(s)
	switch {
	case err != nil || i < 0 || i > 255:
		return 0, fmt.Errorf("colour %q is neither #RRGGBB nor 16 to 255", s)
	case contrast.Basic(i):
		return 0, fmt.Errorf("colour %d is one of the 16 the terminal's theme defines", i)
	}
	return i, nil
}
