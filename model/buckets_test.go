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
		{"in 6 days", Token{ExpiresAt: ptr(now.Add(6 * day))}, BucketWeek(0)},
		{"in exactly 7 days", Token{ExpiresAt: ptr(now.Add(7 * day))}, BucketWeek(1)},
		{"in 83 days", Token{ExpiresAt: ptr(now.Add(83 * day))}, BucketWeek(11)},
		{"in 84 days", Token{ExpiresAt: ptr(now.Add(84 * day))}, BucketLater},
	}
	for _, c := range cases {
		if got := c.tok.BucketOf(now); got != c.want {
			t.Errorf("%s: bucket %d, want %d", c.name, got, c.want)
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
			t.Errorf("bucket %s: %d, want %d", b.Label(now, time.UTC), c.Count(b), want[b])
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
	tokyo := time.FixedZone("JST", 9*3600)
	if got := BucketWeek(0).Label(now, tokyo); got != "12-01" {
		t.Errorf("week 0 in Tokyo starts %q", got)
	}
	if got := BucketWeek(1).Describe(now, time.UTC); got != "expiring 12-07 to 12-14" {
		t.Errorf("week 1: %q", got)
	}
	if got := BucketLater.Describe(now, time.UTC); got != "expiring after 02-22" {
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
