// Package common holds what every component of the console shares: size,
// styles, key bindings and the clock, the shared messages, and the
// screen contract of the dialogs (Dialog, in dialog.go).
package common

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/ui/keys"
	"github.com/sonartoken/sonartoken/ui/styles"
)

// Common is embedded by every component.
type Common struct {
	Width, Height int
	Styles        *styles.Styles
	Keys          *keys.KeyMap
	Now           func() time.Time
	// Zone is the user's time zone, in which created and last-use days
	// show (time.Local when nil).
	Zone *time.Location
	// StaticCursor stops text fields' cursors from blinking.
	StaticCursor bool
	// ClipboardClear is how long a copied token stays on the clipboard
	// (0: until something else is copied).
	ClipboardClear time.Duration
}

// NewInput returns a text input styled for the console.
func (c Common) NewInput(placeholder string, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = placeholder
	ti.CharLimit = limit
	ti.Width = 40
	ti.TextStyle = c.Styles.Value
	ti.PlaceholderStyle = c.Styles.Hint
	if c.StaticCursor {
		ti.Cursor.SetMode(cursor.CursorStatic)
	}
	return ti
}

// New returns a Common with the default theme and bindings.
func New(now func() time.Time) Common {
	st := styles.DefaultStyles()
	km := keys.DefaultKeyMap()
	if now == nil {
		now = time.Now
	}
	return Common{Styles: &st, Keys: &km, Now: now}
}

// UsePalette restyles c with palette p; the zero Palette keeps the
// default (styles.Plain).
func (c *Common) UsePalette(p styles.Palette) {
	if p.Name == "" {
		return
	}
	st := styles.New(p)
	c.Styles = &st
}

// NewHelp returns a key help in the console's styles: bubbles' own
// colours (#DDDADA separators, among others) are not readable on white.
func (c Common) NewHelp() help.Model {
	h := help.New()
	st := c.Styles
	h.Styles.ShortKey, h.Styles.FullKey = st.Key, st.Key
	h.Styles.ShortDesc, h.Styles.FullDesc = st.Hint, st.Hint
	h.Styles.ShortSeparator, h.Styles.FullSeparator, h.Styles.Ellipsis = st.Hint, st.Hint, st.Hint
	return h
}

// SetSize records the component's size.
func (c *Common) SetSize(w, h int) { c.Width, c.Height = w, h }

// ErrorMsg reports a failure to show in the status line.
type ErrorMsg struct {
	Action string // what was being done, e.g. "load tokens"
	Err    error
}

// InfoMsg is a short note for the status line.
type InfoMsg struct{ Text string }

// Fit truncates s to width cells with an ellipsis and pads it with spaces
// to exactly width cells. It never wraps.
func Fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = ansi.Truncate(s, width, "…")
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// Wrap word-wraps s to width cells.
func Wrap(s string, width int) string { return ansi.Wordwrap(s, max(1, width), "") }

// WrapSpaces wraps plain text s to width cells at spaces only, so that
// an option or a command (set-clipboard, --ca-file, a path) is never cut
// at its hyphen; a word wider than width stands on its own line.
func WrapSpaces(s string, width int) string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			switch {
			case line == "":
				line = word
			case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= width:
				line += " " + word
			default:
				lines = append(lines, line)
				line = word
			}
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// Truncate cuts s to width cells with an ellipsis.
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// Pack joins parts with sep into as few lines as fit in width cells,
// never splitting a part; a part wider than width alone is truncated.
func Pack(parts []string, sep string, width int) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case ansi.StringWidth(cur)+ansi.StringWidth(sep)+ansi.StringWidth(p) <= width:
			cur += sep + p
		default:
			lines = append(lines, Truncate(cur, width))
			cur = p
		}
	}
	if cur != "" {
		lines = append(lines, Truncate(cur, width))
	}
	return lines
}

// PadHeight cuts or pads s to exactly h lines.
func PadHeight(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
