package tokens

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

const (
	minFlex = 8
	// minText is the least a Login or Project column gets when room is
	// short.
	minText = 5
)

var fixedWidth = map[Column]int{
	ColType:    7,
	ColLastUse: 13,
	ColCreated: 10,
	ColExpires: 10,
}

// expiredWidth is the Expires column's width while a row reads "expired
// 2026-11-18".
const expiredWidth = len("expired 2006-01-02")

// expiredMinTable is the narrowest table that gives an expired row's date
// its room; a narrower one says only "expired".
const expiredMinTable = 76

// expiredMinReview is expiredMinTable for the review, whose Login column
// needs the room more than the date below it.
const expiredMinReview = 96

// datesExpired reports whether an expired row shows its date: when one
// does and the table is wide enough.
func (m *Model) datesExpired() bool {
	if m.withLogin {
		return m.expiredDated > 0 && m.Width >= expiredMinReview
	}
	return m.expiredDated > 0 && m.Width >= expiredMinTable
}

// weight is each text column's share of the room in the review when the
// widest cells do not all fit: Name gets the most, then Login (who owns a
// token), then Project (the Type column already says it is a project
// token). The own table, without Login, weighs Name and Project alike:
// the longest cells give way first, so one very long name does not cut
// the projects (weightOf).
var weight = map[Column]int{ColLogin: 5, ColName: 6, ColProject: 3}

// weightOf is c's weight in this table.
func (m *Model) weightOf(c Column) int {
	if !m.withLogin {
		return 1
	}
	return weight[c]
}

// OddMarker marks, next to the cursor, a row whose name, login or project
// holds control characters that the row shows as escapes (\e, \u202e).
const OddMarker = common.OddMarker

// odd reports whether t's row gets the OddMarker.
func odd(t model.Token) bool {
	return model.AnyNeedsEscaping(t.Name, t.Login, t.ProjectKey, t.ProjectName, string(t.Type))
}

// HasOdd reports whether any row of the table, shown or filtered out,
// gets the OddMarker.
func (m Model) HasOdd() bool {
	for _, t := range m.all {
		if odd(t) {
			return true
		}
	}
	return false
}

// prefixWidth is the cursor marker's width, and the mark's in the review.
func (m Model) prefixWidth() int {
	if m.marking {
		return 4
	}
	return 2
}

// cellWidth is the width of s in cells, without parsing ASCII.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// maxMeasured is the widest cell the histograms tell apart; wider cells
// count as this wide.
const maxMeasured = 63

// widths is a histogram of a text column's cell widths.
type widths [maxMeasured + 1]int32

// most is the width that holds pct percent of the cells (0 without cells).
func (h *widths) most(pct int) int {
	total := 0
	for _, n := range h {
		total += int(n)
	}
	need, seen := (total*pct+99)/100, 0
	for w, n := range h {
		seen += int(n)
		if seen >= need && seen > 0 {
			return w
		}
	}
	return 0
}

// widest is the widest cell's width (0 without cells).
func (h *widths) widest() int {
	for w := maxMeasured; w > 0; w-- {
		if h[w] > 0 {
			return w
		}
	}
	return 0
}

// textColumns are the columns sized by their content, in the order that
// receives the room left once each has its usual width.
var textColumns = [...]Column{ColName, ColLogin, ColProject}

func (m *Model) measure(ts []model.Token) {
	for _, t := range ts {
		m.content[0][min(maxMeasured, cellWidth(model.Printable(t.Name)))]++
		m.content[1][min(maxMeasured, cellWidth(model.Printable(t.Login)))]++
		m.content[2][min(maxMeasured, cellWidth(model.Printable(projectLabel(t))))]++
		if t.ExpiresAt != nil && t.IsExpiredAt(m.Now()) {
			m.expiredDated++
		}
	}
	m.layout()
}

// textWants returns, per text column, the width its usual cells need (90%
// of the rows) and the width its widest cell needs, both at least its
// title's (with the sort arrow when sorted by it).
func (m *Model) textWants(c Column) (usual, widest int) {
	i := slices.Index(textColumns[:], c)
	title := cellWidth(c.String())
	if c == m.sortCol {
		title += 2
	}
	return max(title, m.content[i].most(90)), max(title, m.content[i].widest())
}

