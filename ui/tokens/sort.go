package tokens

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// Column is a column of the token table.
type Column int

// The columns, in the web page's order; Login exists only in the review.
const (
	ColName Column = iota
	ColType
	ColProject
	ColLastUse
	ColCreated
	ColExpires
	ColLogin
	// ColRemoval is when SonarQube Cloud removes a token nobody uses
	// (model.Token.CloudRemoval): on Cloud only.
	ColRemoval
	// ColSignedIn is when the token's owner last signed in (the review's
	// user listing): in the review only.
	ColSignedIn
	numColumns
)

// String is the column's title.
func (c Column) String() string {
	switch c {
	case ColName:
		return "Name"
	case ColType:
		return "Type"
	case ColProject:
		return "Project"
	case ColLastUse:
		return "Last use"
	case ColCreated:
		return "Created"
	case ColExpires:
		return "Expires"
	case ColLogin:
		return "Login"
	case ColRemoval:
		return "Removal"
	case ColSignedIn:
		return "Signed in"
	}
	return ""
}

// rowMeta holds what filtering and sorting read of a token, lower-cased
// once when the token is listed rather than on every comparison. The
// strings are the token's own when lower case already (most are): a row
// without a project allocates nothing, one with a project one string,
// and a row takes 40 bytes, against 88 and up to five strings before
// (issue 23's memory at 200,000 rows).
type rowMeta struct {
	// text is the name, lower-cased, then for a token with a project
	// its key and name, lower-cased, each after a model.FieldSep.
	text string
	// login is the login, lower-cased: an index into Model.logins, which
	// a user's tokens share.
	login uint32
	// nameEnd and keyEnd are where the name and the project key end in
	// text; nameEnd is len(text) without a project.
	nameEnd, keyEnd uint32
	// typ is the token's type, an index into Model.types (otherType
	// past them): the filter matches the type labels once per type, not
	// once per row.
	typ uint16
	// nearMask is the model.ByteMask of what close matches search
	// (nearText): a row lacking one of a query's bytes is passed over.
	nearMask uint64
}

// name, key, projName and proj are the lower-cased name, project key,
// project name and project label (projectLabel).
func (r *rowMeta) name() string { return r.text[:r.nameEnd] }

func (r *rowMeta) key() string {
	if int(r.nameEnd) == len(r.text) {
		return ""
	}
	return r.text[r.nameEnd+1 : r.keyEnd]
}

func (r *rowMeta) projName() string {
	if int(r.nameEnd) == len(r.text) {
		return ""
	}
	return r.text[r.keyEnd+1:]
}

func (r *rowMeta) proj() string {
	if p := r.projName(); p != "" {
		return p
	}
	return r.key()
}

// nearText is what the filter searches for close matches, joined: the
// name, the project key and name, and in the review the login, lower-cased.
// The filter searches text and login apart (nearSearch) and builds it
// only for a query holding a model.FieldSep.
func (m *Model) nearText(r *rowMeta) string {
	sep := model.FieldSep
	near := r.name() + sep + r.key() + sep + r.projName()
	if m.withLogin {
		near += sep + m.logins[r.login]
	}
	return near
}

// nearSearch searches rows for one query (filter.go): their text, and in
// the review their login, which for a query without a model.FieldSep
// finds what a search of nearText finds (model.Matcher.Typo starts afresh
// at each separator). The answer for a login is kept for the next row,
// most often the same user's.
type nearSearch struct {
	m     *Model
	mt    *model.Matcher
	typo  bool   // close matches (Typo), not the query itself (Exact)
	login uint32 // an index into Model.logins
	hit   bool   // the answer for login
	known bool   // login was searched
}

func (s *nearSearch) in(text string) bool {
	if s.typo {
		return s.mt.Typo(text)
	}
	return s.mt.Exact(text)
}

// row reports whether row r holds the query.
func (s *nearSearch) row(r *rowMeta) bool {
	if s.in(r.text) {
		return true
	}
	if !s.m.withLogin {
		return false
	}
	if !s.known || r.login != s.login {
		s.login, s.hit, s.known = r.login, s.in(s.m.logins[r.login]), true
	}
	return s.hit
}

// hayMask is the model.ByteMask of all the filter searches of row i: the
// near text and the type labels.
func (m *Model) hayMask(i int, r *rowMeta) uint64 {
	if int(r.typ) < len(m.types) {
		return r.nearMask | m.types[r.typ].mask
	}
	return r.nearMask | model.ByteMask(typeLabels(m.all.at(i).Type))
}

