package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// tooSmallView is the notice of a terminal below the minimum (TooSmall),
// in the longest wording that fits, centred, within w×h.
func tooSmallView(w, h int) string {
	needs := fmt.Sprintf("%d×%d or %d×%d", MinWidth, NarrowMinHeight, WideWidth, MinHeight)
	wordings := [][]string{
		{fmt.Sprintf("Terminal too small: %d×%d.", w, h), "sonartoken needs at least " + needs + "."},
		{"Terminal too small.", "Needs " + needs + "."},
		{"Terminal too small.", fmt.Sprintf("Needs %d×%d.", MinWidth, NarrowMinHeight)},
		{"Too small"},
		{"…"},
	}
	for _, lines := range wordings {
		if len(lines) > h {
			continue
		}
		fits := true
		for _, l := range lines {
			fits = fits && ansi.StringWidth(l) <= w
		}
		if !fits {
			continue
		}
		top := (h - len(lines)) / 2
		out := make([]string, h)
		for i := range out {
			out[i] = strings.Repeat(" ", max(w, 0))
		}
		for i, l := range lines {
			pad := (w - ansi.StringWidth(l)) / 2
			out[top+i] = strings.Repeat(" ", pad) + l + strings.Repeat(" ", w-pad-ansi.StringWidth(l))
		}
		return strings.Join(out, "\n")
	}
	return ""
}
