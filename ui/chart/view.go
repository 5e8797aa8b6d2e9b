package chart

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// blocks are the eighths of a cell, from empty to full.
var blocks = []rune(" ▁▂▃▄▅▆▇█")

// colWidth is one bar's column: the width shared by the 15 bars, 4 to 8
// cells.
func (m Model) colWidth() int {
	return max(4, min(8, (m.Width-2)/len(model.Buckets())))
}

// barRows is how many rows the bars take: what the other lines leave,
// one to four.
func (m Model) barRows() int { return max(1, min(4, m.Height-4)) }

// label is a bar's name under it, short enough for its column.
func (m Model) label(b model.Bucket, w int) string {
	switch b {
	case model.BucketExpired:
		return "exp"
	case model.BucketLater:
		return ">12w"
	case model.BucketNoExpiration:
		if w >= 6 {
			return "never"
		}
		return "none"
	}
	if w >= 6 {
		return b.Label(m.now)
	}
	wk, _ := b.Week()
	return "w" + strconv.Itoa(wk+1)
}

// center places s in the middle of w cells.
func center(s string, w int) string {
	sw := lipgloss.Width(s)
	if sw >= w {
		return common.Truncate(s, w)
	}
	left := (w - sw) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-sw-left)
}

// View renders the chart in its width, taking at most its height; ""
// when it does not fit.
func (m Model) View() string {
	if !m.Fits() {
		return ""
	}
	st := m.Styles
	bs := model.Buckets()
	cw := m.colWidth()
	rows := m.barRows()
	top := m.data.Max()
	barW := max(2, cw-2)

	var counts, labels strings.Builder
	bars := make([]strings.Builder, rows)
	for _, b := range bs {
		n := m.data.Count(b)
		sel := b == m.sel
		c := strconv.Itoa(n)
		lab := m.label(b, cw)
		if sel {
			// The count's brackets mark the bar; the label's too when
			// they fit its column.
			c = "[" + c + "]"
			if lipgloss.Width(lab)+2 <= cw {
				lab = "[" + lab + "]"
			}
		}
		cs := st.Hint
		switch {
		case sel:
			cs = st.FocusedLabel
		case n > 0:
			cs = st.Value
		}
		counts.WriteString(cs.Render(center(c, cw)))
		ls := st.Label
		if sel {
			ls = st.FocusedLabel
		}
		labels.WriteString(ls.Render(center(lab, cw)))

		// The bar's height in eighths of a row; a count above zero shows
		// at least one eighth.
		eighths := 0
		if n > 0 && top > 0 {
			eighths = max(1, (n*rows*8+top-1)/top)
		}
		bst := m.barStyle(b, sel)
		for r := 0; r < rows; r++ {
			fill := min(8, max(0, eighths-(rows-1-r)*8))
			cell := strings.Repeat(string(blocks[fill]), barW)
			bars[r].WriteString(bst.Render(center(cell, cw)))
		}
	}
	lines := []string{m.title(), counts.String()}
	for i := range bars {
		lines = append(lines, bars[i].String())
	}
	lines = append(lines, labels.String())
	if t := m.typeLine(); t != "" && len(lines) < m.Height {
		lines = append(lines, t)
	}
	return strings.Join(lines, "\n")
}

func (m Model) barStyle(b model.Bucket, sel bool) lipgloss.Style {
	st := m.Styles
	switch {
	case sel:
		return st.FocusedLabel
	case b == model.BucketExpired:
		return st.ExpiredLabel
	case b == model.BucketWeek(0):
		return st.ExpiringLabel
	case b == model.BucketNoExpiration:
		return st.Hint
	}
	return st.Value
}

// title names the chart, or the picked bar and what it holds.
func (m Model) title() string {
	st := m.Styles
	w := m.Width - 1
	if m.sel != model.BucketNone {
		n := m.data.Count(m.sel)
		s := fmt.Sprintf("Picked: %s, %s · ←/→ another bar, 0 all", m.sel.Describe(m.now), plural(n, "token"))
		return st.FocusedLabel.Render(common.Truncate(s, w))
	}
	s := st.DialogTitle.Render("Expiry by week") + st.Hint.Render(" · ←/→ pick a bar to filter · w hides")
	return common.Truncate(s, w)
}

// typeLine breaks the counted tokens down by type; "" without types.
func (m Model) typeLine() string {
	if !m.types {
		return ""
	}
	var parts []string
	for _, t := range model.TokenTypes {
		parts = append(parts, fmt.Sprintf("%s %d", t.ShortLabel(), m.data.ByType[t]))
	}
	s := "By type: " + strings.Join(parts, " · ") + fmt.Sprintf(" · %s in the chart", plural(m.data.Total, "token"))
	return m.Styles.Hint.Render(common.Truncate(s, m.Width-1))
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
