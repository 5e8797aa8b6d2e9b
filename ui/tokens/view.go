package tokens

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/internal/cells"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

const (
	minFlex = 8
	// minText is the least a Login or Project column gets when room is
	// short.
	minText = 5
	// projectFloor is the fewest cells for which the Project column stays,
	// its longest cells cut, rather than going whole: "Payments API".
	projectFloor = 12
	// nameFloor and loginFloor are the cells a Name and a Login cut in any
	// case keep before a column goes to give them more.
	nameFloor  = 20
	loginFloor = 12
)

var fixedWidth = map[Column]int{
	ColType:    7,
	ColLastUse: 13,
	ColCreated: 10,
	ColExpires: 10,
	// "2026-11-18", "never" or "?".
	ColSignedIn: 10,
}

// expiredWidth is the Expires column's width while a row reads "expired
// 2026-11-18".
const expiredWidth = len("expired 2006-01-02")

// removalWidth and removalShortWidth are the Removal column's widths in
// its two forms: "removed in 12 days if unused" and "in 12 days".
const (
	removalWidth      = len("removed in 60 days if unused")
	removalShortWidth = len("in 60 days")
)

// dropSteps are what the table gives up, one after the other, while its
// columns do not fit the width, before Name or Login is cut: the Created
// column, an expired token's day ("expired 2026-11-18" becomes
// "expired"), Last use, SonarQube Cloud's Removal says "in 12 days" only,
// Project and Type, the order in which the command line's tables drop
// them; last Removal goes. The review's Signed in goes first, unless a
// filter is about it (Pin). A step whose column the table sorts by is
// skipped: the user asked to see it.
var dropSteps = []struct {
	drop         Column
	expiredDay   bool // the step shortens the expired rows' Expires cell
	removalShort bool // the step shortens the Removal cells
}{
	{drop: ColSignedIn},
	{drop: ColCreated},
	{drop: -1, expiredDay: true},
	{drop: ColLastUse},
	{drop: -1, removalShort: true},
	{drop: ColProject},
	{drop: ColType},
	{drop: ColRemoval},
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
// holds control or invisible characters that the row shows as escapes
// (\e, \u202e, \u200b).
const OddMarker = common.OddMarker

// odd reports whether t's row gets the OddMarker.
func odd(t model.Token) bool {
	return model.AnyNeedsEscaping(t.Name, t.Login, t.ProjectKey, t.ProjectName, string(t.Type))
}

// HasOdd reports whether any row of the table, shown or filtered out,
// gets the OddMarker.
func (m Model) HasOdd() bool { return m.oddRows > 0 }

// prefixWidth is the cursor marker's width, and the mark's in the review.
func (m Model) prefixWidth() int {
	if m.marking {
		return 4
	}
	return 2
}

// cellWidth is the width of s in cells (cells.Width, fast on ASCII).
func cellWidth(s string) int { return cells.Width(s) }

// maxMeasured is the widest cell the histograms tell apart; wider cells
// count as this wide.
const maxMeasured = 63

// widths is a histogram of a text column's cell widths.
type widths [maxMeasured + 1]int32

// most is the width that holds pct percent of the cells, rounded up: of
// ten cells or fewer, every one (0 without cells).
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

// measure counts ts's cells into the histograms and the widest cells, and
// lays the columns out again: once per change of the rows, never per
// frame or key.
func (m *Model) measure(ts []model.Token) {
	now := m.Now()
	for _, t := range ts {
		for i, s := range [...]string{t.Name, t.Login, projectLabel(t)} {
			w := cellWidth(model.Printable(s))
			m.content[i][min(maxMeasured, w)]++
			m.widest[i] = max(m.widest[i], w)
		}
		if t.ExpiresAt != nil && t.IsExpiredAt(now) {
			m.expiredDated++
		}
		if odd(t) {
			m.oddRows++
		}
	}
	m.layout()
}

// unmeasure takes rows that leave out of the histograms, instead of
// measuring every row that stays. It reports false, having laid out
// nothing, when a column's widest cell may have left with them and the
// histograms cannot tell the next one (cells past maxMeasured): then
// every row is to be measured again.
func (m *Model) unmeasure(ts []model.Token) bool {
	now := m.Now()
	exact := true
	for _, t := range ts {
		for i, s := range [...]string{t.Name, t.Login, projectLabel(t)} {
			w := cellWidth(model.Printable(s))
			bin := &m.content[i][min(maxMeasured, w)]
			*bin = max(0, *bin-1) // never below 0, whatever changed since
			if w >= maxMeasured && w >= m.widest[i] {
				exact = false
			}
		}
		if t.ExpiresAt != nil && t.IsExpiredAt(now) {
			// Measured before it expired, it was not counted.
			m.expiredDated = max(0, m.expiredDated-1)
		}
		if odd(t) {
			m.oddRows--
		}
	}
	if !exact {
		return false
	}
	for i := range m.widest {
		if m.widest[i] < maxMeasured {
			m.widest[i] = m.content[i].widest()
		}
	}
	m.layout()
	return true
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
	usual = m.content[i].most(90)
	if usual >= maxMeasured { // the histogram's last bin holds every wider cell
		usual = m.widest[i]
	}
	return max(title, usual), max(title, m.widest[i])
}

// shape is a choice of the columns to show and their gap.
type shape struct {
	shown        []Column
	gap          int
	expiredDay   bool // expired rows read "expired DAY"
	removalShort bool // Removal reads "in 12 days"
}

// shapes lists the shapes the table may take, richest first: each step of
// dropSteps in turn, columns two cells apart; last, the narrowest one
// cell apart. (One cell between "Project" and "Web Shop" reads as one
// phrase: a column goes before the gap narrows.)
func (m *Model) shapes() []shape {
	gone := map[Column]bool{}
	expiredDay := m.expiredDated > 0
	removalShort := false
	hasRemoval := slices.Contains(m.cols, ColRemoval)
	var out []shape
	add := func() {
		shown := make([]Column, 0, len(m.cols)) // fresh: copies of the model must not share it
		for _, c := range m.cols {
			if !gone[c] {
				shown = append(shown, c)
			}
		}
		out = append(out, shape{shown, 2, expiredDay, removalShort})
	}
	add()
	for _, st := range dropSteps {
		switch {
		case st.expiredDay && expiredDay:
			expiredDay = false
		case st.removalShort && hasRemoval && !removalShort:
			removalShort = true
		case st.drop >= 0 && st.drop != m.sortCol && st.drop != m.pinned && slices.Contains(m.cols, st.drop):
			gone[st.drop] = true
		default:
			continue
		}
		add()
	}
	last := out[len(out)-1]
	last.gap = 1
	return append(out, last)
}

// fixedRoom is the room a shape's columns other than the text ones take,
// gaps and the row's prefix included.
func (m *Model) fixedRoom(s shape) int {
	n := m.prefixWidth() + s.gap*(len(s.shown)-1)
	for _, c := range s.shown {
		if _, text := weight[c]; text {
			continue
		}
		n += m.fixedWidthOf(c, s)
	}
	return n
}

// fixedWidthOf is the width of the column c, not a text column, in s.
func (m *Model) fixedWidthOf(c Column, s shape) int {
	switch {
	case c == ColExpires && s.expiredDay:
		return expiredWidth
	case c == ColRemoval && s.removalShort:
		return removalShortWidth
	case c == ColRemoval:
		return removalWidth
	}
	return fixedWidth[c]
}

// layout computes the columns to show and their widths for the current
// width. The text columns (Login, Name, Project) are sized by their
// content. The table takes the richest shape (shapes) in which Name and
// Login get their widest cell and Project its widest or at least
// projectFloor cells;
// when none does, the richest in which each text column gets what 90% of
// its cells need, so that one very long name among many does not take
// every other column away; the room over goes to the column nearest to
// its widest cell first (the longest cells give way first), and what is
// still over stays at the end of the rows. A column goes only when that
// shows the names whole: when none of these fits, the table takes the
// richest shape that leaves a name nameFloor cells and a login
// loginFloor (or the narrowest), and its text columns share the room by
// weight, a column needing less than its share keeping what it needs. A cut cell is cut in
// the middle, apart from its neighbours on screen (View). It costs
// O(columns), never O(rows).
func (m *Model) layout() {
	shapes := m.shapes()
	var usual, widest, names [numColumns]int
	for _, c := range textColumns {
		usual[c], widest[c] = m.textWants(c)
		names[c] = widest[c]
	}
	// A project is not what tells tokens apart: its column stays, cut,
	// while it keeps projectFloor cells.
	names[ColProject] = min(widest[ColProject], projectFloor)
	usual[ColProject] = min(usual[ColProject], names[ColProject])
	sum := func(s shape, want *[numColumns]int) int {
		n := 0
		for _, c := range s.shown {
			if _, text := weight[c]; text {
				n += want[c]
			}
		}
		return n
	}
	// Cut anyway, a name keeps nameFloor cells and a login loginFloor
	// before a column goes for them.
	var floors [numColumns]int
	floors[ColName] = min(widest[ColName], nameFloor)
	floors[ColLogin] = min(widest[ColLogin], loginFloor)
	floors[ColProject] = names[ColProject]
	pick, start := -1, &names
	for _, want := range []*[numColumns]int{&names, &usual, &floors} {
		for i, s := range shapes {
			if m.fixedRoom(s)+sum(s, want) <= m.Width {
				pick, start = i, want
				break
			}
		}
		if pick >= 0 {
			break
		}
	}
	share := pick < 0 || start == &floors
	if pick < 0 {
		pick = len(shapes) - 1
	}
	s := shapes[pick]
	m.shown, m.gap, m.expiredDay, m.removalShort = s.shown, s.gap, s.expiredDay, s.removalShort
	text := make([]Column, 0, len(textColumns))
	for _, c := range s.shown {
		if _, ok := weight[c]; ok {
			text = append(text, c)
		} else {
			m.widths[c] = m.fixedWidthOf(c, s)
		}
	}
	flex := max(m.Width-m.fixedRoom(s), minFlex+minText*(len(text)-1))
	if share {
		m.share(text, &widest, flex)
		return
	}
	room := flex - sum(s, start)
	for _, c := range text {
		m.widths[c] = start[c]
	}
	// The room over goes first to the column nearest to its widest cell.
	for room > 0 {
		near := Column(-1)
		for _, c := range text {
			if short := widest[c] - m.widths[c]; short > 0 && (near < 0 || short < widest[near]-m.widths[near]) {
				near = c
			}
		}
		if near < 0 {
			break
		}
		more := min(room, widest[near]-m.widths[near])
		m.widths[near] += more
		room -= more
	}
}

// share divides room among the text columns by weight (water-filling): a
// column wanting less than its share gets what it wants, the others share
// the rest; Name gets what rounding leaves.
func (m *Model) share(text []Column, want *[numColumns]int, room int) {
	left := slices.Clone(text)
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
	} else if len(left) > 0 {
		m.widths[left[0]] += room
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
		in.Width = max(1, in.Width-cells.Width(near))
		b.WriteString(in.View() + st.Hint.Render(near))
		b.WriteByte('\n')
	case m.filtering:
		b.WriteString(m.filter.View())
		b.WriteByte('\n')
	case m.query != "":
		b.WriteString(st.FilterPrompt.Render("/ ") + common.Truncate(m.filter.Value(), m.Width-30-cells.Width(near)) +
			st.Hint.Render(near+"  (esc clears)")) // the status line counts what is shown
		b.WriteByte('\n')
	}
	b.WriteString(m.titles())
	if empty := m.emptyText(); empty != "" {
		b.WriteByte('\n')
		b.WriteString(st.Empty.Render(common.Wrap(empty, max(10, m.Width-st.Empty.GetHorizontalFrameSize()))))
		return b.String()
	}
	now := m.Now()
	end := min(len(m.view), m.offset+m.bodyHeight())
	rows := make([][]string, 0, end-m.offset)
	status := make([]model.Status, 0, end-m.offset)
	for i := m.offset; i < end; i++ {
		cs, st := m.cellsOf(*m.all.at(int(m.view[i])), now)
		rows = append(rows, cs)
		status = append(status, st)
	}
	// The rows on screen are cut apart: two never read the same.
	cuts := make([]int, len(m.shown))
	for i, c := range m.shown {
		if _, text := weight[c]; text {
			cuts[i] = m.widths[c]
		}
	}
	rows, _ = cells.Distinct(rows, cuts)
	for r, i := 0, m.offset; i < end; r, i = r+1, i+1 {
		b.WriteByte('\n')
		b.WriteString(m.row(*m.all.at(int(m.view[i])), rows[r], status[r], i == m.cursor, m.isMarked(m.view[i])))
	}
	return b.String()
}

