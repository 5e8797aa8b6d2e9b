// Package tokens is the token table of the Security page: a scrolling,
// filterable, sortable list that renders only the rows on screen, so it
// stays fast with tens of thousands of tokens.
package tokens

import (
	"iter"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// Model is the token table.
type Model struct {
	common.Common

	caps     model.Capabilities
	readOnly bool

	all   chunked[model.Token] // in chunks: a scan's appends copy no row (chunks.go)
	meta  chunked[rowMeta]     // per token: lower-cased search and sort keys
	types []rowType            // the types rowMeta.typ indexes; replaced, never changed in place
	// logins are the lower-cased logins rowMeta.login indexes, one for
	// each run of a user's rows; appended to as all is.
	logins []string
	facts  chunked[model.Facts] // per token: what the review's filters read (SetMatch)
	// order and view are indices into all (int32: half the memory of
	// int at 200,000 rows, and of the copies each batch and key makes).
	order  []int32 // sorted, unfiltered
	view   []int32 // order filtered: what is shown
	loaded bool
	failed bool // the last load failed

	// tieRows and tieRank are the rows in the order of equal sort keys
	// and each row's rank in it (ties), kept while the rows stay.
	tieRows []int32
	tieRank []int32
	// dead marks the rows RemoveTokens removed (a set of bits over all,
	// shorter when rows came after), nDead counts them: they stay in all
	// until compact. Replaced, never changed in place.
	dead  []uint64
	nDead int
	// sorted holds each column's ascending order (indices into all),
	// kept while the rows stay; replaced, never changed in place.
	sorted [numColumns][]int32

	cursor, offset int

	filter    textinput.Model
	filtering bool
	query     string                                // applied filter, lower-cased
	near      bool                                  // the filter shows close matches (filter.go)
	typed     typedCache                            // the rows kept for the typed queries
	rowsGen   uint64                                // counts changes of the rows, not of their order (typedCache)
	match     func(*model.Token, *model.Facts) bool // extra filter set by the owner (review quick filters)
	matched   []uint64                              // the rows view holds as a set, when match is set (CountShown)

	sortCol Column
	desc    bool

	withLogin bool
	pinned    Column // a column that stays at any width (Pin); -1 for none
	owner     string // whose tokens a one-user table shows (SetOwner)
	marking   bool   // rows can be marked (bulk actions)
	marked    []bool // parallel to all; replaced, never changed in place
	nMarked   int

	emptyAll string  // what an empty, loaded table says ("" for the default)
	act      actions // what n, d, o, enter and e need (actions.go)

	cols   []Column // the server's columns
	shown  []Column // those that fit the width
	widths [numColumns]int
	gap    int
	// content holds the histograms of the text columns' cell widths
	// (textColumns' order) among the listed tokens, kept as rows come and
	// go so that layout never scans the rows.
	content [len(textColumns)]widths
	// widest holds each text column's widest cell, exactly (content caps
	// its widths at maxMeasured).
	widest [len(textColumns)]int
	// expiredDay reports whether expired rows show their day ("expired
	// 2026-11-18") in the current layout.
	expiredDay bool
	// removalShort reports whether the Removal cells read "in 12 days".
	removalShort bool
	// expiredDated counts the listed tokens whose Expires cell reads
	// "expired DATE", wider than a date alone.
	expiredDated int
	// oddRows counts the listed tokens that get the OddMarker (HasOdd).
	oddRows int
}

// New returns an empty table for a server with the given capabilities.
func New(c common.Common, caps model.Capabilities, readOnly bool) Model {
	fi := c.NewInput("name, project or type", 100)
	fi.Prompt = "/ "
	fi.PromptStyle = c.Styles.FilterPrompt
	fi.TextStyle = c.Styles.FilterText
	m := Model{Common: c, caps: caps, readOnly: readOnly, filter: fi, pinned: -1}
	m.cols = []Column{ColName}
	if caps.TokenTypes {
		m.cols = append(m.cols, ColType, ColProject)
	}
	m.cols = append(m.cols, ColLastUse)
	if caps.Cloud {
		m.cols = append(m.cols, ColRemoval)
	}
	m.cols = append(m.cols, ColCreated)
	if caps.Expiration {
		m.cols = append(m.cols, ColExpires)
	}
	m.layout()
	return m
}

// WithLogin adds a Login column in front and lets rows be marked, for
// the review of every user's tokens.
func (m Model) WithLogin() Model {
	m.withLogin, m.marking = true, true
	m.cols = append([]Column{ColLogin}, m.cols...)
	m.filter.Placeholder = "login, name, project or type"
	m.layout()
	return m
}

// ShowSignIns adds the Signed in column (the owner's last sign-in) after
// Login, once the review's user listing reported sign-ins; a table
// without Login, or with the column, is left as it is.
func (m *Model) ShowSignIns() {
	if !m.withLogin || slices.Contains(m.cols, ColSignedIn) {
		return
	}
	at := slices.Index(m.cols, ColLogin) + 1
	m.cols = slices.Insert(slices.Clone(m.cols), at, ColSignedIn)
	m.layout()
}

// SignIns reports whether the table shows the owners' last sign-ins
// (ShowSignIns).
func (m Model) SignIns() bool { return slices.Contains(m.cols, ColSignedIn) }

// Pin keeps col shown at any width, as a sorted column is (-1 for none):
// the review pins Signed in while a filter is about it.
func (m *Model) Pin(col Column) {
	if m.pinned != col {
		m.pinned = col
		m.layout()
	}
}

// SetOwner says whose tokens a one-user table shows (a login; "" while
// the signed-in user's login is unknown): common.TokensAddedMsg of that
// owner is listed, of another owner ignored. A table WithLogin lists
// every owner's tokens.
func (m *Model) SetOwner(login string) { m.owner = login }

// Owner returns whose tokens the table shows (SetOwner).
func (m Model) Owner() string { return m.owner }

// SetEmptyText sets what a loaded table without tokens says.
func (m *Model) SetEmptyText(s string) { m.emptyAll = s }

// SetTokens replaces the listed tokens, keeping the selection.
func (m *Model) SetTokens(ts []model.Token) {
	sel := m.selectedKey()
	m.all, m.meta, m.facts = chunked[model.Token]{}, chunked[rowMeta]{}, chunked[model.Facts]{}
	m.dead, m.nDead = nil, 0
	m.logins = nil
	m.addRows(ts)
	m.marked, m.nMarked = nil, 0
	m.loaded = true
	m.failed = false
	m.order = nil
	m.content = [len(textColumns)]widths{}
	m.widest = [len(textColumns)]int{}
	m.expiredDated, m.oddRows = 0, 0
	m.measure(ts)
	m.forgetTies()
	m.rebuild(sel)
}

// Append lists more tokens (a review streaming in), keeping the selection
// and the marks. It merges the new rows into the sorted order instead of
// sorting everything again.
func (m *Model) Append(ts []model.Token) {
	m.loaded = true
	if len(ts) == 0 {
		return
	}
	sel := m.selectedIndex() // appending keeps the rows' indices
	n := m.all.len()
	m.addRows(ts)
	m.forgetTies()
	fresh := make([]int32, len(ts))
	for i := range fresh {
		fresh[i] = int32(n + i)
	}
	if m.marked != nil {
		m.marked = append(m.marked[:n:n], make([]bool, len(ts))...)
	}
	if m.order != nil {
		m.sortIdx(fresh)
		m.order = m.merge(m.order, fresh)
	}
	m.measure(ts)
	m.rebuildAt(sel)
}

// addRows appends ts to all, with their search keys and facts, made a
// part at a time so that no array of a batch's size is made beside them.
func (m *Model) addRows(ts []model.Token) {
	m.rowsGen++
	m.all.append(ts...)
	var meta [256]rowMeta
	var facts [256]model.Facts
	var prev *model.Token // a batch starts a new run of logins
	for len(ts) > 0 {
		part := ts[:min(len(ts), len(meta))]
		m.metaOfAll(part, meta[:len(part)], prev)
		prev = &part[len(part)-1]
		for i := range part {
			facts[i] = model.FactsOf(&part[i])
		}
		m.meta.append(meta[:len(part)]...)
		m.facts.append(facts[:len(part)]...)
		ts = ts[len(part):]
	}
}

// SetFailed records that loading the tokens failed.
func (m *Model) SetFailed() { m.failed = true }

// Add lists one more token (a freshly generated one) and selects it.
func (m *Model) Add(t model.Token) {
	m.Append([]model.Token{t})
	m.selectKey(keyOf(t))
}

// rowKey identifies a token without building a string: its login and
// name (names are unique per user).
type rowKey struct{ login, name string }

// RemoveTokens drops the given tokens (by login and name) in one pass,
// keeping the cursor's position, and returns the rows it dropped. A table
// that lists none of them is left as it is, without a copy.
//
// The rows are marked gone (dead) rather than copied out: a bulk
// revocation hands its revoked tokens over in batches, and copying the
// rows left of a 200,000-row table (50 MB of tokens and their keys) took
// 40 to 65 ms a batch. The gone rows leave the sorted orders and the
// marks at once, and memory when they are an eighth of the rows
// (compact), or when the widths cannot be corrected without them.
func (m *Model) RemoveTokens(ts []model.Token) []model.Token {
	if len(ts) == 0 || m.Len() == 0 {
		return nil
	}
	gone := make(map[rowKey]struct{}, len(ts))
	for _, t := range ts {
		gone[rowKey{t.Login, t.Name}] = struct{}{}
	}
	var drop []int // indices into all, ascending
	for base, run := range m.all.runs() {
		for j := range run {
			if t, i := &run[j], base+j; !m.isDead(i) {
				if _, ok := gone[rowKey{t.Login, t.Name}]; ok {
					drop = append(drop, i)
				}
			}
		}
	}
	if len(drop) == 0 {
		return nil
	}
	cur := m.cursor
	removed := make([]model.Token, len(drop))
	dead := make([]uint64, (m.all.len()+63)/64)
	copy(dead, m.dead)
	for k, i := range drop {
		removed[k] = *m.all.at(i)
		dead[i>>6] |= 1 << (i & 63)
	}
	m.dead, m.nDead = dead, m.nDead+len(drop)
	m.rowsGen++
	if m.marked != nil {
		marked := slices.Clone(m.marked)
		for _, i := range drop {
			if marked[i] {
				marked[i] = false
				m.nMarked--
			}
		}
		m.marked = marked
	}
	measured := m.unmeasure(removed)
	switch {
	case !measured || m.nDead*8 > m.all.len():
		m.compact(!measured)
	case m.order != nil:
		order := make([]int32, 0, len(m.order)-len(drop))
		for _, i := range m.order {
			if dead[i>>6]&(1<<(i&63)) == 0 {
				order = append(order, i)
			}
		}
		m.order = order
	}
	m.rebuild("")
	m.cursor = cur
	m.clamp()
	return removed
}

// isDead reports whether row i of all was removed (RemoveTokens).
func (m *Model) isDead(i int) bool {
	return i>>6 < len(m.dead) && m.dead[i>>6]&(1<<(i&63)) != 0
}

// compact drops the dead rows from all and what runs parallel to it, in
// new chunks, and measures the rows left anew when remeasure is set.
func (m *Model) compact(remeasure bool) {
	if m.nDead == 0 {
		return
	}
	n := m.all.len()
	var all chunked[model.Token]
	var meta chunked[rowMeta]
	var facts chunked[model.Facts]
	var marked []bool
	if m.marked != nil {
		marked = make([]bool, 0, n-m.nDead)
	}
	remap := make([]int, n)
	// A chunk's live rows are gathered, then appended in one go: an append
	// a row, or a run between two dead ones, copied the list of chunks
	// each time (310 MB for a fifth of 200,000 rows gone).
	var liveAll []model.Token
	var liveMeta []rowMeta
	var liveFacts []model.Facts
	for base, run := range m.all.runs() {
		runMeta, runFacts := m.meta.run(base, len(run)), m.facts.run(base, len(run))
		liveAll, liveMeta, liveFacts = liveAll[:0], liveMeta[:0], liveFacts[:0]
		for j := range run {
			if m.isDead(base + j) {
				remap[base+j] = -1
				continue
			}
			remap[base+j] = all.len() + len(liveAll)
			liveAll = append(liveAll, run[j])
			liveMeta = append(liveMeta, runMeta[j])
			liveFacts = append(liveFacts, runFacts[j])
			if marked != nil {
				marked = append(marked, m.marked[base+j])
			}
		}
		all.append(liveAll...)
		meta.append(liveMeta...)
		facts.append(liveFacts...)
	}
	m.all, m.meta, m.facts, m.marked = all, meta, facts, marked
	m.dead, m.nDead = nil, 0
	m.rowsGen++
	m.forgetTies()
	if remeasure {
		m.content = [len(textColumns)]widths{}
		m.widest = [len(textColumns)]int{}
		m.expiredDated, m.oddRows = 0, 0
		for _, run := range m.all.runs() {
			m.measure(run)
		}
	}
	if m.order != nil {
		order := make([]int32, 0, all.len())
		for _, i := range m.order {
			if j := remap[i]; j >= 0 {
				order = append(order, int32(j))
			}
		}
		m.order = order
	}
}

// SelectName moves the cursor to the token with the given name, if listed.
func (m *Model) SelectName(name string) {
	for i, idx := range m.view {
		if m.all.at(int(idx)).Name == name {
			m.cursor = i
			m.clamp()
			return
		}
	}
}

// selectKey moves the cursor to the token with the given key, if shown.
func (m *Model) selectKey(k string) {
	for i, idx := range m.view {
		if keyOf(*m.all.at(int(idx))) == k {
			m.cursor = i
			m.clamp()
			return
		}
	}
}

// SetMatch sets an extra filter (nil for none), applied with the typed
// one. It is given each token and its model.FactsOf, kept since the token
// was listed.
func (m *Model) SetMatch(f func(*model.Token, *model.Facts) bool) {
	sel := m.selectedIndex()
	m.match = f
	m.rebuildAt(sel)
}

// Names returns the names of every token (for the generate form's
// duplicate check).
func (m Model) Names() []string {
	out := make([]string, 0, m.Len())
	m.EachToken(func(t *model.Token) { out = append(out, t.Name) })
	return out
}

// NamesOf returns the names of the listed tokens of one user.
func (m Model) NamesOf(login string) []string {
	var out []string
	m.EachToken(func(t *model.Token) {
		if t.Login == login {
			out = append(out, t.Name)
		}
	})
	return out
}

// Tokens returns a copy of every listed token. TokenRuns and EachToken
// read them without one.
func (m Model) Tokens() []model.Token {
	out := make([]model.Token, 0, m.Len())
	m.EachToken(func(t *model.Token) { out = append(out, *t) })
	return out
}

// TokenRuns yields the listed tokens in runs of rows as they lie in
// memory, without a copy: do not change them.
func (m *Model) TokenRuns() iter.Seq[[]model.Token] {
	return func(yield func([]model.Token) bool) {
		for base, run := range m.all.runs() {
			from := 0
			for j := range run {
				if m.isDead(base + j) {
					if from < j && !yield(run[from:j]) {
						return
					}
					from = j + 1
				}
			}
			if from < len(run) && !yield(run[from:]) {
				return
			}
		}
	}
}

// EachToken calls fn with every listed token, without a copy of them.
func (m *Model) EachToken(fn func(*model.Token)) {
	for run := range m.TokenRuns() {
		for i := range run {
			fn(&run[i])
		}
	}
}

// CountMatching counts into c every token that passes the typed filter
// and keep (nil keeps all), whatever SetMatch set: the review's chart
// counts its bars without the bar it filters to. The rows are read in
// the order they lie in memory: in display order every row was a cache
// miss, and 200,000 of them took 20 ms.
func (m *Model) CountMatching(keep *model.FilterMatcher, c *model.ChartCounter) {
	var in []uint64
	if e := m.typedEntry(); e != nil {
		in = e.set
	} else if m.nDead > 0 {
		in = rowSet(m.order, m.all.len())
	}
	for base, run := range m.all.runs() {
		var part []uint64
		if in != nil {
			part = in[base>>6:]
		}
		c.AddRows(run, m.facts.run(base, len(run)), part, keep)
	}
}

// CountShown counts into c the tokens shown, when SetMatch set a filter:
// what CountMatching counts with that filter as keep, without matching
// every row a second time. It reports false, counting nothing, without
// such a filter.
func (m *Model) CountShown(c *model.ChartCounter) bool {
	if m.matched == nil {
		return false
	}
	for base, run := range m.all.runs() {
		c.AddRows(run, m.facts.run(base, len(run)), m.matched[base>>6:], nil)
	}
	return true
}

// rowSet is the rows as a set of n bits.
func rowSet(rows []int32, n int) []uint64 {
	set := make([]uint64, (n+63)/64)
	for _, i := range rows {
		set[i>>6] |= 1 << (i & 63)
	}
	return set
}

// ShownTokens returns the tokens passing the filters, in display order.
func (m Model) ShownTokens() []model.Token {
	out := make([]model.Token, len(m.view))
	for i, idx := range m.view {
		out[i] = *m.all.at(int(idx))
	}
	return out
}

// Loaded reports whether tokens were set at least once.
func (m Model) Loaded() bool { return m.loaded }

// Len is the number of tokens; Shown the number passing the filter.
func (m Model) Len() int { return m.all.len() - m.nDead }

// Shown is the number of tokens passing the filter.
func (m Model) Shown() int { return len(m.view) }

// Cursor is the selected row's position among the shown rows.
func (m Model) Cursor() int { return m.cursor }

// Query is the applied filter text.
func (m Model) Query() string { return m.filter.Value() }

// Sort returns the sort column and whether it is reversed.
func (m Model) Sort() (Column, bool) { return m.sortCol, m.desc }

// SortedBy returns the table sorted by col (reversed when desc), when the
// table has that column; s and S change it as before.
func (m Model) SortedBy(col Column, desc bool) Model {
	if !slices.Contains(m.cols, col) || (col == m.sortCol && desc == m.desc) {
		return m
	}
	m.sortCol, m.desc, m.order = col, desc, nil
	m.layout() // the sorted column's title takes an arrow
	m.rebuild(m.selectedKey())
	return m
}

// Filtering reports whether the filter input has the focus.
func (m Model) Filtering() bool { return m.filtering }

// Selected returns the token under the cursor.
func (m Model) Selected() (model.Token, bool) {
	if m.cursor < 0 || m.cursor >= len(m.view) {
		return model.Token{}, false
	}
	return *m.all.at(int(m.view[m.cursor])), true
}

// SetSize sets the table's size and lays out the columns.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.filter.Width = max(10, w-4)
	m.layout()
	m.clamp()
}

