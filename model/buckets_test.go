package model

import (
	"testing"
	"time"
)

func ptr(t time.Time) *time.Time { return &t }

func TestBucketOf(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	cases := []struct {
		name string
		tok  Token
		want Bucket
	}{
		{"no expiration", Token{}, BucketNoExpiration},
		{"expired by date", Token{ExpiresAt: ptr(now.Add(-time.Second))}, BucketExpired},
		{"expired by the server", Token{Expired: true, ExpiresAt: ptr(now.Add(day))}, BucketExpired},
		{"at the instant: not yet expired", Token{ExpiresAt: ptr(now)}, BucketWeek(0)},
		{"expires 12-01, the first day", Token{ExpiresAt: ptr(day1(2026, 12, 1))}, BucketWeek(0)},
		{"expires 12-07, the last day of week 0", Token{ExpiresAt: ptr(day1(2026, 12, 7))}, BucketWeek(0)},
		{"expires 12-08", Token{ExpiresAt: ptr(day1(2026, 12, 8))}, BucketWeek(1)},
		{"9.6-era start of 12-08 in Tokyo", Token{ExpiresAt: ptr(time.Date(2026, 12, 8, 0, 0, 0, 0, time.FixedZone("JST", 9*3600)))}, BucketWeek(1)},
		{"expires 02-22, the last day of week 11", Token{ExpiresAt: ptr(day1(2027, 2, 22))}, BucketWeek(11)},
		{"expires 02-23", Token{ExpiresAt: ptr(day1(2027, 2, 23))}, BucketLater},
	}
	for _, c := range cases {
		if got := c.tok.BucketOf(now); got != c.want {
			t.Errorf("%s: bucket %d, want %d", c.name, got, c.want)
		}
	}
}

// day1 is the start of a day in UTC, as current servers store expiry.
func day1(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestWeeksDoNotOverlap: each week's label names the expiry days it
// holds, and the next week starts the day after the last one ends
// ("12-04 to 12-11", then "12-11 to 12-18" shared a day); a token lies in
// the week whose label names its expiry day.
func TestWeeksDoNotOverlap(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	if got := BucketWeek(0).Describe(now); got != "expiring 12-05 to 12-11" {
		t.Errorf("week 0: %q", got)
	}
	if got := BucketWeek(1).Describe(now); got != "expiring 12-12 to 12-18" {
		t.Errorf("week 1: %q", got)
	}
	for w := 0; w < ChartWeeks; w++ {
		from, to, _ := BucketWeek(w).Range(now)
		for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
			tok := Token{ExpiresAt: ptr(d)}
			if got := tok.BucketOf(now); got != BucketWeek(w) {
				t.Errorf("expiry %s: bucket %d, want week %d (%s)", ExpiryDay(d), got, w, BucketWeek(w).Describe(now))
			}
		}
		if w > 0 {
			_, prevTo, _ := BucketWeek(w - 1).Range(now)
			if !prevTo.Equal(from) {
				t.Errorf("week %d starts %s, week %d ended %s", w, from, w-1, prevTo)
			}
		}
	}
}

func TestChartOfCountsEveryTokenOnce(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	toks := []Token{
		{Type: TypeUser, ExpiresAt: ptr(now.Add(-day))},
		{Type: TypeUser, ExpiresAt: ptr(now.Add(2 * day))},
		{Type: TypeGlobal, ExpiresAt: ptr(now.Add(3 * day))},
		{Type: TypeProject, ExpiresAt: ptr(now.Add(15 * day))},
		{Type: TypeProject, ExpiresAt: ptr(now.Add(400 * day))},
		{Type: TypeUser},
	}
	c := ChartOf(toks, now)
	want := map[Bucket]int{BucketExpired: 1, BucketWeek(0): 2, BucketWeek(2): 1, BucketLater: 1, BucketNoExpiration: 1}
	sum := 0
	for _, b := range Buckets() {
		if c.Count(b) != want[b] {
			t.Errorf("bucket %s: %d, want %d", b.Label(now), c.Count(b), want[b])
		}
		sum += c.Count(b)
	}
	if sum != len(toks) || c.Total != len(toks) || c.Max() != 2 {
		t.Errorf("sum %d total %d max %d", sum, c.Total, c.Max())
	}
	if c.ByType[TypeUser] != 3 || c.ByType[TypeGlobal] != 1 || c.ByType[TypeProject] != 2 {
		t.Errorf("by type %v", c.ByType)
	}
	if len(Buckets()) != ChartWeeks+3 {
		t.Errorf("%d buckets", len(Buckets()))
	}
}

func TestBucketLabelsAndFilter(t *testing.T) {
	now := time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)
	if got := BucketWeek(0).Label(now); got != "12-01" {
		t.Errorf("week 0 starts %q", got)
	}
	if got := BucketWeek(1).Describe(now); got != "expiring 12-08 to 12-14" {
		t.Errorf("week 1: %q", got)
	}
	if got := BucketLater.Describe(now); got != "expiring after 02-22" {
		t.Errorf("later: %q", got)
	}
	if _, ok := BucketExpired.Week(); ok {
		t.Error("expired is a week")
	}
	f := ReviewFilter{Bucket: BucketWeek(1)}
	in := Token{ExpiresAt: ptr(now.Add(10 * 24 * time.Hour))}
	out := Token{ExpiresAt: ptr(now.Add(3 * 24 * time.Hour))}
	if !f.Match(in, now) || f.Match(out, now) {
		t.Error("the bucket filter keeps the wrong tokens")
	}
	if !(ReviewFilter{}).Match(out, now) {
		t.Error("the zero filter drops a token")
	}
}
