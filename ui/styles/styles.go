// Package styles holds the console's lipgloss styles, built once by New
// from a Palette so that View functions never build styles themselves.
//
// Contrast. Whatever the background detection says, every style's text
// reaches 4.5:1 (WCAG AA) against what it is drawn on, in every palette,
// on a white and on a black terminal (contrast_test.go walks every field
// of Styles). Text gets its colour in one of three ways only:
//
//   - the terminal's default foreground, emphasised with bold or reverse
//     video, which the terminal keeps readable on its own background;
//   - a text colour of relative luminance 0.175 to 0.183, the only band
//     that reaches 4.5:1 against both white and black. Each is a colour of
//     the xterm 256-colour cube or grey ramp, given for 24-bit and
//     256-colour terminals alike (lipgloss.CompleteColor), so that tmux
//     drawing 24-bit colour on a 256-colour terminal shows the same one;
//   - a foreground on a background of the style's own (the selected row,
//     the active button), measured against that background.
//
// Faint (SGR 2) is never used: terminals draw it in a colour of their own
// choosing (often half-way to the background), whose contrast cannot be
// known. The 16 basic colours are the terminal theme's, so a palette gives
// none: in a 16-colour terminal the console draws text in the terminal's
// colours, with bold and reverse video (Choose picks Plain there).
//
// Palettes. Dark and Light share the text colours and differ in the
// selection, a background of their own tuned to a dark or a light
// terminal (and readable on the other). Plain, for when the background is
// unknown, selects in reverse video, which follows any background.
// Under NO_COLOR (lipgloss's Ascii profile) nothing is drawn but the text,
// and the table's ">" marks the selected row.
package styles

import "github.com/charmbracelet/lipgloss"

// c is a colour of the xterm palette, given as its 24-bit value and its
// index, and no colour in a 16-colour terminal.
func c(hex, index string) lipgloss.CompleteColor {
	return lipgloss.CompleteColor{TrueColor: hex, ANSI256: index}
}

// The text colours, each in the luminance band readable on white and on
// black (luminance, then contrast on white and on black).
var (
	accent  = c("#875FD7", "98")  // 0.182: 4.52 and 4.65
	muted   = c("#767676", "243") // 0.181: 4.54 and 4.62
	danger  = c("#AF5F5F", "131") // 0.181: 4.54 and 4.62
	success = c("#00875F", "29")  // 0.182: 4.53 and 4.63
	// warning: no amber of the 256-colour palette lies in the band, so a
	// 256-colour terminal shows it as danger's colour (tmux brings #A06930
	// down to 131 as well).
	warning = lipgloss.CompleteColor{TrueColor: "#A06930", ANSI256: "131"} // 0.178: 4.61 and 4.56
)

// Palette is the colours of one theme.
type Palette struct {
	// Name is the theme's name: dark, light or plain.
	Name string
	// Text colours, drawn on the terminal's background.
	Accent, Muted, Danger, Warning, Success lipgloss.TerminalColor
	// SelFg on SelBg draws the selected row and the active button; with
	// neither set, they are in reverse video.
	SelFg, SelBg lipgloss.TerminalColor
}

// Dark is the palette for a dark terminal: a slate selection with white
// text (6.0:1).
var Dark = Palette{
	Name: "dark", Accent: accent, Muted: muted, Danger: danger, Warning: warning, Success: success,
	SelFg: c("#FFFFFF", "231"), SelBg: c("#5F5F87", "60"),
}

// Light is the palette for a light terminal: a lavender selection with
// black text (15.1:1).
var Light = Palette{
	Name: "light", Accent: accent, Muted: muted, Danger: danger, Warning: warning, Success: success,
	SelFg: c("#000000", "16"), SelBg: c("#D7D7FF", "189"),
}

// Plain is the palette for a terminal whose background is unknown: the
// selection is in reverse video.
var Plain = Palette{
	Name: "plain", Accent: accent, Muted: muted, Danger: danger, Warning: warning, Success: success,
}

