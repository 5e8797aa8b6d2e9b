package cells

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWidth(t *testing.T) {
	for s, want := range map[string]int{
		"":                0,
		"release-bot":     11,
		"日本語":             6,
		"e\u0301te":       3,
		`evil\e]52;c;\a`:  14,
		"ｆｕｌｌ":            8,
		"DOMAIN\\login":   12,
		"scan-payments-é": 15,
	} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
		if got := ansi.StringWidth(s); got != want {
			t.Errorf("ansi.StringWidth(%q) = %d: the test's own figure is wrong", s, got)
		}
	}
}

func TestCut(t *testing.T) {
	for _, c := range []struct {
		s    string
		w    int
		tail int
		want string
	}{
		{"release-bot-20261204", 17, DefaultTail(17), "release-bot-…1204"},
		{"release-bot-20261204", 20, 4, "release-bot-20261204"},
		{"release-bot-20261204", 10, 0, "release-b…"},
		{"release-bot-20261204", 10, 99, "r…20261204"},
		{"release-bot", 1, 0, "…"},
		{"release-bot", 0, 0, ""},
		// An escape is kept whole or dropped whole.
		{`ab\u202ecd-tail`, 8, 2, `ab…il`},
		{`ab\u202ecd-tail`, 12, 4, `ab…tail`},
		{`ab\u202ecd-tail`, 13, 4, `ab\u202e…tail`},
		{`x\e\e\eyz`, 6, 2, `x\e…yz`},
		// A wide character takes two cells: the cut may be a cell short.
		{"日本語のトークン名", 9, 2, "日本語…名"},
		{"日本語のトークン名", 8, 2, "日本…名"},
		{"日本語のトークン名", 7, 2, "日本…名"},
	} {
		got := Cut(c.s, c.w, c.tail)
		if got != c.want {
			t.Errorf("Cut(%q, %d, %d) = %q, want %q", c.s, c.w, c.tail, got, c.want)
		}
		if Width(got) > max(c.w, 0) {
			t.Errorf("Cut(%q, %d, %d) = %q is %d wide", c.s, c.w, c.tail, got, Width(got))
		}
	}
}

// TestCutNeverSplitsAnEscape: at every width and tail, a cut name with
// escapes is a run of its units from the start, "…", and a run from its
// end: each escape whole or not at all.
func TestCutNeverSplitsAnEscape(t *testing.T) {
	s := `a\e[2Jb\u202ec\x07d\\e-end`
	us := units(s)
	if n := len(us); n != 16 {
		t.Fatalf("%d units: %v", n, us)
	}
	for w := 1; w < Width(s); w++ {
		for tail := 0; tail <= w; tail++ {
			got := Cut(s, w, tail)
			start, end, ok := strings.Cut(got, Ellipsis)
			if !ok {
				t.Fatalf("Cut(%d, %d) = %q has no ellipsis", w, tail, got)
			}
			if !strings.HasPrefix(s, start) || !strings.HasSuffix(s, end) {
				t.Fatalf("Cut(%d, %d) = %q is not a start and an end", w, tail, got)
			}
			if !onBoundary(us, len(start)) || !onBoundary(us, len(s)-len(end)) {
				t.Errorf("Cut(%d, %d) = %q splits an escape", w, tail, got)
			}
			if Width(got) > w {
				t.Errorf("Cut(%d, %d) = %q is %d wide", w, tail, got, Width(got))
			}
		}
	}
}

// onBoundary reports whether the byte offset at falls between two units.
func onBoundary(us []unit, at int) bool {
	n := 0
	for _, u := range us {
		if n == at {
			return true
		}
		n += len(u.text)
	}
	return n == at
}

