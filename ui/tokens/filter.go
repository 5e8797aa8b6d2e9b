package tokens

import (
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
// a query is within one typo of any part of it). What is kept is dropped
// when the order changes (rows come or go, another sort).

// typedEntry is the rows, in display order, that one query keeps.
type typedEntry struct {
	query string
	rows  []int32 // indices into all, in the order of order
	// near says rows are close matches: no row contains the query.
	near bool
}

// typedCache is what the filter kept for the current order: the entries
// of the queries typed on the way to the current one.
type typedCache struct {
	order   []int32 // the order the entries were computed from
	entries []typedEntry
}

// maxTyped bounds the kept entries.
const maxTyped = 32

// sameOrder reports whether a and b are the same slice (not only equal):
// order is replaced, never changed in place.
func sameOrder(a, b []int32) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// typedRows returns the rows of order that pass the typed filter, in
// display order, and whether they are close matches; it keeps the result
// for the next keystroke. The returned slice is shared: never change it.
func (m *Model) typedRows() (rows []int32, near bool) {
	if m.query == "" {
		return m.order, false
	}
	c := &m.typed
	if !sameOrder(c.order, m.order) {
		*c = typedCache{order: m.order}
	}
	q := m.query
	var exactFrom, nearFrom *typedEntry
	for i := range c.entries {
		e := &c.entries[i]
		if e.query == q {
			return e.rows, e.near
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
		from := m.order
		if exactFrom != nil {
			from = exactFrom.rows
		}
		// A row whose bytes lack one of the query's cannot contain it;
		// a query of one letter or digit is in the row exactly when its
		// bit is (ByteMask gives each its own bit).
		qm := model.ByteMask(q)
		oneBit := len(q) == 1 && (q[0] >= 'a' && q[0] <= 'z' || q[0] >= '0' && q[0] <= '9')
		inType := m.typeMatches(mt)
		near := nearSearch{m: m, mt: mt}
		e.rows = m.keepInMemoryOrder(from, func(i int) bool {
			r := m.meta.at(i)
			return m.hayMask(i, r)&qm == qm && (oneBit || inType(i, r) || near.row(r))
		})
	}
	if len(e.rows) == 0 && mt.Typos() {
		from := m.order
		if nearFrom != nil {
			from = nearFrom.rows
		}
		e.near = true
		near := nearSearch{m: m, mt: mt, typo: true}
		e.rows = m.keepInMemoryOrder(from, func(i int) bool {
			r := m.meta.at(i)
			return mt.MayHaveTypo(r.nearMask) && near.row(r)
		})
	}
	// Keep the entries of the parts of q (erasing comes back to them).
	kept := make([]typedEntry, 0, min(len(c.entries)+1, maxTyped))
	for _, o := range c.entries {
		if strings.Contains(q, o.query) && len(kept) < maxTyped-1 {
			kept = append(kept, o)
		}
	}
	c.entries = append(kept, e)
	return e.rows, e.near
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

// keep returns the rows of from that pass; from itself when all do, so
// that a query every row matches costs no copy.
func (m *Model) keep(from []int32, pass func(i int) bool) []int32 {
	for k, i := range from {
		if pass(int(i)) {
			continue
		}
		out := make([]int32, k, k+64)
		copy(out, from[:k])
		for _, j := range from[k+1:] {
			if pass(int(j)) {
				out = append(out, j)
			}
		}
		return out
	}
	return from
}

// keepInMemoryOrder is keep, with pass called on the rows in the order
// they lie in memory rather than in display order, when from holds many
// of them: in display order every row read missed the cache (a filter
// character took 25 to 40 ms on 200,000 rows of a real scan, against 10
// to 15 in the order of the rows).
func (m *Model) keepInMemoryOrder(from []int32, pass func(i int) bool) []int32 {
	n := m.all.len()
	if len(from) < n/8 {
		return m.keep(from, pass)
	}
	var in []uint64
	if len(from) != n { // else every row is in from
		in = rowSet(from, n)
	}
	ok := make([]uint64, (n+63)/64)
	for i := range n {
		if (in == nil || in[i>>6]&(1<<(i&63)) != 0) && pass(i) {
			ok[i>>6] |= 1 << (i & 63)
		}
	}
	return m.keep(from, func(i int) bool { return ok[i>>6]&(1<<(i&63)) != 0 })
}

// Near reports whether the typed filter shows close matches: no token
// contains the query.
func (m Model) Near() bool { return m.near }

// RowsKey identifies the rows the typed filter keeps (TypedKey): equal
// keys, while the rows and their order stay, are the same rows.
type RowsKey struct {
	first *int32
	n     int
}

// TypedKey identifies the rows the typed filter keeps, so that a caller
// counting them (the review's chart) can keep its count for a query that
// keeps the same rows, or for one typed again.
func (m *Model) TypedKey() RowsKey {
	rows, _ := m.typedRows()
	if len(rows) == 0 {
		return RowsKey{}
	}
	return RowsKey{first: &rows[0], n: len(rows)}
}
