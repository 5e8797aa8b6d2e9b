package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func (b *bench) rendering() error {
	f, err := os.Open(b.gobench)
	if err != nil {
		return err
	}
	defer f.Close()
	got := map[string]goBench{}
	b.goBenches = got
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[2], 64)
		g := goBench{ns: ns}
		fs := strings.Fields(m[3])
		for i := 1; i < len(fs); i++ {
			switch fs[i] {
			case "B/op":
				g.bytes = fs[i-1]
			case "allocs/op":
				g.allocs = fs[i-1]
			case "lines/frame":
				g.extra = fs[i-1] + " lines"
			}
		}
		got[m[1]] = g // the last run of a name wins
	}
	ms := func(ns float64) string { return fmt.Sprintf("%.3f ms", ns/1e6) }
	alloc := func(g goBench) string {
		if g.bytes == "" {
			return ""
		}
		return fmt.Sprintf(", %s B/op, %s allocs/op", g.bytes, g.allocs)
	}
	rows := []struct {
		name, figure, target string
		limit                float64
	}{
		{"BenchmarkReviewView50k", "render: review frame (View), 50,000 rows", "< 2 ms", 2e6},
		{"BenchmarkReviewFilterKeystroke50k", "render: filter keystroke + frame, 50,000 rows", "< 10 ms", 10e6},
		{"BenchmarkReviewQuickFilter50k", "render: quick-filter key + frame, 50,000 rows", "< 10 ms", 10e6},
		{"BenchmarkReviewSort50k", "review key s (next sort column) + frame, 50,000 rows", "< 16 ms", 16e6},
		{"BenchmarkReviewReverse50k", "review key S (reverse) + frame, 50,000 rows", "< 16 ms", 16e6},
		{"BenchmarkReviewMarkAll50k", "review key a (mark all shown) + frame, 50,000 rows", "< 16 ms", 16e6},
		{"BenchmarkReviewPageDown50k", "review key pgdown + frame, 50,000 rows", "< 16 ms", 16e6},
		{"BenchmarkReviewAppendBatchAt50k", "render: one user's batch streamed in at 50,000", "(keeps up with the scan)", 0},
		{"BenchmarkView50k", "render: own-tokens table frame, 50,000 rows", "< 2 ms", 2e6},
	}
	for _, r := range rows {
		g, ok := got[r.name]
		if !ok {
			b.add(r.figure, "not run ("+r.name+")", r.target, ptr(false))
			continue
		}
		var met *bool
		if r.limit > 0 {
			met = ptr(g.ns < r.limit)
		}
		b.add(r.figure, ms(g.ns)+alloc(g), r.target, met)
	}
	v50, ok50 := got["BenchmarkReviewView50k"]
	v5, ok5 := got["BenchmarkReviewView5k"]
	if ok50 && ok5 {
		ratio := v50.ns / v5.ns
		b.add("render: only visible rows (frame 50k vs 5k rows)",
			fmt.Sprintf("%.2fx the time, %s per frame", ratio, v50.extra),
			"~1x, ≤ screen height", ptr(ratio < 1.5))
	}
	return nil
}