func (m Model) emptyText() string {
	switch {
	case !m.loaded && m.failed:
		return "The tokens could not be loaded. Press r to try again."
	case !m.loaded:
		return "Loading tokens…"
	case m.Len() == 0 && m.emptyAll != "":
		return m.emptyAll
	case m.Len() == 0 && m.readOnly:
		return "No tokens."
	case m.Len() == 0:
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

// cellsOf returns t's cells in the shown columns, printable, the text
// columns' whole (View cuts them), the others fitted to their width, and
// t's status.
func (m Model) cellsOf(t model.Token, now time.Time) ([]string, model.Status) {
	out := make([]string, len(m.shown))
	status := model.StatusActive
	for i, c := range m.shown {
		w := m.widths[c]
		switch c {
		case ColName:
			out[i] = model.Printable(t.Name)
		case ColLogin:
			out[i] = model.Printable(t.Login)
		case ColProject:
			out[i] = model.Printable(projectLabel(t))
		case ColType:
			out[i] = common.Truncate(t.Type.ShortLabel(), w)
		case ColLastUse:
			out[i] = common.Truncate(common.Relative(now, t.LastUsed), w)
		case ColCreated:
			out[i] = common.Truncate(common.Date(t.CreatedAt, m.Zone), w)
		case ColExpires:
			var exp string
			exp, status = common.Expires(t, now)
			if status == model.StatusExpired && (!m.expiredDay || cellWidth(exp) > w) {
				exp = "expired" // the layout gave the day's room away
			}
			out[i] = common.Truncate(exp, w)
		case ColRemoval:
			out[i] = common.Truncate(removalCell(t, now, m.removalShort), w)
		case ColSignedIn:
			out[i] = common.Truncate(signedInCell(t, m.Zone), w)
		}
	}
	return out, status
}

// row renders one token's row from its cells (cellsOf, cut by View).
func (m Model) row(t model.Token, cs []string, status model.Status, selected, marked bool) string {
	st := m.Styles
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
	exp := ""
	for i, c := range m.shown {
		cell := pad(cs[i], m.widths[c])
		if c == ColExpires {
			exp = cell // last: drawn in the status's colour
			continue
		}
		if i > 0 {
			b.WriteString(strings.Repeat(" ", m.gap))
		}
		if c == ColRemoval && !selected && status != model.StatusExpired && removalSoon(t, m.Now()) {
			// An expired row is drawn dim whole: no colour inside it.
			cell = st.ExpiringLabel.Render(cell)
		}
		b.WriteString(cell)
	}
	line := b.String()
	if exp != "" && len(m.shown) > 1 {
		line += strings.Repeat(" ", m.gap)
	}
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

// removalCell is the Removal cell: "removed in 12 days if unused" (or
// "due for removal" once the 60 days are over), "in 12 days" (or "due")
// when short.
func removalCell(t model.Token, now time.Time, short bool) string {
	at, days := t.CloudRemoval(now)
	switch {
	case !at.After(now) && short:
		return "due"
	case !at.After(now):
		return "due for removal"
	case short && days == 1:
		return "in 1 day"
	case short:
		return fmt.Sprintf("in %d days", days)
	}
	return t.CloudRemovalReason(now)
}

// signedInCell is the Signed in cell: the day the owner last signed in
// in the user's zone, "never", or "?" when the review's user listing gave
// no sign-in.
func signedInCell(t model.Token, zone *time.Location) string {
	switch {
	case t.Owner == nil:
		return "?"
	case t.Owner.LastSignIn == nil:
		return "never"
	}
	return common.Date(*t.Owner.LastSignIn, zone)
}

// removalSoon reports whether t's Removal cell takes the expiring colour:
// SonarQube Cloud removes it, if unused, within model.DefaultCloudWarning
// (the command line's REMOVAL does the same).
func removalSoon(t model.Token, now time.Time) bool {
	return t.CloudRemovalWithin(now, model.DefaultCloudWarning)
}

// pad pads s with spaces to w cells.
func pad(s string, w int) string {
	if n := w - cellWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}
