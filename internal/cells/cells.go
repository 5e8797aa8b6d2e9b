// Package cells measures and cuts printable text in terminal cells for both the
// CLI's and the console's tables; a cut keeps a name's end and never splits an escape.
package cells

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Ellipsis marks where a cut took text out.
const Ellipsis = "…"

// Width counts wide characters two, combining marks none.
func Width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// unit is what a cut never splits: a grapheme cluster or a Printable escape.
type unit struct {
	text  string
	width int
}

// units splits s into what a cut may keep or drop.
func units(s string) []unit {
	us := make([]unit, 0, len(s))
	for len(s) > 0 {
		if n := escapeLen(s); n > 0 {
			us = append(us, unit{s[:n], n})
			s = s[n:]
			continue
		}
		if c := s[0]; c >= 0x20 && c < 0x7f && (len(s) == 1 || s[1] < 0x80) {
			us = append(us, unit{s[:1], 1})
			s = s[1:]
			continue
		}
		c, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		if c == "" {
			c, w = s[:1], 0
		}
		us = append(us, unit{c, w})
		s = s[len(c):]
	}
	return us
}

// escapeLen is the length of the Printable escape s starts with, or 0.
func escapeLen(s string) int {
	if len(s) < 2 || s[0] != '\\' {
		return 0
	}
	switch s[1] {
	case '\\', 'a', 'b', 't', 'n', 'v', 'f', 'r', 'e':
		return 2
	case 'x':
		if len(s) >= 4 && isHex(s[2:4]) {
			return 4
		}
	case 'u':
		if len(s) >= 6 && isHex(s[2:6]) {
			return 6
		}
	}
	return 0
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("0123456789abcdef", rune(s[i])) {
			return false
		}
	}
	return true
}

// DefaultTail is a quarter of the room: "release-bot-20261204" in 17 cells
// reads "release-bot-…1204".
func DefaultTail(w int) int { return max(0, (w-1)/4) }

// Cut returns s, or its start, "…" and at most tail cells of its end, within w.
func Cut(s string, w, tail int) string {
	if Width(s) <= w {
		return s
	}
	switch {
	case w <= 0:
		return ""
	case w == 1:
		return Ellipsis
	}
	us := units(s)
	room := w - 1
	tail = min(max(tail, 0), room-1)
	end, endW := len(us), 0
	for end > 1 && endW+us[end-1].width <= tail {
		end--
		endW += us[end].width
	}
	var b strings.Builder
	b.Grow(len(s))
	startW := 0
	for i := 0; i < end && startW+us[i].width <= room-endW; i++ {
		b.WriteString(us[i].text)
		startW += us[i].width
	}
	b.WriteString(Ellipsis)
	for _, u := range us[end:] {
		b.WriteString(u.text)
	}
	return b.String()
}

// Window returns the cells of s from its unit from on, within w: "…"
// before them when from is past the start, and after them when more
// follows. A window ending at s's end starts earlier to fill w.
func Window(s string, w, from int) string {
	if Width(s) <= w {
		return s
	}
	if w <= 1 {
		return Cut(s, w, 0)
	}
	us := units(s)
	from = min(max(from, 0), len(us))
	rest := 0
	for _, u := range us[from:] {
		rest += u.width
	}
	for from > 0 && rest+us[from-1].width <= w-1 { // the end is in sight: fill w
		from--
		rest += us[from].width
	}
	if from == 0 {
		return Cut(s, w, 0)
	}
	room := w - 1 // the leading "…"
	more := rest > room
	if more {
		room-- // the trailing "…"
	}
	var b strings.Builder
	b.WriteString(Ellipsis)
	for _, u := range us[from:] {
		if u.width > room {
			break
		}
		b.WriteString(u.text)
		room -= u.width
	}
	if more {
		b.WriteString(Ellipsis)
	}
	return b.String()
}

