package model

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// Matching is exact, with one typo ("brain" finds "brian"), or by letters in order.
// No library finds a typo inside a longer text, hence Wu-Manber's bit-parallel shift-and with Hyyrö's transpositions.

// MatchKind is how a query matches a text; a lower kind is a better match.
type MatchKind uint8

// The kinds of match, best first.
const (
	// MatchExact: the text contains the query.
	MatchExact MatchKind = iota + 1
	// MatchTypo: within one edit; only for TypoMinRunes or more, as one edit
	// in a shorter query matches nearly anything.
	MatchTypo
	// MatchLetters: one field holds the query's letters in order.
	MatchLetters
	// NoMatch: none of the above.
	NoMatch
)

// The shortest queries matched fuzzily.
const (
	FuzzyMinRunes = 3
	TypoMinRunes  = 4
)

// FieldSep separates a text's fields; fuzzy matches stay within one.
const FieldSep = "\x00"

// Matcher matches one query against many texts as given; read-only, so goroutines may share it.
type Matcher struct {
	q       string
	fuzzy   bool // letters in order are tried
	typos   bool // typos are tried (the query fits a machine word)
	peq     [256]uint64
	accept  uint64
	letters []byte // the query's bytes, for the in-order test
	mask    uint64 // ByteMask of the query
}

// NewMatcher prepares query, trimmed of surrounding spaces.
func NewMatcher(query string) *Matcher {
	q := strings.TrimSpace(query)
	n := utf8.RuneCountInString(q)
	m := &Matcher{q: q, fuzzy: n >= FuzzyMinRunes && !strings.Contains(q, FieldSep)}
	m.typos = m.fuzzy && n >= TypoMinRunes && len(q) <= 64
	if m.typos {
		for i := 0; i < len(q); i++ {
			m.peq[q[i]] |= 1 << i
		}
		m.accept = 1 << (len(q) - 1)
	}
	m.letters = []byte(q)
	m.mask = ByteMask(q)
	return m
}

// ByteMask summarises a text's bytes for MayHaveTypo, one bit per letter or digit.
func ByteMask(text string) uint64 {
	var mask uint64
	for i := 0; i < len(text); i++ {
		mask |= 1 << byteBit(text[i])
	}
	return mask
}

func byteBit(c byte) uint {
	switch {
	case c >= 'a' && c <= 'z':
		return uint(c - 'a')
	case c >= '0' && c <= '9':
		return 26 + uint(c-'0')
	}
	return 36 + uint(c)%28
}

// MayHaveTypo is a cheap pre-check: a typo leaves out at most one of the query's bytes.
func (m *Matcher) MayHaveTypo(mask uint64) bool {
	return m.typos && bits.OnesCount64(m.mask&^mask) <= 1
}

// Empty reports whether the query is empty: it matches every text exactly.
func (m *Matcher) Empty() bool { return m.q == "" }

// Typos reports whether the query is long enough to match with a typo.
func (m *Matcher) Typos() bool { return m.typos }

// Exact reports whether text contains the query.
func (m *Matcher) Exact(text string) bool { return strings.Contains(text, m.q) }

// Match returns how the query matches text.
func (m *Matcher) Match(text string) MatchKind {
	switch {
	case m.Exact(text):
		return MatchExact
	case !m.fuzzy:
		return NoMatch
	case m.Typo(text):
		return MatchTypo
	case m.inOrder(text):
		return MatchLetters
	}
	return NoMatch
}

// Typo reports whether a field holds the query within one typo; long lists
// filter by it, as letters in order match too much of a long field.
func (m *Matcher) Typo(text string) bool { return m.typos && m.typo(text) }

// typo is an optimal string alignment search: bit i of d0 says the query's
// first i+1 bytes end here exactly, of d1 within one edit; p0 is d0 a byte back.
func (m *Matcher) typo(text string) bool {
	var d0, p0, eqPrev uint64
	d1 := uint64(1) // the query's first byte left out
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == 0 { // FieldSep: the next field starts afresh
			d0, p0, d1, eqPrev = 0, 0, 1, 0
			continue
		}
		eq := m.peq[c]
		n0 := ((d0 << 1) | 1) & eq
		n1 := ((d1<<1)|1)&eq | // a match after one edit
			(d0<<1 | 1) | // c in place of a query byte
			d0 | // c extra
			(n0<<1 | 1) | // a query byte missing
			((((p0<<1)|1)&eq)<<1)&eqPrev // the previous byte and c swapped
		if n1&m.accept != 0 {
			return true
		}
		p0, d0, d1, eqPrev = d0, n0, n1, eq
	}
	return false
}

// inOrder reports whether a field holds the query's bytes in order.
func (m *Matcher) inOrder(text string) bool {
	q := m.letters
	k := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == 0:
			k = 0
		case c == q[k]:
			k++
			if k == len(q) {
				return true
			}
		}
	}
	return false
}

// Nearest returns up to n names nearest to name for "did you mean", ignoring case.
func Nearest(name string, names []string, n int) []string {
	want := strings.ToLower(strings.TrimSpace(name))
	if want == "" || n <= 0 {
		return nil
	}
	limit := max(2, utf8.RuneCountInString(want)/4)
	m := NewMatcher(want)
	type near struct {
		name string
		d    int
	}
	var found []near
	for _, c := range names {
		lc := strings.ToLower(c)
		if lc == want && c == name {
			continue
		}
		d := Distance(want, lc)
		if d > limit {
			switch k := m.Match(lc); {
			case k == MatchExact, k == MatchTypo,
				utf8.RuneCountInString(lc) >= FuzzyMinRunes && strings.Contains(want, lc):
				d = limit + 1 + utf8.RuneCountInString(lc) // after the close ones, shorter first
			default:
				continue
			}
		}
		found = append(found, near{c, d})
	}
	slices.SortStableFunc(found, func(a, b near) int {
		return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)), strings.Compare(a.name, b.name))
	})
	out := make([]string, 0, min(n, len(found)))
	for _, f := range found[:min(n, len(found))] {
		out = append(out, f.name)
	}
	return out
}

// Distance is the optimal string alignment distance between a and b, by runes.
func Distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	// Three rows of the table: two back, one back, this one.
	pp := make([]int, len(y)+1)
	p := make([]int, len(y)+1)
	c := make([]int, len(y)+1)
	for j := range p {
		p[j] = j
	}
	for i := 1; i <= len(x); i++ {
		c[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			c[j] = min(p[j]+1, c[j-1]+1, p[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				c[j] = min(c[j], pp[j-2]+1)
			}
		}
		pp, p, c = p, c, pp
	}
	return p[len(y)]
}