// typeLabels is what the filter searches of a type besides nearText: its
// labels, lower-cased, after a model.FieldSep.
func typeLabels(t model.TokenType) string {
	return model.FieldSep + strings.ToLower(t.ShortLabel()+model.FieldSep+t.Label())
}

// metaOf computes a token's rowMeta, its lower-cased login being
// m.logins[login]. The filter searches the name, the project key and
// name, in the review the login, and the type labels; close matches
// (filter.go) leave the type labels aside.
func (m *Model) metaOf(t *model.Token, login uint32) rowMeta {
	sep := model.FieldSep
	r := rowMeta{text: strings.ToLower(t.Name), login: login, typ: m.typeIndex(t.Type)}
	r.nameEnd = uint32(len(r.text))
	if t.ProjectKey != "" || t.ProjectName != "" {
		// Lower-cased one by one so that the lengths place the fields:
		// a field may hold a separator.
		key := strings.ToLower(t.ProjectKey)
		r.keyEnd = r.nameEnd + uint32(len(sep)+len(key))
		r.text += sep + key + sep + strings.ToLower(t.ProjectName)
	}
	r.nearMask = model.ByteMask(r.text) | model.ByteMask(sep)
	if m.withLogin {
		r.nearMask |= model.ByteMask(m.logins[login])
	}
	return r
}

// metaOfAll computes the rowMeta of each token of ts into meta. A
// user's tokens come together (a scan lists a user at once): their
// login is lower-cased and kept once in m.logins. prev is the row
// before ts when ts goes on a part of the same batch (nil else).
func (m *Model) metaOfAll(ts []model.Token, meta []rowMeta, prev *model.Token) {
	for i := range ts {
		if i > 0 {
			prev = &ts[i-1]
		}
		if prev == nil || ts[i].Login != prev.Login {
			m.logins = append(m.logins, strings.ToLower(ts[i].Login))
		}
		meta[i] = m.metaOf(&ts[i], uint32(len(m.logins)-1))
	}
}

// rowLogin is row i's lower-cased login.
func (m *Model) rowLogin(i int) string { return m.logins[m.meta.at(i).login] }

// rowType is a type rowMeta.typ indexes, with its typeLabels' mask.
type rowType struct {
	t    model.TokenType
	mask uint64
}

// otherType is rowMeta.typ of a type beyond the first otherType ones
// (only a server inventing thousands of types has it): the filter reads
// the token's type.
const otherType = math.MaxUint16

// typeIndex is t's index in m.types, added when new. A new type makes a
// new slice: copies of the model may share the old one.
func (m *Model) typeIndex(t model.TokenType) uint16 {
	if i := slices.IndexFunc(m.types, func(r rowType) bool { return r.t == t }); i >= 0 {
		return uint16(i)
	}
	if len(m.types) >= otherType {
		return otherType
	}
	m.types = append(slices.Clip(m.types), rowType{t, model.ByteMask(typeLabels(t))})
	return uint16(len(m.types) - 1)
}

// keyOf identifies a token: its login and name (names are unique per user).
func keyOf(t model.Token) string { return t.Login + "\x00" + t.Name }

// cmpIdx orders tokens i and j of all by the sort column, ascending, in
// one three-way comparison; ties go by cmpTie (name, then login, then
// position in all), so that the order is total: an unstable sort gives the
// same order as a stable one, and the descending order is the ascending
// one reversed.
func (m *Model) cmpIdx(i, j int) int {
	a, b := m.all.at(i), m.all.at(j)
	c := 0
	switch m.sortCol {
	case ColType:
		if a.Type != b.Type {
			c = strings.Compare(a.Type.ShortLabel(), b.Type.ShortLabel())
		}
	case ColProject:
		c = strings.Compare(m.meta.at(i).proj(), m.meta.at(j).proj())
	case ColLogin:
		c = strings.Compare(m.rowLogin(i), m.rowLogin(j))
	case ColLastUse:
		c = cmpTime(a.LastUsed, b.LastUsed, -1) // never used first
	case ColCreated:
		c = a.CreatedAt.Compare(b.CreatedAt)
	case ColExpires:
		c = cmpTime(a.ExpiresAt, b.ExpiresAt, 1) // no expiration last
	case ColRemoval:
		ra, rb := removalAt(a), removalAt(b)
		c = ra.Compare(rb)
	case ColSignedIn:
		c = cmpTime(signedIn(a), signedIn(b), -1) // never or unknown first
	case ColName:
	}
	if c != 0 {
		return c
	}
	return m.cmpTie(i, j)
}

