package model

import "time"

// ChartWeeks is how many coming weeks the expiry chart shows, one bar each.
const ChartWeeks = 12

// Bucket is one bar of the expiry chart; the zero value keeps every token in a ReviewFilter.
type Bucket int

// The buckets in the chart's order; the weeks lie between BucketExpired and BucketLater.
const (
	BucketNone         Bucket = iota
	BucketExpired                                              // expired at now
	BucketLater        Bucket = BucketExpired + ChartWeeks + 1 // expires after the last week
	BucketNoExpiration Bucket = BucketLater + 1                // never expires
)

// Buckets lists every bucket in the chart's order, left to right.
func Buckets() []Bucket {
	bs := make([]Bucket, 0, ChartWeeks+3)
	bs = append(bs, BucketExpired)
	for i := 0; i < ChartWeeks; i++ {
		bs = append(bs, BucketWeek(i))
	}
	return append(bs, BucketLater, BucketNoExpiration)
}

// BucketWeek is week i's bucket (0 holds the first 7 expiry days to come).
func BucketWeek(i int) Bucket { return BucketExpired + 1 + Bucket(i) }

// Week returns the bucket's week index, or false when it is not a week.
func (b Bucket) Week() (int, bool) {
	if b > BucketExpired && b < BucketLater {
		return int(b - BucketExpired - 1), true
	}
	return 0, false
}

// Weeks count expiry days from the day after now's UTC date (a token expires at
// its day's start), half-open so their labels never share a day.

// firstDay is the first expiry day of week 0 at now (midnight UTC).
func firstDay(now time.Time) time.Time { return DateOf(now).AddDate(0, 0, 1) }

// Range returns a week bucket's expiry days [from, to) as midnight UTC.
func (b Bucket) Range(now time.Time) (from, to time.Time, ok bool) {
	w, ok := b.Week()
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	first := firstDay(now)
	return first.AddDate(0, 0, 7*w), first.AddDate(0, 0, 7*(w+1)), true
}

// Label names the bucket in a few characters: "expired", "never", "later" or MM-DD.
func (b Bucket) Label(now time.Time) string {
	switch b {
	case BucketExpired:
		return "expired"
	case BucketLater:
		return "later"
	case BucketNoExpiration:
		return "never"
	}
	from, _, ok := b.Range(now)
	if !ok {
		return ""
	}
	return from.Format("01-02")
}

// Describe says which tokens the bucket holds, for a filter line.
func (b Bucket) Describe(now time.Time) string {
	switch b {
	case BucketExpired:
		return "expired"
	case BucketLater:
		return "expiring after " + firstDay(now).AddDate(0, 0, 7*ChartWeeks-1).Format("01-02")
	case BucketNoExpiration:
		return "no expiration"
	}
	from, to, ok := b.Range(now)
	if !ok {
		return ""
	}
	return "expiring " + from.Format("01-02") + " to " + to.AddDate(0, 0, -1).Format("01-02")
}

// BucketOf returns the chart bar a token falls in at now.
func (t Token) BucketOf(now time.Time) Bucket {
	switch {
	case t.IsExpiredAt(now):
		return BucketExpired
	case t.ExpiresAt == nil:
		return BucketNoExpiration
	}
	// A 9.6-era server stored the day's start in its own zone, maybe before firstDay.
	days := max(0, int(ExpiryDate(*t.ExpiresAt).Sub(firstDay(now))/(24*time.Hour)))
	if w := days / 7; w < ChartWeeks {
		return BucketWeek(w)
	}
	return BucketLater
}

// ExpiryChart counts tokens per bucket and per type for the review's chart.
type ExpiryChart struct {
	// Counts holds one count per bucket, in the order of Buckets().
	Counts []int
	// ByType counts the tokens per type (TypeUnknown before 9.5).
	ByType map[TokenType]int
	Total  int
}

// Count returns the count of bucket b.
func (c ExpiryChart) Count(b Bucket) int {
	i := int(b) - int(BucketExpired)
	if i < 0 || i >= len(c.Counts) {
		return 0
	}
	return c.Counts[i]
}

// Max returns the largest count of a bucket.
func (c ExpiryChart) Max() int {
	m := 0
	for _, n := range c.Counts {
		m = max(m, n)
	}
	return m
}

// NewExpiryChart returns a chart with every count at zero.
func NewExpiryChart() ExpiryChart {
	return ExpiryChart{Counts: make([]int, len(Buckets())), ByType: map[TokenType]int{}}
}

// Add counts t at now.
func (c *ExpiryChart) Add(t *Token, now time.Time) {
	c.Counts[int(t.BucketOf(now))-int(BucketExpired)]++
	c.ByType[t.Type]++
	c.Total++
}

// ChartOf counts tokens into the chart's buckets at now.
func ChartOf(tokens []Token, now time.Time) ExpiryChart {
	c := NewExpiryChart()
	for i := range tokens {
		c.Add(&tokens[i], now)
	}
	return c
}
