package cli

import (
	"bufio"
	"unicode/utf8"
)

// columns aligns plain tables as text/tabwriter (padding 2), measuring first so no row is held.
type columns struct{ widths []int }

func newColumns(headers []string) *columns {
	c := &columns{widths: make([]int, len(headers))}
	c.measure(headers)
	return c
}

func (c *columns) measure(row []string) {
	for i, s := range row {
		if i < len(c.widths) {
			c.widths[i] = max(c.widths[i], utf8.RuneCountInString(s))
		}
	}
}

// write returns w's first error, so a broken pipe stops the table at the next line.
func (c *columns) write(w *bufio.Writer, row []string) error {
	for i, s := range row {
		w.WriteString(s)
		if i < len(row)-1 {
			pad := 2
			if i < len(c.widths) {
				pad += c.widths[i] - utf8.RuneCountInString(s)
			}
			writeSpaces(w, pad)
		}
	}
	return w.WriteByte('\n')
}

const spaces = "                                                                "

func writeSpaces(w *bufio.Writer, n int) {
	for n > len(spaces) {
		w.WriteString(spaces)
		n -= len(spaces)
	}
	if n > 0 {
		w.WriteString(spaces[:n])
	}
}