// cmpTime compares two optional times; nilSide (-1 or 1) is where a
// missing time goes.
func cmpTime(a, b *time.Time, nilSide int) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return nilSide
	case b == nil:
		return -nilSide
	}
	return a.Compare(*b)
}

// before is the display order: cmpIdx, reversed when desc.
func (m *Model) before(i, j int) bool {
	if m.desc {
		return m.cmpIdx(j, i) < 0
	}
	return m.cmpIdx(i, j) < 0
}

// sortIdx sorts indices into all in display order. The order is total
// (cmpIdx), so the faster unstable sort is enough.
func (m *Model) sortIdx(idx []int32) {
	if m.desc {
		slices.SortFunc(idx, func(i, j int32) int { return m.cmpIdx(int(j), int(i)) })
		return
	}
	slices.SortFunc(idx, func(i, j int32) int { return m.cmpIdx(int(i), int(j)) })
}

// reverse turns the kept order around for the other direction: the order
// is total, so the descending order is exactly the ascending one reversed,
// and reversing costs one pass instead of a sort. It makes a new slice:
// copies of the model must not share it.
func (m *Model) reverse() {
	if m.order == nil || len(m.order) != m.Len() {
		return // rebuild sorts anew
	}
	rev := make([]int32, len(m.order))
	for k, i := range m.order {
		rev[len(rev)-1-k] = i
	}
	m.order = rev
}

// cmpTie is the order of rows whose sort column is equal: name
// (case-insensitive, then exact), login (the same), position in all.
func (m *Model) cmpTie(i, j int) int {
	ma, mb := m.meta.at(i), m.meta.at(j)
	if c := strings.Compare(ma.name(), mb.name()); c != 0 {
		return c
	}
	a, b := m.all.at(i), m.all.at(j)
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	if c := strings.Compare(m.logins[ma.login], m.logins[mb.login]); c != 0 {
		return c
	}
	if c := strings.Compare(a.Login, b.Login); c != 0 {
		return c
	}
	return cmp.Compare(i, j)
}

// ties returns the rows in the tie order (cmpTie) and each row's rank in
// it. They are computed once for the listed rows and kept until rows come
// or go, so that sorting by another column compares small numbers only.
// The slices are replaced, never changed in place: copies of the model
// may share them.
func (m *Model) ties() (byRank, rank []int32) {
	if m.tieRank != nil && len(m.tieRank) == m.all.len() {
		return m.tieRows, m.tieRank
	}
	byRank = make([]int32, m.all.len())
	for i := range byRank {
		byRank[i] = int32(i)
	}
	slices.SortFunc(byRank, func(i, j int32) int { return m.cmpTie(int(i), int(j)) })
	rank = make([]int32, m.all.len())
	for k, i := range byRank {
		rank[i] = int32(k)
	}
	m.tieRows, m.tieRank = byRank, rank
	return byRank, rank
}

// PrepareSorts computes the tie order of the listed rows now, so that
// the first sort by another column after rows came (a scan's end) costs
// that column's sort alone: at 200,000 rows the tie order takes about
// 40 ms, a column 11 ms.
func (m *Model) PrepareSorts() { m.ties() }

// forgetTies drops the kept tie order and sorted orders, when rows come
// or go.
func (m *Model) forgetTies() {
	m.tieRows, m.tieRank = nil, nil
	m.sorted = [numColumns][]int32{}
}

// sortKey is a row's place in a sort by one column: the column's value
// as two numbers, then the row's rank in the tie order. Sorting these
// small values in place is several times faster than comparing tokens.
type sortKey struct {
	a   int64
	b   int32
	tie int32
}

func cmpSortKey(x, y sortKey) int {
	if x.a != y.a {
		return cmp.Compare(x.a, y.a)
	}
	if x.b != y.b {
		return cmp.Compare(x.b, y.b)
	}
	return cmp.Compare(x.tie, y.tie)
}

