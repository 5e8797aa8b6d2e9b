package tokens

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

func newReviewTable(w, h int) Model {
	m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false).WithLogin()
	m.SetSize(w, h)
	return m
}

func names(ts []model.Token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Login + "/" + t.Name
	}
	return out
}

// TestAppendMergesInOrder checks that streamed batches end in the same
// order as one SetTokens of everything, whatever the sort.
func TestAppendMergesInOrder(t *testing.T) {
	t.Parallel()
	ts := many(3000)
	for _, sortKeys := range [][]string{nil, {"s"}, {"s", "s", "s", "s", "s"}, {"s", "s", "s", "s", "s", "s", "S"}} {
		a, b := newReviewTable(120, 30), newReviewTable(120, 30)
		for _, k := range sortKeys {
			a, _ = a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
			b, _ = b.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
		a.SetTokens(ts)
		for i := 0; i < len(ts); i += 217 {
			b.Append(ts[i:min(len(ts), i+217)])
		}
		if !slices.Equal(names(a.ShownTokens()), names(b.ShownTokens())) {
			t.Fatalf("sort %v: streamed order differs", sortKeys)
		}
	}
}

// TestMarks checks space, a (mark shown, again to unmark), and that marks
// survive filtering, appending and removal.
func TestMarks(t *testing.T) {
	t.Parallel()
	m := newReviewTable(120, 30)
	m.Append(many(10))
	space := tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	m, _ = m.Update(space)
	m, _ = m.Update(space)
	if m.MarkedCount() != 2 || m.Cursor() != 2 {
		t.Fatalf("marked %d, cursor %d", m.MarkedCount(), m.Cursor())
	}
	if !strings.Contains(m.View(), "  ✓ ") {
		t.Fatalf("no mark shown:\n%s", m.View())
	}
	m.SetMatch(func(t *model.Token, _ *model.Facts) bool { return t.Type == model.TypeUser })
	a := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a")}
	m, _ = m.Update(a)
	users := 0
	for _, tk := range many(10) {
		if tk.Type == model.TypeUser {
			users++
		}
	}
	if m.MarkedCount() != users+1 || m.MarkedHidden() != 1 {
		t.Fatalf("marked %d (hidden %d), want %d", m.MarkedCount(), m.MarkedHidden(), users+1)
	}
	m, _ = m.Update(a)
	if m.MarkedCount() != 1 {
		t.Fatalf("a again: marked %d, want the hidden one", m.MarkedCount())
	}
	m.SetMatch(nil)
	m.Append(many(12)[10:])
	marked := m.Marked()
	if len(marked) != 1 {
		t.Fatal(marked)
	}
	m.RemoveTokens(marked)
	if m.MarkedCount() != 0 || m.Len() != 11 {
		t.Fatalf("after removal: %d marked, %d tokens", m.MarkedCount(), m.Len())
	}
}

// TestLoginColumn checks the Login column and that the filter searches
// logins in the review.
func TestLoginColumn(t *testing.T) {
	t.Parallel()
	m := newReviewTable(100, 20)
	m.Append(many(200))
	if !strings.Contains(m.View(), "Login") {
		t.Fatal(m.View())
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	for _, r := range "u42" {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	for _, tk := range m.ShownTokens() {
		if tk.Login != "u42" {
			t.Fatalf("filter u42 shows %s", tk.Login)
		}
	}
	if m.Shown() == 0 {
		t.Fatal("filter by login shows nothing")
	}
}

// BenchmarkFilterKeystroke50k types one more character of a filter over
// 50,000 tokens (the target: under 10 ms).
func BenchmarkFilterKeystroke50k(b *testing.B) {
	m := newReviewTable(120, 40)
	m.SetTokens(many(50000))
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("t")})
	bs := tea.KeyMsg{Type: tea.KeyBackspace}
	k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("o")}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, _ = m.Update(k)
		m, _ = m.Update(bs)
	}
}

// The odd-row hint follows the rows: a token that needs escaping brings
// it with any way it is listed, and it goes with the last such token.
func TestOddHintFollowsTheRows(t *testing.T) {
	t.Parallel()
	ts := many(50)
	strange := model.Token{Login: "eve", Name: "a\u200bb", CreatedAt: now}
	m := newReviewTable(120, 30)
	m.SetTokens(ts)
	if m.HasOdd() {
		t.Fatal("plain rows have the odd-row hint")
	}
	m.Append([]model.Token{strange})
	if !m.HasOdd() {
		t.Fatal("an appended odd row brings no hint")
	}
	m.RemoveTokens([]model.Token{ts[3]})
	if !m.HasOdd() {
		t.Fatal("removing a plain row took the hint away")
	}
	m.RemoveTokens([]model.Token{strange})
	if m.HasOdd() {
		t.Fatal("the hint stays after the odd row went")
	}
	m.SetTokens(append(slices.Clone(ts), strange))
	if !m.HasOdd() {
		t.Fatal("SetTokens with an odd row brings no hint")
	}
	m.SetTokens(ts)
	if m.HasOdd() {
		t.Fatal("SetTokens without odd rows keeps the hint")
	}
}
