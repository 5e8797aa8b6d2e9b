package tokens

import (
	"slices"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
)

// BenchmarkRemoveTokens200k drops 1,000 of 200,000 rows in one pass: a
// bulk revocation's hand-over to the review.
func BenchmarkRemoveTokens200k(b *testing.B) { benchRemove(b, 200) }

// BenchmarkCompact200k drops every fifth of 200,000 rows, over the eighth
// that compacts the rows left into new chunks.
func BenchmarkCompact200k(b *testing.B) { benchRemove(b, 5) }

// benchRemove drops every step-th of 200,000 rows in one pass.
func benchRemove(b *testing.B, step int) {
	ts := many(200_000)
	gone := make([]int, 0, len(ts)/step)
	for i := 0; i < len(ts); i += step {
		gone = append(gone, i)
	}
	m := newReviewTable(200, 45)
	m.SetTokens(ts)
	b.ReportAllocs()
	for b.Loop() {
		c := m
		removed := make([]int, len(gone))
		copy(removed, gone)
		rm := make([]model.Token, len(removed))
		for i, j := range removed {
			rm[i] = ts[j]
		}
		c.RemoveTokens(rm)
		if c.Len() != len(ts)-len(gone) {
			b.Fatalf("%d rows", c.Len())
		}
	}
}

// TestRemoveTokensWidths: removing rows takes them out of the column
// widths, the widest included, as measuring the rows left would.
func TestRemoveTokensWidths(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("n", 80) // past what the histograms tell apart
	ts := []model.Token{{Login: "ada", Name: "short"}, {Login: "ada", Name: strings.Repeat("m", 30)}, {Login: "bob", Name: "mid-length-name"}, {Login: "bob", Name: long}}
	for _, c := range []struct {
		ts   []model.Token
		gone []model.Token
	}{
		{ts[:3], ts[1:2]}, {ts[:3], ts[:1]}, {ts, ts[1:2]}, {ts, ts[3:]}, {ts, ts[1:4:4]}, {ts, ts[:1]},
	} {
		ts, gone := c.ts, c.gone
		m := newReviewTable(200, 20)
		m.SetTokens(ts)
		m.RemoveTokens(gone)
		want := newReviewTable(200, 20)
		var left []model.Token
		for _, t := range ts {
			if !slices.Contains(gone, t) {
				left = append(left, t)
			}
		}
		want.SetTokens(left)
		for _, c := range textColumns {
			gu, gw := m.textWants(c)
			wu, ww := want.textWants(c)
			if gu != wu || gw != ww {
				t.Errorf("without %v, %v: usual %d widest %d, measured anew %d %d", gone, c, gu, gw, wu, ww)
			}
		}
		if m.widths != want.widths {
			t.Errorf("without %v: widths %v, measured anew %v", gone, m.widths, want.widths)
		}
	}
}