// sortedOrder sorts every row in display order, the same order as cmpIdx
// (reversed when desc) in a fraction of the time. Each column's order is
// kept while the rows stay, so that s and S through the columns sort
// each column once: at 200,000 rows a sort costs about 11 ms (more than
// half a frame), a copy of the kept order under 1 ms.
func (m *Model) sortedOrder() []int32 {
	col := m.sortCol
	if col >= numColumns {
		col = ColName
	}
	asc := m.sorted[col]
	if len(asc) != m.all.len() {
		asc = m.sortColumn(col)
		m.sorted[col] = asc
	}
	if !m.desc && m.nDead == 0 {
		// The order is the kept one: neither is changed in place.
		return asc
	}
	order := make([]int32, 0, len(asc)-m.nDead) // the dead rows (RemoveTokens) aside
	for k := range asc {
		if m.desc {
			k = len(asc) - 1 - k
		}
		if i := asc[k]; !m.isDead(int(i)) {
			order = append(order, i)
		}
	}
	return order
}

// sortColumn sorts every row by col, ascending (cmpIdx).
func (m *Model) sortColumn(col Column) []int32 {
	byRank, rank := m.ties()
	if col == ColName {
		return byRank // the tie order; neither is changed in place
	}
	asc := make([]int32, m.all.len())
	keys := make([]sortKey, m.all.len())
	m.fillKeys(col, keys)
	for i := range keys {
		keys[i].tie = rank[i]
	}
	if packed, ok := pack(keys); ok {
		radixSort(packed)
		for k, p := range packed {
			asc[k] = int32(byRank[uint32(p)])
		}
	} else {
		slices.SortFunc(keys, cmpSortKey)
		for k, key := range keys {
			asc[k] = int32(byRank[key.tie])
		}
	}
	return asc
}

// pack turns the keys into single numbers that sort in the same order,
// when the values fit: the column's value above, the tie rank below. It
// is the common case (ranks of strings, times to the second within 136
// years), and a radix sort of numbers is several times faster than a
// comparison sort of keys.
func pack(keys []sortKey) ([]uint64, bool) {
	if len(keys) == 0 {
		return nil, false
	}
	lo, hi := keys[0].a, keys[0].a
	for _, k := range keys {
		if k.b != 0 {
			return nil, false
		}
		lo, hi = min(lo, k.a), max(hi, k.a)
	}
	if hi-lo < 0 || hi-lo > math.MaxUint32 { // hi-lo < 0: it overflowed
		return nil, false
	}
	out := make([]uint64, len(keys))
	for i, k := range keys {
		out[i] = uint64(k.a-lo)<<32 | uint64(uint32(k.tie))
	}
	return out, true
}

// fillKeys sets each row's column value (a and b) for the sort column,
// ordered as cmpIdx orders the column.
func (m *Model) fillKeys(col Column, keys []sortKey) {
	switch col {
	case ColType:
		stringRanks(keys, func(i int) string { return m.all.at(i).Type.ShortLabel() })
	case ColProject:
		stringRanks(keys, func(i int) string { return m.meta.at(i).proj() })
	case ColLogin:
		stringRanks(keys, func(i int) string { return m.rowLogin(i) })
	case ColLastUse:
		timeKeys(keys, func(i int) *time.Time { return m.all.at(i).LastUsed }, true) // never used first
	case ColCreated:
		timeKeys(keys, func(i int) *time.Time { return &m.all.at(i).CreatedAt }, false)
	case ColExpires:
		timeKeys(keys, func(i int) *time.Time { return m.all.at(i).ExpiresAt }, false) // no expiration last
	case ColRemoval:
		timeKeys(keys, func(i int) *time.Time { at := removalAt(m.all.at(i)); return &at }, false)
	case ColSignedIn:
		timeKeys(keys, func(i int) *time.Time { return signedIn(m.all.at(i)) }, true) // never or unknown first
	case ColName, numColumns:
	}
}

// timeKeys sets each key to its row's time in seconds and nanoseconds; a
// missing time sorts just before the earliest (nilFirst) or just after
// the latest, so that the values stay close enough to pack.
func timeKeys(keys []sortKey, value func(i int) *time.Time, nilFirst bool) {
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	missing := false
	for i := range keys {
		t := value(i)
		if t == nil {
			missing = true
			continue
		}
		keys[i].a, keys[i].b = t.Unix(), int32(t.Nanosecond())
		lo, hi = min(lo, keys[i].a), max(hi, keys[i].a)
	}
	if !missing {
		return
	}
	sentinel := hi + 1
	switch {
	case lo > hi: // no row has the time
		sentinel = 0
	case nilFirst:
		sentinel = lo - 1
	}
	for i := range keys {
		if value(i) == nil {
			keys[i].a, keys[i].b = sentinel, 0
		}
	}
}

