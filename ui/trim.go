package ui

import "strings"

// trimPadding drops the spaces that end each line of a frame with no
// style on: Bubble Tea's renderer ends every line shorter than the
// terminal with an erase to the end of the line, so those spaces cost
// bytes on every redraw and show nothing more. The views pad their lines
// to the width (lipgloss places and joins them so), which made 30 to 60%
// of a frame's bytes at 200x50. Spaces under a style still on at the
// line's end (a background that reaches the edge) stay.
func trimPadding(frame string) string {
	var b strings.Builder
	b.Grow(len(frame))
	for frame != "" {
		line, rest, more := strings.Cut(frame, "\n")
		b.WriteString(trimLine(line))
		if more {
			b.WriteByte('\n')
		}
		frame = rest
	}
	return b.String()
}

// trimLine is trimPadding of one line.
func trimLine(line string) string {
	end := len(strings.TrimRight(line, " "))
	if end == len(line) {
		return line
	}
	if esc := strings.LastIndexByte(line[:end], '\x1b'); esc >= 0 && !resets(line[esc:end]) {
		return line // a sequence other than a full reset may leave a style on
	}
	return line[:end]
}

// resets reports whether seq, from the line's last escape to the end of
// its text, is an SGR reset ("\x1b[0m" or "\x1b[m") then plain text.
func resets(seq string) bool {
	return strings.HasPrefix(seq, "\x1b[0m") || strings.HasPrefix(seq, "\x1b[m")
}