// Distinct cuts cells to their column widths, keeping more of their end
// until no two rows read the same. Rows whose difference lies in a middle
// no such cut reaches show a window of it instead ("…rm-eu-sonar-sca…");
// false when not even that tells them apart (a column under 5 cells).
func Distinct(rows [][]string, widths []int) ([][]string, bool) {
	cut := func(r, c int) bool { return c < len(widths) && widths[c] > 0 && Width(rows[r][c]) > widths[c] }
	if !anyCut(rows, cut) {
		return rows, true // whole cells: rows read the same only if they are the same
	}
	out := make([][]string, len(rows))
	tails := make([][]int, len(rows))
	from := make([][]int, len(rows)) // a window's first unit; -1 for a cut
	show := func(r int) string {
		for c, cell := range rows[r] {
			switch {
			case cut(r, c) && from[r][c] >= 0:
				out[r][c] = Window(cell, widths[c], from[r][c])
			case cut(r, c):
				out[r][c] = Cut(cell, widths[c], tails[r][c])
			default:
				out[r][c] = cell
			}
		}
		return strings.Join(out[r], "\x00")
	}
	index := make(map[string][]int, len(rows))
	keys := make([]string, len(rows))
	var pending []string
	for r := range rows {
		out[r] = make([]string, len(rows[r]))
		tails[r] = make([]int, len(rows[r]))
		from[r] = make([]int, len(rows[r]))
		for c := range rows[r] {
			from[r][c] = -1
			if c < len(widths) {
				tails[r][c] = DefaultTail(widths[c])
			}
		}
		k := show(r)
		keys[r] = k
		index[k] = append(index[k], r)
		if len(index[k]) == 2 {
			pending = append(pending, k)
		}
	}
	ok := true
	for len(pending) > 0 {
		var next []string
		for _, k := range pending {
			members := index[k]
			if len(members) < 2 {
				continue
			}
			bumped := false
			for c := range widths {
				if !differ(rows, members, c) {
					continue
				}
				for _, r := range members {
					if c < len(rows[r]) && cut(r, c) && tails[r][c] < widths[c]-2 {
						tails[r][c]++
						bumped = true
					}
				}
			}
			if !bumped {
				bumped = windows(rows, members, widths, from, cut)
			}
			if !bumped {
				ok = false
				continue
			}
			for _, r := range members {
				nk := show(r)
				if nk == k {
					continue
				}
				index[k] = remove(index[k], r)
				keys[r] = nk
				index[nk] = append(index[nk], r)
				if len(index[nk]) == 2 {
					next = append(next, nk)
				}
			}
			if len(index[k]) > 1 {
				next = append(next, k)
			}
		}
		pending = next
	}
	return out, ok
}

// windows moves the cut cells of members, in each column they differ in,
// to a window that starts two units before their first difference; false
// when no window moved (they already show it).
func windows(rows [][]string, members, widths []int, from [][]int, cut func(r, c int) bool) bool {
	moved := false
	for c := range widths {
		if !differ(rows, members, c) {
			continue
		}
		start := max(0, commonPrefix(rows, members, c)-2)
		for _, r := range members {
			if c < len(rows[r]) && cut(r, c) && from[r][c] != start {
				from[r][c] = start
				moved = true
			}
		}
	}
	return moved
}

// commonPrefix is how many units the members' cells of column c share at
// their start.
func commonPrefix(rows [][]string, members []int, c int) int {
	var first []unit
	n := -1
	for _, r := range members {
		if c >= len(rows[r]) {
			return 0
		}
		us := units(rows[r][c])
		if n < 0 {
			first, n = us, len(us)
			continue
		}
		k := 0
		for k < min(n, len(us)) && us[k].text == first[k].text {
			k++
		}
		n = k
	}
	return max(n, 0)
}

// anyCut reports whether a cell of rows needs cutting.
func anyCut(rows [][]string, cut func(r, c int) bool) bool {
	for r, row := range rows {
		for c := range row {
			if cut(r, c) {
				return true
			}
		}
	}
	return false
}

// differ reports whether the rows' cells of column c are not all the same.
func differ(rows [][]string, members []int, c int) bool {
	first := ""
	for i, r := range members {
		cell := ""
		if c < len(rows[r]) {
			cell = rows[r][c]
		}
		if i == 0 {
			first = cell
		} else if cell != first {
			return true
		}
	}
	return false
}

func remove(rs []int, r int) []int {
	for i, x := range rs {
		if x == r {
			return append(rs[:i:i], rs[i+1:]...)
		}
	}
	return rs
}
