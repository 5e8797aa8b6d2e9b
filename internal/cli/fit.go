package cli

import (
	"fmt"
	"io"

	"github.com/charmbracelet/x/ansi"

	"github.com/sonartoken/sonartoken/model"
)

// labelServers names each row's server (its first cell) by its profile,
// the label rep gives, and writes a legend of those labels to w first,
// one line per server ("prod = https://sonar.example.com"): on a terminal
// a URL would make the SERVER column, and the table, too wide.
func labelServers(w io.Writer, rep report, rows [][]string) error {
	seen := map[string]bool{}
	for i, row := range rows {
		if i >= len(rep.labels) || rep.labels[i] == "" {
			continue
		}
		label := model.Printable(rep.labels[i])
		row[0] = label
		pair := label + " = " + model.Printable(rep.Server(i))
		if seen[pair] {
			continue
		}
		seen[pair] = true
		if _, err := fmt.Fprintln(w, pair); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
	}
	return nil
}

// tableWidth is the width of the bordered table printTokensWithin draws
// with columns of the given content widths: a padding of one column each
// side of every cell and a border between and around them.
func tableWidth(cols []int) int {
	n := len(cols) + 1
	for _, c := range cols {
		n += c + 2
	}
	return n
}

// fitSteps are the cuts fitTable makes in turn, each down to its floor
// before the next begins: first the free-text columns (server, login,
// name, type, project) to twelve columns, then the status to the width
// of "expiring" (so that it stays apart from "expired"), then the free
// text to four, and last the days and the status to five.
var fitSteps = []struct {
	cols  func(header string) bool
	floor int
}{
	{freeText, 12},
	{func(h string) bool { return h == "STATUS" }, len("expiring")},
	{freeText, 4},
	{func(string) bool { return true }, 5},
}

// freeText reports whether the column headed h holds free text rather
// than days or a status.
func freeText(h string) bool {
	switch h {
	case "LAST USE", "CREATED", "EXPIRES", "STATUS":
		return false
	}
	return true
}

// fitTable cuts the table's cells, headers included, so that it is no
// wider than width (0: unknown, the table as it is): in the order of
// fitSteps, the widest column of a step gives up a column at a time, its
// longest cells ending in "…". A table too wide even so stays too wide.
func fitTable(headers []string, rows [][]string, width int) ([]string, [][]string) {
	if width <= 0 {
		return headers, rows
	}
	cols := make([]int, len(headers))
	for i, h := range headers {
		cols[i] = ansi.StringWidth(h)
	}
	for _, row := range rows {
		for i, c := range row {
			if i < len(cols) {
				cols[i] = max(cols[i], ansi.StringWidth(c))
			}
		}
	}
	total := tableWidth(cols)
	for _, step := range fitSteps {
		for total > width {
			widest := -1
			for i, c := range cols {
				if c > step.floor && step.cols(headers[i]) && (widest < 0 || c > cols[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				break
			}
			cols[widest]--
			total--
		}
	}
	cut := func(c string, i int) string {
		if i < len(cols) && ansi.StringWidth(c) > cols[i] {
			return ansi.Truncate(c, cols[i], "…")
		}
		return c
	}
	hs := make([]string, len(headers))
	for i, h := range headers {
		hs[i] = cut(h, i)
	}
	out := make([][]string, len(rows))
	for r, row := range rows {
		out[r] = make([]string, len(row))
		for i, c := range row {
			out[r][i] = cut(c, i)
		}
	}
	return hs, out
}