// radixSort sorts the numbers a byte at a time, skipping the bytes that
// are the same in every number.
func radixSort(a []uint64) {
	if len(a) < 256 {
		slices.Sort(a)
		return
	}
	buf := make([]uint64, len(a))
	src, dst := a, buf
	for shift := uint(0); shift < 64; shift += 8 {
		var count [256]int
		for _, v := range src {
			count[byte(v>>shift)]++
		}
		if count[byte(src[0]>>shift)] == len(src) {
			continue
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for _, v := range src {
			d := byte(v >> shift)
			dst[count[d]] = v
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

// stringRanks sets each key's a to the rank of its row's value among the
// distinct values, so that numbers compare as the strings do.
func stringRanks(keys []sortKey, value func(i int) string) {
	ids := map[string]int64{}
	var distinct []string
	for i := range keys {
		v := value(i)
		id, ok := ids[v]
		if !ok {
			id = int64(len(distinct))
			ids[v] = id
			distinct = append(distinct, v)
		}
		keys[i].a = id
	}
	sorted := slices.Clone(distinct)
	slices.Sort(sorted)
	rankOf := make([]int64, len(distinct))
	for r, v := range sorted {
		rankOf[ids[v]] = int64(r)
	}
	for i := range keys {
		keys[i].a = rankOf[keys[i].a]
	}
}

// merge merges two sorted index lists into a new one.
func (m *Model) merge(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if m.before(int(b[j]), int(a[i])) {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// removalAt is when SonarQube Cloud removes t if nobody uses it: the
// instant, which does not depend on now.
func removalAt(t *model.Token) time.Time {
	at, _ := t.CloudRemoval(t.CreatedAt)
	return at
}

// signedIn is when t's owner last signed in; nil when never or unknown.
func signedIn(t *model.Token) *time.Time {
	if t.Owner == nil {
		return nil
	}
	return t.Owner.LastSignIn
}

func projectLabel(t model.Token) string {
	if t.ProjectName != "" {
		return t.ProjectName
	}
	return t.ProjectKey
}

// selectedKey is the key of the token under the cursor, or "".
func (m *Model) selectedKey() string {
	if t, ok := m.Selected(); ok {
		return keyOf(t)
	}
	return ""
}

// rebuild recomputes the shown rows, keeping the cursor on the token with
// key sel ("" for none), for callers that replaced the rows; see rebuildAt.
func (m *Model) rebuild(sel string) {
	at := -1
	if sel != "" {
		// Compared by parts: building every row's key would cost one
		// string per row.
		login, name, _ := strings.Cut(sel, "\x00")
		for i := range m.all.len() {
			if t := m.all.at(i); t.Login == login && t.Name == name && !m.isDead(i) {
				at = i
				break
			}
		}
	}
	m.rebuildAt(at)
}

// selectedIndex is the index in all of the token under the cursor, or -1.
func (m *Model) selectedIndex() int {
	if m.cursor < 0 || m.cursor >= len(m.view) {
		return -1
	}
	return int(m.view[m.cursor])
}

// rebuildAt recomputes the shown rows, keeping the cursor on row sel of
// all (-1 for none). The sorted order is kept between calls and recomputed only when
// it was reset (new tokens, another sort), so a filter keystroke costs at
// most one pass over the rows the shorter query kept (filter.go), not a
// sort. It runs when something changes, never per frame.
func (m *Model) rebuildAt(sel int) {
	if m.order == nil || len(m.order) != m.Len() {
		m.order = m.sortedOrder() // shared, never changed in place
	}
	e := m.typedEntry()
	m.near = e != nil && e.near
	m.matched = nil
	switch {
	case m.match == nil && e == nil:
		m.view = m.order // shared, never changed in place
	case m.match == nil:
		m.view = e.rows
	default:
		// The rows are matched in the order they lie in memory, then put
		// in display order: matching in display order missed the cache
		// on every row.
		var typed []uint64
		if e != nil {
			typed = e.set
		}
		m.matched = m.search(typed, func(i int) bool { return m.match(m.all.at(i), m.facts.at(i)) })
		m.view = m.narrowed(e, m.matched)
	}
	m.cursor = 0
	if sel >= 0 {
		if i := slices.Index(m.view, int32(sel)); i >= 0 {
			m.cursor = i
		}
	}
	m.clamp()
}
