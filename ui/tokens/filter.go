package tokens

import (
	mbits "math/bits"
	"slices"
	"strings"

	"github.com/sonartoken/sonartoken/model"
)

// The typed filter. A row matches when its name, project, type or (in the
// review) login contains the query. When no row does, the filter shows
// the close matches instead, and says so: the rows whose name, project or
// login holds the query with one typo (a letter wrong, missing or extra,
// or two swapped: model.Matcher.Typo), for a query of 4 letters or more:
// "brain" finds brian.torvalds. Letters in order (the user picker's third
// kind) would match too much here: "brain" is in order in
// "barbara.gosling". The rows keep the table's sort: exact matches are
// never mixed with close ones, so there is nothing to rank.
//
// A keystroke must stay within a frame on 200,000 rows, so the filter
// narrows: the rows matching a query are kept, and a longer query that
// contains it searches those rows only; erasing finds the shorter query's
// rows kept. Close matches narrow the same way (a row within one typo of
// a query is within one typo of any part of it). What is kept is a set
// of rows, whatever their order: a sort or a reverse keeps it (the sets
// are only put in the new order), and rows coming or going drop it
// (Model.rowsGen).

// typedEntry is the rows one query keeps.
type typedEntry struct {
	query string
	set   []uint64 // the rows, as bits over all
	// near says rows are close matches: no row contains the query.
	near bool
	rows []int32 // set in the order of typedCache.order; nil until asked
}

// typedCache is what the filter kept for the current rows: the entries
// of the queries typed on the way to the current one.
type typedCache struct {
	gen     uint64  // the Model.rowsGen the sets are of
	order   []int32 // the order the entries' rows follow
	entries []typedEntry
}

// maxTyped bounds the kept entries.
const maxTyped = 32

// sameOrder reports whether a and b are the same slice (not only equal):
// order is replaced, never changed in place.
func sameOrder(a, b []int32) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// typedEntry returns the typed filter's entry for the current query, its
// rows in display order, and keeps it for the next keystroke; nil when
// there is no query. Its rows are shared: never change them.
func (m *Model) typedEntry() *typedEntry {
	if m.query == "" {
		return nil
	}
	c := &m.typed
	if c.gen != m.rowsGen {
		*c = typedCache{gen: m.rowsGen}
	}
	if !sameOrder(c.order, m.order) {
		// Copies of the model share the entries: each array of them
		// belongs to one order, and rows are only filled in for it.
		c.order, c.entries = m.order, slices.Clone(c.entries)
		for i := range c.entries {
			c.entries[i].rows = nil
		}
	}
	q := m.query
	var exactFrom, nearFrom *typedEntry
	for i := range c.entries {
		e := &c.entries[i]
		if e.query == q {
			if e.rows == nil {
				e.rows = m.inOrder(e.set)
			}
			return e
		}
		if !strings.Contains(q, e.query) {
			continue
		}
		// The longest query that q contains narrows the most.
		if !e.near && (exactFrom == nil || len(e.query) > len(exactFrom.query)) {
			exactFrom = e
		}
		if e.near && (nearFrom == nil || len(e.query) > len(nearFrom.query)) {
			nearFrom = e
		}
	}
	mt := model.NewMatcher(q)
	e := typedEntry{query: q}
	if nearFrom == nil { // with nearFrom, no row contains a part of q
		var from []uint64
		if exactFrom != nil {
			from = exactFrom.set
		}
		// A row whose bytes lack one of the query's cannot contain it;
		// a query of one letter or digit is in the row exactly when its
		// bit is (ByteMask gives each its own bit).
		qm := model.ByteMask(q)
		oneBit := len(q) == 1 && (q[0] >= 'a' && q[0] <= 'z' || q[0] >= '0' && q[0] <= '9')
		inType := m.typeMatches(mt)
		near := nearSearch{m: m, mt: mt}
		e.set = m.search(from, func(i int) bool {
			r := m.meta.at(i)
			return m.hayMask(i, r)&qm == qm && (oneBit || inType(i, r) || near.row(r))
		})
		e.rows = m.narrowed(exactFrom, e.set)
	}
	if len(e.rows) == 0 && mt.Typos() {
		var from []uint64
		if nearFrom != nil {
			from = nearFrom.set
		}
		e.near = true
		near := nearSearch{m: m, mt: mt, typo: true}
		e.set = m.search(from, func(i int) bool {
			r := m.meta.at(i)
			return mt.MayHaveTypo(r.nearMask) && near.row(r)
		})
		e.rows = m.narrowed(nearFrom, e.set)
	}
	if e.set == nil { // no row holds a part of q, and q has no close matches
		e.set, e.rows = make([]uint64, (m.all.len()+63)/64), []int32{}
	}
	// Keep the entries of the parts of q (erasing comes back to them).
	kept := make([]typedEntry, 0, min(len(c.entries)+1, maxTyped))
	for _, o := range c.entries {
		if strings.Contains(q, o.query) && len(kept) < maxTyped-1 {
			kept = append(kept, o)
		}
	}
	c.entries = append(kept, e)
	return &c.entries[len(c.entries)-1]
}