// hideCreated reports whether the Created column gives its room to the
// text columns: below 76 columns, and below 90 in the review (with its
// Login column) or while an expired row's date widens Expires, unless the
// table is sorted by it.
func (m *Model) hideCreated() bool {
	return m.Width < 76 || ((m.withLogin || m.datesExpired()) && m.Width < 90 && m.sortCol != ColCreated)
}

// layout computes the column widths for the current width. Fixed columns
// keep theirs. The text columns (Login, Name, Project) are sized by their
// content: each gets its widest cell when all fit, Name taking what is
// left; otherwise each gets what 90% of its cells need and the rest goes
// to Name, Login then Project up to their widest; when even that does not
// fit, they share the room by weight, a column needing less than its share
// keeping just what it needs. So a Project column empty in most rows
// yields its room to Name and Login. It costs O(columns), never O(rows).
func (m *Model) layout() {
	m.gap = 1
	if m.Width >= 96 {
		m.gap = 2
	}
	m.shown = make([]Column, 0, len(m.cols)) // fresh: copies of the model must not share it
	for _, c := range m.cols {
		if c == ColCreated && m.hideCreated() {
			continue
		}
		m.shown = append(m.shown, c)
	}
	flex := m.Width - m.prefixWidth() - m.gap*(len(m.shown)-1)
	text := make([]Column, 0, len(textColumns))
	for _, c := range m.shown {
		if _, ok := weight[c]; ok {
			text = append(text, c)
			continue
		}
		w := fixedWidth[c]
		if c == ColExpires && m.datesExpired() {
			w = expiredWidth
		}
		flex -= w
		m.widths[c] = w
	}
	flex = max(flex, minFlex+minText*(len(text)-1))
	var usual, widest [numColumns]int
	sumUsual, sumWidest := 0, 0
	for _, c := range text {
		usual[c], widest[c] = m.textWants(c)
		sumUsual += usual[c]
		sumWidest += widest[c]
	}
	switch {
	case sumWidest <= flex:
		for _, c := range text {
			m.widths[c] = widest[c]
		}
		m.widths[ColName] += flex - sumWidest
	case sumUsual <= flex:
		room := flex - sumUsual
		for _, c := range text {
			m.widths[c] = usual[c]
		}
		for _, c := range textColumns {
			if more := min(room, widest[c]-usual[c]); more > 0 && slices.Contains(text, c) {
				m.widths[c] += more
				room -= more
			}
		}
		m.widths[ColName] += room
	default:
		m.share(text, &usual, flex)
	}
}

// share divides room among the text columns by weight (water-filling): a
// column wanting less than its share gets what it wants, the others share
// the rest; Name gets what rounding leaves.
func (m *Model) share(text []Column, want *[numColumns]int, room int) {
	left := text
	for settled := true; settled && len(left) > 1; {
		settled = false
		sum := 0
		for _, c := range left {
			sum += m.weightOf(c)
		}
		for i, c := range left {
			if want[c] <= room*m.weightOf(c)/sum {
				m.widths[c] = want[c]
				room -= want[c]
				left = slices.Delete(left, i, i+1)
				settled = true
				break
			}
		}
	}
	sum := 0
	for _, c := range left {
		sum += m.weightOf(c)
	}
	total := room
	for _, c := range left {
		if c != ColName {
			m.widths[c] = max(minText, total*m.weightOf(c)/sum)
			room -= m.widths[c]
		}
	}
	if slices.Contains(left, ColName) {
		m.widths[ColName] = max(minFlex, room)
	} else {
		m.widths[ColName] += room
	}
}

