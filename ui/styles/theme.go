package styles

import "github.com/muesli/termenv"

// Background is what is known of the terminal's background colour.
type Background int

// What a detection may say of the background.
const (
	BackgroundUnknown Background = iota
	BackgroundDark
	BackgroundLight
)

// Choose returns the palette of theme ("auto", "dark" or "light") on a
// terminal whose background is bg and whose colour profile is profile:
// auto follows bg, and Plain stands for an unknown background. A terminal
// of 16 colours or none gets Plain whatever the theme: its colours are
// the terminal's own, and Plain marks the selection in reverse video
// rather than with a background it cannot draw.
func Choose(theme string, bg Background, profile termenv.Profile) Palette {
	if profile != termenv.TrueColor && profile != termenv.ANSI256 {
		return Plain
	}
	switch theme {
	case "dark":
		return Dark
	case "light":
		return Light
	case "auto", "":
		switch bg {
		case BackgroundDark:
			return Dark
		case BackgroundLight:
			return Light
		}
	}
	return Plain
}