// bodyHeight is the number of token rows that fit.
func (m Model) bodyHeight() int {
	h := m.Height - 1 // column titles
	if m.filtering || m.query != "" {
		h--
	}
	return max(1, h)
}

func (m *Model) clamp() {
	if m.cursor >= len(m.view) {
		m.cursor = len(m.view) - 1
	}
	if m.cursor < 0 {
		m.cursor = 0
	}
	bh := m.bodyHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+bh {
		m.offset = m.cursor - bh + 1
	}
	if maxOff := max(0, len(m.view)-bh); m.offset > maxOff {
		m.offset = maxOff
	}
	if m.offset < 0 {
		m.offset = 0
	}
}

func (m *Model) move(d int) {
	m.cursor += d
	m.clamp()
}

func (m *Model) setQuery(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == m.query {
		return
	}
	sel := m.selectedIndex()
	m.query = q
	m.rebuildAt(sel)
}

// Update handles the table's keys: moving, filtering, sorting, and the
// flows of the selected or shown rows (actions.go).
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.TokensAddedMsg:
		m.added(msg)
		return m, nil
	case common.TokensRevokedMsg:
		if m.loaded {
			m.RemoveTokens(msg.Tokens)
		}
		return m, nil
	case rotate.ClosedMsg:
		if msg.Generated && !m.withLogin {
			m.SelectName(msg.New.Name)
		}
		return m, nil
	}
	if m.filtering {
		return m.updateFilter(msg)
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	if next, cmd, ok := m.action(km); ok {
		return next, cmd
	}
	k := m.Keys
	switch {
	case key.Matches(km, k.Up):
		m.move(-1)
	case key.Matches(km, k.Down):
		m.move(1)
	case key.Matches(km, k.Top):
		m.cursor = 0
		m.clamp()
	case key.Matches(km, k.Bottom):
		m.cursor = len(m.view) - 1
		m.clamp()
	case key.Matches(km, k.PageUp):
		m.move(-m.bodyHeight())
	case key.Matches(km, k.PageDown):
		m.move(m.bodyHeight())
	case key.Matches(km, k.Filter):
		m.filtering = true
		m.clamp()
		return m, m.filter.Focus()
	case key.Matches(km, k.ClearFilter) && m.query != "":
		m.filter.SetValue("")
		m.setQuery("")
	case key.Matches(km, k.Sort):
		m.sortCol = m.nextSortColumn()
		m.desc = false
		m.order = nil
		m.layout() // the sorted column's title takes an arrow
		m.rebuildAt(m.selectedIndex())
	case key.Matches(km, k.Reverse):
		m.desc = !m.desc
		m.reverse()
		m.rebuildAt(m.selectedIndex())
	case m.marking && !m.readOnly && key.Matches(km, k.Mark):
		m.toggleMark()
	case m.marking && !m.readOnly && key.Matches(km, k.MarkAll):
		m.markShown()
	}
	return m, nil
}

// added lists tokens the server created, when the table shows their
// owner's tokens: a table not loaded yet gets them with its load.
func (m *Model) added(msg common.TokensAddedMsg) {
	if !m.loaded || (!m.withLogin && msg.Owner != m.owner) {
		return
	}
	for _, t := range msg.Tokens {
		if t.Login == "" {
			t.Login = msg.Owner
		}
		m.Add(t)
	}
}

func (m Model) nextSortColumn() Column {
	for i, c := range m.cols {
		if c == m.sortCol {
			return m.cols[(i+1)%len(m.cols)]
		}
	}
	return ColName
}

func (m Model) updateFilter(msg tea.Msg) (Model, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, m.Keys.ClearFilter):
			m.filtering = false
			m.filter.Blur()
			m.filter.SetValue("")
			m.setQuery("")
			return m, nil
		case key.Matches(km, m.Keys.ApplyFilter), km.Type == tea.KeyUp, km.Type == tea.KeyDown:
			m.filtering = false
			m.filter.Blur()
			m.clamp()
			return m, nil
		}
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	m.setQuery(m.filter.Value())
	return m, cmd
}