// TestDistinct: rows that the default cut would make read the same keep
// more of their end until they differ; rows already apart keep the
// default cut; and rows apart only in a middle no cut can show are
// reported.
func TestDistinct(t *testing.T) {
	rows := [][]string{
		{"scan-payments-api-eu-west", "Payments API"},
		{"scan-payments-api-us-east", "Payments API"},
		{"scan-payments-api-us-west", "Payments API"},
		{"scan-billing", "Billing"},
		{"laptop", "-"},
	}
	out, ok := Distinct(rows, []int{12, 0})
	if !ok {
		t.Fatalf("not told apart: %q", out)
	}
	seen := map[string]bool{}
	for i, r := range out {
		line := strings.Join(r, "  ")
		if seen[line] {
			t.Errorf("two rows read %q: %q", line, out)
		}
		seen[line] = true
		if Width(r[0]) > 12 {
			t.Errorf("row %d is %d wide: %q", i, Width(r[0]), r[0])
		}
		if r[1] != rows[i][1] {
			t.Errorf("an uncut column changed: %q", r[1])
		}
	}
	if out[3][0] != "scan-billing" || out[4][0] != "laptop" {
		t.Errorf("rows that fit were cut: %q", out)
	}
	if !strings.HasPrefix(out[0][0], "scan-") || !strings.HasSuffix(out[0][0], "west") {
		t.Errorf("the cut does not keep both ends: %q", out[0][0])
	}

	// A second column tells the rows apart: no need to widen the cut.
	out, ok = Distinct([][]string{{"release-bot-2026-a-1204", "ada"}, {"release-bot-2026-b-1204", "bob"}}, []int{10, 0})
	if !ok || out[0][0] != out[1][0] {
		t.Errorf("rows apart by login had their names cut apart: %q", out)
	}

	// Apart only in a middle no cut of 8 cells shows: a window of it.
	out, ok = Distinct([][]string{{"aaaaaaaaaa-1-zzzzzzzzzz"}, {"aaaaaaaaaa-2-zzzzzzzzzz"}}, []int{8})
	if !ok || out[0][0] != "…a-1-zz…" || out[1][0] != "…a-2-zz…" {
		t.Errorf("a difference in the middle: %q, %v", out, ok)
	}
	// Three cells hold no window of it.
	if _, ok = Distinct([][]string{{"aaaaaaaaaa-1-zzzzzzzzzz"}, {"aaaaaaaaaa-2-zzzzzzzzzz"}}, []int{3}); ok {
		t.Error("rows 3 cells cannot tell apart were said apart")
	}
}

// TestDistinctWindows: names that differ only past what a cut keeps, the
// console's 21 and 50x15's 24 cells and the CLI's narrow columns, read
// apart within their width, in groups where some differ later than
// others.
func TestDistinctWindows(t *testing.T) {
	names := []string{
		"jenkins-team-platform-eu-sonar-scanner-nightly-build",
		"jenkins-team-platform-us-sonar-scanner-nightly-build",
		"jenkins-team-platform-us-sonar-scanner-weekly-build",
		"jenkins-team-platform-us-sonar-scannex-nightly-build",
		strings.Repeat("p", 30) + "A" + strings.Repeat("p", 30),
		strings.Repeat("p", 30) + "B" + strings.Repeat("p", 30),
		strings.Repeat("p", 30) + "C" + strings.Repeat("p", 30),
		"laptop",
	}
	var rows [][]string
	for _, n := range names {
		rows = append(rows, []string{n})
	}
	for _, w := range []int{5, 8, 12, 21, 24, 33, 48} {
		out, ok := Distinct(rows, []int{w})
		if !ok {
			t.Fatalf("%d cells: not told apart: %q", w, out)
		}
		seen := map[string]bool{}
		for i, r := range out {
			if seen[r[0]] || Width(r[0]) > w {
				t.Errorf("%d cells: row %d reads %q (%d wide; seen %v)", w, i, r[0], Width(r[0]), seen[r[0]])
			}
			seen[r[0]] = true
		}
	}
	if got := Window("jenkins-team-platform-eu-sonar-scanner-nightly-build", 21, 20); got != "…m-eu-sonar-scanner-…" {
		t.Errorf("Window: %q", got)
	}
	if got := Window("abcdefghij", 6, 8); got != "…fghij" {
		t.Errorf("a window at the end fills its width: %q", got)
	}
}

// TestDistinctMany: a thousand names sharing their start and end, cut to
// 14 cells, all read differently.
func TestDistinctMany(t *testing.T) {
	var rows [][]string
	for i := range 1000 {
		rows = append(rows, []string{fmt.Sprintf("release-bot-%04d-rotated", i)})
	}
	out, ok := Distinct(rows, []int{14})
	if !ok {
		t.Fatal("not told apart")
	}
	seen := map[string]bool{}
	for _, r := range out {
		if seen[r[0]] || Width(r[0]) > 14 || !strings.HasPrefix(r[0], "r") || !strings.HasSuffix(r[0], "-rotated") {
			t.Fatalf("%q: seen %v, %d wide", r[0], seen[r[0]], Width(r[0]))
		}
		seen[r[0]] = true
	}
}
