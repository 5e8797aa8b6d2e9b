package model

import "time"

// A review filters and counts 200,000 rows on a key: ReviewFilter.Match
// and Token.BucketOf read times through time.Time's methods and convert
// the expiry to its day on every call, which costs tens of milliseconds
// a key. Facts are a token's dates read once, as numbers, when it is
// listed; a Matcher, made once a key from the filter and now, compares
// them in a few integer operations. The answers are those of Match and
// BucketOf: a date outside factsFrom–factsTo (or a now outside it), where
// nanoseconds since 1970 could overflow a difference, takes their path.

// Facts are what a ReviewFilter and the expiry chart read of a token, as
// numbers: FactsOf computes them once per token.
// They take 24 bytes, so that a pass over 200,000 rows reads 4.8 MB.
type Facts struct {
	expires   int64 // Unix nanoseconds; 0 when absent
	last      int64 // the last use, or the creation when never used, Unix nanoseconds
	expiryDay int32 // ExpiryDate(expires), days since 1970-01-01
	flags     uint8
}

const (
	factHasExpiry uint8 = 1 << iota
	factHasUse
	factExpired // the server said so
	factSlow    // a date out of range: match with the token's methods
	factUser
	factGlobal
	factProject
)

// The range of dates Facts hold as numbers: any two of them are less
// than 292 years apart, so their difference in nanoseconds fits.
var (
	factsFrom = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	factsTo   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

func inFactsRange(t time.Time) bool { return !t.Before(factsFrom) && t.Before(factsTo) }

// FactsOf reads t's dates and type as numbers.
func FactsOf(t *Token) Facts {
	var f Facts
	if t.Expired {
		f.flags |= factExpired
	}
	switch t.Type {
	case TypeUser:
		f.flags |= factUser
	case TypeGlobal:
		f.flags |= factGlobal
	case TypeProject:
		f.flags |= factProject
	}
	if !inFactsRange(t.CreatedAt) {
		f.flags |= factSlow
	}
	f.last = t.CreatedAt.UnixNano()
	if t.LastUsed != nil {
		f.flags |= factHasUse
		if !inFactsRange(*t.LastUsed) {
			f.flags |= factSlow
		}
		f.last = t.LastUsed.UnixNano()
	}
	if t.ExpiresAt != nil {
		f.flags |= factHasExpiry
		if !inFactsRange(*t.ExpiresAt) {
			f.flags |= factSlow
		}
		f.expires = t.ExpiresAt.UnixNano()
		f.expiryDay = int32(ExpiryDate(*t.ExpiresAt).Unix() / 86400) // in range: within 1900-2100
	}
	return f
}

// FilterMatcher is a ReviewFilter at one instant, for many tokens.
type FilterMatcher struct {
	f        ReviewFilter
	now      time.Time
	slow     bool // now is out of the Facts' range
	nowNs    int64
	firstDay int64 // firstDay(now), days since 1970
	within   int64 // the expiring window of Statuses, ns
	unused   int64
	typ      uint8 // the flag of f.Type; 0 for another type
	statuses [4]bool
}

// At prepares the filter for matching at now (Match, Bucket).
func (f ReviewFilter) At(now time.Time) *FilterMatcher {
	m := &FilterMatcher{f: f, now: now, slow: !inFactsRange(now), nowNs: now.UnixNano(),
		firstDay: firstDay(now).Unix() / 86400, unused: int64(f.UnusedFor)}
	m.within = int64(f.ExpiringWithin)
	if m.within <= 0 {
		m.within = int64(DefaultExpiringWithin)
	}
	switch f.Type {
	case TypeUser:
		m.typ = factUser
	case TypeGlobal:
		m.typ = factGlobal
	case TypeProject:
		m.typ = factProject
	}
	for _, s := range f.Statuses {
		if s >= 0 && int(s) < len(m.statuses) {
			m.statuses[s] = true
		}
	}
	return m
}

// Match reports what m's filter's Match reports of t at m's instant; x is
// FactsOf(t).
func (m *FilterMatcher) Match(t *Token, x *Facts) bool {
	if m.slow || x.flags&factSlow != 0 {
		return m.f.Match(*t, m.now)
	}
	f := &m.f
	if f.Login != "" && t.Login != f.Login {
		return false
	}
	if f.Type != TypeUnknown && (m.typ == 0 || x.flags&m.typ == 0) && t.Type != f.Type {
		return false
	}
	if f.NeverUsed && x.flags&factHasUse != 0 {
		return false
	}
	if m.unused > 0 && !m.unusedFor(x) {
		return false
	}
	if f.Bucket != BucketNone && m.bucket(x) != f.Bucket {
		return false
	}
	if f.OwnerInactiveFor > 0 {
		if inactive, _ := t.OwnerInactiveFor(m.now, f.OwnerInactiveFor); !inactive {
			return false
		}
	}
	if len(f.Statuses) > 0 && !m.statuses[m.status(x)] {
		return false
	}
	return true
}

// unusedFor is Token.UnusedFor(now, f.UnusedFor).
func (m *FilterMatcher) unusedFor(x *Facts) bool {
	return m.nowNs-x.last > m.unused
}

// expiredAt is Token.IsExpiredAt(now).
func (m *FilterMatcher) expiredAt(x *Facts) bool {
	return x.flags&factExpired != 0 || (x.flags&factHasExpiry != 0 && x.expires < m.nowNs)
}

// status is Token.StatusAt(now, within).
func (m *FilterMatcher) status(x *Facts) Status {
	switch {
	case m.expiredAt(x):
		return StatusExpired
	case x.flags&factHasExpiry == 0:
		return StatusNoExpiration
	case x.expires-m.nowNs <= m.within:
		return StatusExpiring
	}
	return StatusActive
}

// bucket is Token.BucketOf(now).
func (m *FilterMatcher) bucket(x *Facts) Bucket {
	switch {
	case m.expiredAt(x):
		return BucketExpired
	case x.flags&factHasExpiry == 0:
		return BucketNoExpiration
	}
	days := max(0, int64(x.expiryDay)-m.firstDay)
	if w := days / 7; w < ChartWeeks {
		return BucketWeek(int(w))
	}
	return BucketLater
}

// Bucket is t.BucketOf at m's instant; x is FactsOf(t).
func (m *FilterMatcher) Bucket(t *Token, x *Facts) Bucket {
	if m.slow || x.flags&factSlow != 0 {
		return t.BucketOf(m.now)
	}
	return m.bucket(x)
}

// ChartCounter counts tokens into an ExpiryChart at one instant, as
// ExpiryChart.Add does, from their Facts.
type ChartCounter struct {
	m      *FilterMatcher
	counts []int
	known  [3]int // user, global, project
	other  map[TokenType]int
	total  int
}

// NewChartCounter counts at now.
func NewChartCounter(now time.Time) *ChartCounter {
	return &ChartCounter{m: ReviewFilter{}.At(now), counts: make([]int, len(Buckets())), other: map[TokenType]int{}}
}

// Add counts t; x is FactsOf(t).
func (c *ChartCounter) Add(t *Token, x *Facts) {
	c.counts[int(c.m.Bucket(t, x))-int(BucketExpired)]++
	switch {
	case x.flags&factUser != 0:
		c.known[0]++
	case x.flags&factGlobal != 0:
		c.known[1]++
	case x.flags&factProject != 0:
		c.known[2]++
	default:
		c.other[t.Type]++
	}
	c.total++
}

// AddRows counts ts[i] (xs[i] its Facts) for every i set in the bit set
// in (every i when in is nil) that keep matches (every one when keep is
// nil): Add in one loop, without a call a row.
func (c *ChartCounter) AddRows(ts []Token, xs []Facts, in []uint64, keep *FilterMatcher) {
	fast := !c.m.slow
	for i := 0; i < len(xs); i++ {
		if in != nil && in[i>>6]&(1<<(i&63)) == 0 {
			if in[i>>6]>>(i&63) == 0 { // no row left in this word
				i |= 63
			}
			continue
		}
		x := &xs[i]
		if keep != nil && !keep.Match(&ts[i], x) {
			continue
		}
		if !fast || x.flags&factSlow != 0 || x.flags&(factUser|factGlobal|factProject) == 0 {
			c.Add(&ts[i], x)
			continue
		}
		c.counts[int(c.m.bucket(x))-int(BucketExpired)]++
		switch {
		case x.flags&factUser != 0:
			c.known[0]++
		case x.flags&factGlobal != 0:
			c.known[1]++
		default:
			c.known[2]++
		}
		c.total++
	}
}

// Chart returns the counts as an ExpiryChart.
func (c *ChartCounter) Chart() ExpiryChart {
	ch := ExpiryChart{Counts: c.counts, ByType: c.other, Total: c.total}
	for i, typ := range []TokenType{TypeUser, TypeGlobal, TypeProject} {
		if c.known[i] > 0 {
			ch.ByType[typ] = c.known[i]
		}
	}
	return ch
}