// search returns, as a set, the live rows of in (nil for every row) that
// pass. The rows are read in the order they lie in memory: in display
// order every row read missed the cache (a filter character took 25 to
// 40 ms on 200,000 rows of a real scan, against 10 to 15 in the order of
// the rows).
func (m *Model) search(in []uint64, pass func(i int) bool) []uint64 {
	n := m.all.len()
	out := make([]uint64, (n+63)/64)
	for w := range out {
		bits := ^uint64(0)
		if in != nil {
			bits = in[w]
		}
		if w < len(m.dead) {
			bits &^= m.dead[w]
		}
		if rest := n - w<<6; rest < 64 {
			bits &= 1<<rest - 1
		}
		if bits == ^uint64(0) { // every row of the word: no bit to find
			var word uint64
			for b := range 64 {
				if pass(w<<6 + b) {
					word |= 1 << b
				}
			}
			out[w] = word
			continue
		}
		for bits != 0 {
			b := mbits.TrailingZeros64(bits)
			bits &= bits - 1
			if pass(w<<6 + b) {
				out[w] |= 1 << b
			}
		}
	}
	return out
}

// inOrder returns the rows of set in display order.
func (m *Model) inOrder(set []uint64) []int32 { return keepIn(m.order, set) }

// keepIn returns the rows of from (in display order) that are in set:
// from itself when all are, so that a query every row matches costs no
// copy.
func keepIn(from []int32, set []uint64) []int32 {
	in := func(i int32) bool { return set[i>>6]&(1<<(i&63)) != 0 }
	for k, i := range from {
		if in(i) {
			continue
		}
		// Made to size (the rows of set are rows of from): appending grew
		// it a dozen times at 50,000 rows.
		n := 0
		for _, w := range set {
			n += mbits.OnesCount64(w)
		}
		out := make([]int32, k, max(k, min(n, len(from))))
		copy(out, from[:k])
		for _, j := range from[k+1:] {
			if in(j) {
				out = append(out, j)
			}
		}
		return out
	}
	return from
}

// narrowed returns the rows of set in display order, from those of the
// entry it was searched from (nil for every row): a filter character
// reads the rows the shorter query kept, not every row.
func (m *Model) narrowed(from *typedEntry, set []uint64) []int32 {
	if from != nil && from.rows != nil {
		return keepIn(from.rows, set)
	}
	return m.inOrder(set)
}

// typeMatches returns whether a row's type labels (typeLabels) hold the
// query, answered once per type. The filter searches nearText and the
// labels apart: a query without a model.FieldSep is in nearText, the
// separator and the labels joined exactly when it is in one of them; a
// query with one is searched in them joined.
func (m *Model) typeMatches(mt *model.Matcher) func(i int, r *rowMeta) bool {
	if q := m.query; strings.Contains(q, model.FieldSep) {
		return func(i int, r *rowMeta) bool {
			return mt.Exact(m.nearText(r) + typeLabels(m.all.at(i).Type))
		}
	}
	known := make([]bool, len(m.types))
	for k, t := range m.types {
		known[k] = mt.Exact(typeLabels(t.t))
	}
	return func(i int, r *rowMeta) bool {
		if int(r.typ) < len(known) {
			return known[r.typ]
		}
		return mt.Exact(typeLabels(m.all.at(i).Type))
	}
}

// Near reports whether the typed filter shows close matches: no token
// contains the query.
func (m Model) Near() bool { return m.near }

// RowsKey identifies the rows the typed filter keeps (TypedKey): equal
// keys, while the rows stay, are the same rows, in whatever order.
type RowsKey struct {
	gen uint64
	set *uint64
}

// TypedKey identifies the rows the typed filter keeps, so that a caller
// counting them (the review's chart) can keep its count for a query that
// keeps the same rows, or for one typed again, across sorts.
func (m *Model) TypedKey() RowsKey {
	e := m.typedEntry()
	if e == nil || len(e.set) == 0 {
		return RowsKey{gen: m.rowsGen}
	}
	return RowsKey{gen: m.rowsGen, set: &e.set[0]}
}
