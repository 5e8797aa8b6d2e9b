package tokens

import (
	"testing"
)

// BenchmarkSortColumn50k sorts 50,000 rows by each column anew (what s
// costs without the frame).
func BenchmarkSortColumn50k(b *testing.B) {
	ts := many(50000)
	for _, col := range []Column{ColName, ColType, ColProject, ColLastUse, ColCreated, ColExpires, ColLogin} {
		b.Run(col.String(), func(b *testing.B) {
			m := newReviewTable(120, 40)
			m.SetTokens(ts)
			m.sortCol = col
			b.ReportAllocs()
			for b.Loop() {
				m.order = nil
				m.rebuild("")
			}
		})
	}
}

// BenchmarkSortColumn200k is BenchmarkSortColumn50k at 200,000 rows, the
// tie order computed anew too (what the first s of a column costs after
// rows came or went).
func BenchmarkSortColumn200k(b *testing.B) {
	ts := many(200000)
	for _, col := range []Column{ColName, ColType, ColProject, ColLastUse, ColCreated, ColExpires, ColLogin} {
		b.Run(col.String(), func(b *testing.B) {
			m := newReviewTable(120, 40)
			m.SetTokens(ts)
			m.sortCol = col
			b.ReportAllocs()
			for b.Loop() {
				m.forgetTies()
				m.order = nil
				m.rebuild("")
			}
		})
	}
}