// View renders the filter line, the column titles and the visible rows
// only: its cost does not grow with the number of tokens.
func (m Model) View() string {
	var b strings.Builder
	st := m.Styles
	near := ""
	if m.near {
		near = "  no exact match: close ones"
		if m.Width < 60 {
			near = "  close ones"
		}
	}
	switch {
	case m.filtering && near != "":
		in := m.filter
		in.Width = max(1, in.Width-ansi.StringWidth(near))
		b.WriteString(in.View() + st.Hint.Render(near))
		b.WriteByte('\n')
	case m.filtering:
		b.WriteString(m.filter.View())
		b.WriteByte('\n')
	case m.query != "":
		b.WriteString(st.FilterPrompt.Render("/ ") + common.Truncate(m.filter.Value(), m.Width-30-ansi.StringWidth(near)) +
			st.Hint.Render(near+"  (esc clears)")) // the status line counts what is shown
		b.WriteByte('\n')
	}
	b.WriteString(m.titles())
	if empty := m.emptyText(); empty != "" {
		b.WriteByte('\n')
		b.WriteString(st.Empty.Render(empty))
		return b.String()
	}
	now := m.Now()
	end := min(len(m.view), m.offset+m.bodyHeight())
	for i := m.offset; i < end; i++ {
		b.WriteByte('\n')
		b.WriteString(m.row(m.all[m.view[i]], i == m.cursor, m.isMarked(m.view[i]), now))
	}
	return b.String()
}

func (m Model) emptyText() string {
	switch {
	case !m.loaded && m.failed:
		return "The tokens could not be loaded. Press r to try again."
	case !m.loaded:
		return "Loading tokens…"
	case len(m.all) == 0 && m.emptyAll != "":
		return m.emptyAll
	case len(m.all) == 0 && m.readOnly:
		return "No tokens."
	case len(m.all) == 0:
		return "You have no tokens yet.\n\nPress n to generate your first token."
	case len(m.view) == 0 && m.query == "":
		return "No token passes the filters.\nPress 0 to show every token."
	case len(m.view) == 0:
		return fmt.Sprintf("No token matches %q.\nPress esc to clear the filter.", m.filter.Value())
	}
	return ""
}

func (m Model) titles() string {
	cells := make([]string, len(m.shown))
	for i, c := range m.shown {
		t := c.String()
		if c == m.sortCol {
			if m.desc {
				t += " ↓"
			} else {
				t += " ↑"
			}
		}
		cells[i] = common.Fit(t, m.widths[c])
	}
	gap := strings.Repeat(" ", m.gap)
	return m.Styles.TableHeader.Render(strings.Repeat(" ", m.prefixWidth()) + strings.Join(cells, gap))
}

func (m Model) row(t model.Token, selected, marked bool, now time.Time) string {
	st := m.Styles
	gap := strings.Repeat(" ", m.gap)
	var b strings.Builder
	if selected {
		b.WriteByte('>')
	} else {
		b.WriteByte(' ')
	}
	// The marker of a row whose name, login or project holds control
	// characters, shown as escapes (the help explains it).
	if odd(t) {
		b.WriteByte(OddMarker)
	} else {
		b.WriteByte(' ')
	}
	if m.marking {
		if marked {
			b.WriteString("✓ ")
		} else {
			b.WriteString("  ")
		}
	}
	exp, status := "", model.StatusActive
	for i, c := range m.shown {
		if i > 0 {
			b.WriteString(gap)
		}
		w := m.widths[c]
		switch c {
		case ColName:
			b.WriteString(common.Fit(model.Printable(t.Name), w))
		case ColLogin:
			b.WriteString(common.Fit(model.Printable(t.Login), w))
		case ColType:
			b.WriteString(common.Fit(t.Type.ShortLabel(), w))
		case ColProject:
			b.WriteString(common.Fit(model.Printable(projectLabel(t)), w))
		case ColLastUse:
			b.WriteString(common.Fit(common.Relative(now, t.LastUsed), w))
		case ColCreated:
			b.WriteString(common.Fit(common.Date(t.CreatedAt, m.Zone), w))
		case ColExpires:
			exp, status = common.Expires(t, now)
			if status == model.StatusExpired && cellWidth(exp) > w {
				exp = "expired" // a table too narrow for the date
			}
			exp = common.Fit(exp, w)
		}
	}
	line := b.String()
	switch {
	case selected:
		return st.SelectedRow.Render(line + exp)
	case status == model.StatusExpired:
		return st.ExpiredRow.Render(line) + st.ExpiredLabel.Render(exp)
	case status == model.StatusExpiring:
		return line + st.ExpiringLabel.Render(exp)
	}
	return line + exp
}
