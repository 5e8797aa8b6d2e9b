package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestMatcherKinds(t *testing.T) {
	cases := []struct {
		query, text string
		want        MatchKind
	}{
		{"brian", "brian.torvalds", MatchExact},
		{"", "anything", MatchExact},
		{"brain", "brian.torvalds", MatchTypo},           // two neighbours swapped
		{"brain", "x\x00brian torvalds\x00y", MatchTypo}, // in a later field
		{"torvlads", "brian.torvalds", MatchTypo},
		{"torvalds", "brian.torvald", MatchTypo},  // a letter missing from the text
		{"torvalds", "brian.torvaxds", MatchTypo}, // a letter wrong
		{"torvalds", "brian.torvalxds", MatchTypo},
		{"brtv", "brian.torvalds", MatchLetters},
		{"brtv", "br\x00tv", NoMatch}, // letters across fields
		{"brain", "bri\x00an", NoMatch},
		{"bra", "rba", NoMatch},           // too short for a typo
		{"bt", "brian.torvalds", NoMatch}, // too short for letters in order
		{"xyzw", "brian.torvalds", NoMatch},
		{"linus", "brian.torvalds", NoMatch},
	}
	for _, c := range cases {
		if got := NewMatcher(c.query).Match(c.text); got != c.want {
			t.Errorf("%q in %q: kind %d, want %d", c.query, c.text, got, c.want)
		}
	}
}

// TestTypoAgreesWithDistance checks the bit-parallel typo search against
// a plain reading of its definition: some substring of the text is within
// one edit (Distance) of the query.
func TestTypoAgreesWithDistance(t *testing.T) {
	alphabet := "abn."
	words := []string{""}
	for range 6 {
		var next []string
		for _, w := range words {
			for _, r := range alphabet {
				next = append(next, w+string(r))
			}
		}
		words = append(words, next...)
	}
	queries := []string{"abna", "banan", "aabb", "n.ab"}
	for _, q := range queries {
		m := NewMatcher(q)
		for _, text := range words {
			want := false
			for i := 0; i <= len(text) && !want; i++ {
				for j := i; j <= len(text); j++ {
					if Distance(q, text[i:j]) <= 1 {
						want = true
						break
					}
				}
			}
			got := m.Typo(text)
			if got != want {
				t.Fatalf("Typo(%q, %q) = %v, want %v", q, text, got, want)
			}
			if got && !m.MayHaveTypo(ByteMask(text)) {
				t.Fatalf("MayHaveTypo rules out %q for %q", text, q)
			}
		}
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"a", "", 1}, {"laptop-223", "laptop-2023", 1}, {"brain", "brian", 1},
		{"ca", "abc", 3}, {"kitten", "sitting", 3}, {"été", "ete", 2},
	} {
		if got := Distance(c.a, c.b); got != c.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

func TestNearest(t *testing.T) {
	names := []string{"ci-legacy-jenkins", "global-ci", "laptop-2023", "release-bot", "laptop", "old-laptop-home", "Laptop-224"}
	got := Nearest("laptop-223", names, 3)
	want := []string{"laptop-2023", "Laptop-224", "laptop"} // laptop-223 holds laptop
	if !slices.Equal(got, want) {
		t.Fatalf("Nearest = %q, want %q", got, want)
	}
	if got := Nearest("zzz", names, 3); len(got) != 0 {
		t.Fatalf("Nearest(zzz) = %q, want none", got)
	}
	if got := Nearest("laptop", names, 5); !slices.Contains(got, "old-laptop-home") || got[0] != "laptop-2023" && got[0] != "Laptop-224" {
		t.Fatalf("Nearest(laptop) = %q", got)
	}
}

// benchRows are n texts shaped as the review table's: name, project,
// type labels, login.
func benchRows(n int) []string {
	rows := make([]string, n)
	for i := range rows {
		rows[i] = strings.ToLower(fmt.Sprintf("token-%05d\x00project-%d\x00Project %d\x00Project\x00Project Analysis Token\x00user.%05d", i, i%40, i%40, i/7))
	}
	return rows
}

// BenchmarkTypo200k: the typo pass over 200,000 review rows, which the
// filter runs when nothing contains the query exactly.
func BenchmarkTypo200k(b *testing.B) {
	rows := benchRows(200000)
	m := NewMatcher("brain")
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, r := range rows {
			if m.Typo(r) {
				n++
			}
		}
		_ = n
	}
}

// BenchmarkExact200k: the exact pass over the same rows.
func BenchmarkExact200k(b *testing.B) {
	rows := benchRows(200000)
	m := NewMatcher("brain")
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, r := range rows {
			if m.Exact(r) {
				n++
			}
		}
		_ = n
	}
}
