package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// ClipBox cuts s to at most h lines of at most w cells: a dialog taller or
// wider than the content area loses its bottom and its right edge rather
// than pushing the header, the status line or the terminal's edge. A
// dialog cut at the bottom keeps its frame: its last rows of content give
// way to a "…" row and the bottom border.
func ClipBox(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		last := lines[len(lines)-1]
		if left := strings.IndexRune(ansi.Strip(last), '╰'); h >= 4 && left >= 0 && len(lines) >= 3 {
			col := ansi.StringWidth(ansi.Strip(last)[:left])
			right := ansi.StringWidth(ansi.Strip(last)[:strings.LastIndex(ansi.Strip(last), "╯")])
			lines = append(lines[:h-2], moreRow(lines[len(lines)-2], col, right), last)
		} else {
			lines = lines[:max(h, 0)]
		}
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, max(w, 0), "")
		}
	}
	return strings.Join(lines, "\n")
}

// moreRow turns a dialog's last row, whose borders are at columns col
// and right, into a row that says the dialog goes on: "│  …   │". The
// row's content, if it had any, is cut off with the rest.
func moreRow(row string, col, right int) string {
	if right < col+5 || ansi.StringWidth(row) <= right {
		return row
	}
	return ansi.Truncate(row, col+1, "") + "  …" + strings.Repeat(" ", right-col-4) + ansi.TruncateLeft(row, right, "")
}