// Styles is every style the console uses.
type Styles struct {
	App lipgloss.Style

	// Header.
	Title      lipgloss.Style
	HeaderText lipgloss.Style
	HeaderDim  lipgloss.Style
	HeaderWarn lipgloss.Style
	HeaderBad  lipgloss.Style

	// Table.
	TableHeader   lipgloss.Style
	Cell          lipgloss.Style
	SelectedRow   lipgloss.Style
	ExpiredRow    lipgloss.Style
	ExpiredLabel  lipgloss.Style
	ExpiringLabel lipgloss.Style
	Empty         lipgloss.Style
	FilterPrompt  lipgloss.Style
	FilterText    lipgloss.Style

	// Dialogs and forms.
	Dialog       lipgloss.Style
	DangerDialog lipgloss.Style
	DialogTitle  lipgloss.Style
	Label        lipgloss.Style
	FocusedLabel lipgloss.Style
	Value        lipgloss.Style
	Secret       lipgloss.Style
	Hint         lipgloss.Style
	FieldError   lipgloss.Style
	Choice       lipgloss.Style
	ChosenChoice lipgloss.Style
	Button       lipgloss.Style
	ActiveButton lipgloss.Style
	DangerButton lipgloss.Style
	Warning      lipgloss.Style
	Success      lipgloss.Style

	// Key is a key's name in the footer and the help.
	Key lipgloss.Style
	// Bar is the filled part of a progress bar, BarEmpty the rest.
	Bar      lipgloss.Style
	BarEmpty lipgloss.Style

	// Status bar.
	StatusInfo  lipgloss.Style
	StatusError lipgloss.Style
	StatusBusy  lipgloss.Style
	Spinner     lipgloss.Style
}

// DefaultStyles returns the styles of the Plain palette.
func DefaultStyles() Styles { return New(Plain) }

// New returns the styles of palette p.
func New(p Palette) Styles {
	s := Styles{}
	text := lipgloss.NewStyle() // the terminal's default foreground
	fg := func(c lipgloss.TerminalColor) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	selected := text.Reverse(true)
	if p.SelFg != nil && p.SelBg != nil {
		selected = fg(p.SelFg).Background(p.SelBg)
	}
	s.App = lipgloss.NewStyle().Padding(0, 1)

	s.Title = fg(p.Accent).Bold(true)
	s.HeaderText = text
	s.HeaderDim = fg(p.Muted)
	s.HeaderWarn = fg(p.Warning).Bold(true)
	s.HeaderBad = fg(p.Danger).Bold(true)

	s.TableHeader = fg(p.Muted).Bold(true)
	s.Cell = text
	s.SelectedRow = selected.Bold(true)
	s.ExpiredRow = fg(p.Muted)
	s.ExpiredLabel = fg(p.Danger)
	s.ExpiringLabel = fg(p.Warning)
	s.Empty = fg(p.Muted).Padding(1, 2)
	s.FilterPrompt = fg(p.Accent).Bold(true)
	s.FilterText = text

	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.Accent).Padding(1, 2)
	s.DangerDialog = s.Dialog.BorderForeground(p.Danger)
	s.DialogTitle = fg(p.Accent).Bold(true)
	s.Label = fg(p.Muted)
	s.FocusedLabel = fg(p.Accent).Bold(true)
	s.Value = text
	s.Secret = fg(p.Success).Bold(true)
	s.Hint = fg(p.Muted)
	s.FieldError = fg(p.Danger)
	s.Choice = fg(p.Muted)
	s.ChosenChoice = fg(p.Accent).Bold(true)
	s.Button = fg(p.Muted).Padding(0, 1)
	s.ActiveButton = selected.Bold(true).Padding(0, 1)
	// Reverse video of a text colour: the terminal's background on that
	// colour, as readable as the colour is on it.
	s.DangerButton = fg(p.Danger).Reverse(true).Bold(true).Padding(0, 1)
	s.Warning = fg(p.Warning).Bold(true)
	s.Success = fg(p.Success).Bold(true)

	s.Key = text.Bold(true)
	s.Bar = fg(p.Accent)
	s.BarEmpty = fg(p.Muted)

	s.StatusInfo = fg(p.Success)
	s.StatusError = fg(p.Danger).Bold(true)
	s.StatusBusy = fg(p.Muted)
	s.Spinner = fg(p.Accent)
	return s
}
