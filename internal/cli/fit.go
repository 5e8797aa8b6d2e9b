package cli

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/sonartoken/sonartoken/internal/cells"
	"github.com/sonartoken/sonartoken/model"
)

// labelServers names each row's server by its profile, with a legend above:
// a URL would make the table too wide on a terminal.
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

// borderedFrom is the narrowest width with box borders; narrower, columns
// stand two spaces apart, as gh and kubectl print them.
const borderedFrom = 100

// gapWidth is the room between two columns of the table without borders.
const gapWidth = 2

// idFloor is the fewest cells a cut SERVER, LOGIN or NAME keeps: "rel…04".
const idFloor = 8

// The forms of the EXPIRES cell, which says the status once STATUS is gone.
const (
	expiresDay = iota
	expiresWords
	expiresShort
)

// terminalTable is the table for a terminal, before it is fitted to the width.
type terminalTable struct {
	headers []string
	rows    [][]string
	// words holds each row's EXPIRES cell in words, long and short.
	words [][2]string
	// optional columns go whole before dropSteps (SIGNED IN, unless --owner-inactive).
	optional []string
	// short holds, by header, each row's shorter cell ("in 10 days").
	short map[string][]string
}

// fitted is the table fitted to a width.
type fitted struct {
	headers  []string
	rows     [][]string
	widths   []int
	bordered bool
}

// dropSteps are taken in order while the table is too wide, before identity columns are cut.
var dropSteps = []struct {
	drop    string
	expires int
	shorten string // the column whose cells take their short form
}{
	{"STATUS", expiresWords, ""},
	{"CREATED", expiresWords, ""},
	{"", expiresShort, ""},
	{"LAST USE", expiresShort, ""},
	{"", expiresShort, removalHeader},
	{"PROJECT", expiresShort, ""},
	{"TYPE", expiresShort, ""},
}

// identity columns tell a token apart: never dropped, cut last, in the middle.
func identity(h string) bool { return h == "SERVER" || h == "LOGIN" || h == "NAME" }

// projectFloor is the fewest cells PROJECT keeps before it goes whole.
const projectFloor = 12

// fit fits the table to width (0: unknown): columns go in dropSteps' order, then
// identity columns are cut in the middle, never so two rows read the same.
func (t terminalTable) fit(width int) fitted {
	all := fitted{headers: t.headers, rows: t.rows, widths: t.naturalWidths(t.headers, t.rows), bordered: true}
	if width <= 0 || width >= borderedFrom && tableWidth(all.widths) <= width {
		return all
	}
	f := fitted{headers: t.headers, rows: t.rows, widths: all.widths}
	for _, col := range t.optional {
		if f.fitsIn(width) {
			return cutApart(f)
		}
		f = t.shape(f, col, expiresDay, "")
	}
	for _, step := range dropSteps {
		if f.fitsIn(width) {
			return cutApart(f)
		}
		f = t.shape(f, step.drop, step.expires, step.shorten)
	}
	if f.fitsIn(width) {
		return cutApart(f)
	}
	return cutIdentity(f, width)
}

// fitsIn reports whether f fits width, narrowing PROJECT as far as projectFloor.
func (f *fitted) fitsIn(width int) bool {
	total := plainWidth(f.widths)
	if total <= width {
		return true
	}
	p := slices.Index(f.headers, "PROJECT")
	if p < 0 {
		return false
	}
	if room := width - (total - f.widths[p]); room >= projectFloor {
		f.widths[p] = room
		return true
	}
	return false
}

// shape is f without column drop, EXPIRES in form expires, and shorten short.
func (t terminalTable) shape(f fitted, drop string, expires int, shorten string) fitted {
	at := slices.Index(f.headers, drop)
	exp := slices.Index(f.headers, "EXPIRES")
	sh := slices.Index(f.headers, shorten)
	headers := slices.Clone(f.headers)
	rows := make([][]string, len(f.rows))
	for r, row := range f.rows {
		row = slices.Clone(row)
		if exp >= 0 && r < len(t.words) && expires != expiresDay {
			row[exp] = t.words[r][expires-expiresWords]
		}
		if sh >= 0 && r < len(t.short[shorten]) {
			row[sh] = t.short[shorten][r]
		}
		if at >= 0 {
			row = slices.Delete(row, at, at+1)
		}
		rows[r] = row
	}
	if at >= 0 {
		headers = slices.Delete(headers, at, at+1)
	}
	return fitted{headers: headers, rows: rows, widths: t.naturalWidths(headers, rows)}
}

func (terminalTable) naturalWidths(headers []string, rows [][]string) []int {
	ws := make([]int, len(headers))
	for i, h := range headers {
		ws[i] = cells.Width(h)
	}
	for _, row := range rows {
		for i, c := range row {
			if i < len(ws) {
				ws[i] = max(ws[i], cells.Width(c))
			}
		}
	}
	return ws
}

// cutIdentity cuts identity columns, widest first, down to idFloor.
func cutIdentity(f fitted, width int) fitted {
	over := plainWidth(f.widths) - width
	for over > 0 {
		widest := -1
		for i, h := range f.headers {
			if identity(h) && f.widths[i] > max(idFloor, cells.Width(h)) && (widest < 0 || f.widths[i] > f.widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		f.widths[widest]--
		over--
	}
	return cutApart(f)
}

// cutApart widens the most-cut column while two rows still read the same.
func cutApart(f fitted) fitted {
	natural := terminalTable{}.naturalWidths(f.headers, f.rows)
	for {
		cut := make([]int, len(f.widths))
		cutting := false
		for i := range f.widths {
			if f.widths[i] < natural[i] {
				cut[i], cutting = f.widths[i], true
			}
		}
		if !cutting {
			return f
		}
		rows, ok := cells.Distinct(f.rows, cut)
		if ok {
			f.rows = rows
			return f
		}
		most := -1
		for i := range f.widths {
			if f.widths[i] < natural[i] && (most < 0 || natural[i]-f.widths[i] > natural[most]-f.widths[most]) {
				most = i
			}
		}
		f.widths[most]++
	}
}

// tableWidth is the bordered table's width for these content widths.
func tableWidth(cols []int) int {
	n := len(cols) + 1
	for _, c := range cols {
		n += c + 2
	}
	return n
}

func plainWidth(cols []int) int {
	n := gapWidth * max(0, len(cols)-1)
	for _, c := range cols {
		n += c
	}
	return n
}

// expiresInWords is EXPIRES once STATUS is gone: "expired 2026-11-22", "in 3 days", "never".
func expiresInWords(t model.Token, now time.Time, within time.Duration, day bool) string {
	switch t.StatusAt(now, within) {
	case model.StatusExpired:
		if day && t.ExpiresAt != nil {
			return "expired " + model.ExpiryDay(*t.ExpiresAt)
		}
		return "expired"
	case model.StatusNoExpiration:
		return "never"
	case model.StatusExpiring:
		if days, _ := t.DaysLeft(now); days > 1 {
			return fmt.Sprintf("in %d days", days)
		}
		return "in 1 day"
	}
	return expiryDay(t.ExpiresAt, "never")
}
