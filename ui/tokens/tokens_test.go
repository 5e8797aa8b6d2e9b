package tokens

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func many(n int) []model.Token {
	ts := make([]model.Token, n)
	for i := range ts {
		exp := now.Add(time.Duration(i%400-30) * 24 * time.Hour)
		ts[i] = model.Token{Login: fmt.Sprintf("u%d", i%97), Name: fmt.Sprintf("token-%05d", i), Type: model.TokenTypes[i%3], CreatedAt: now.Add(-time.Duration(i) * time.Hour), ExpiresAt: &exp}
	}
	return ts
}

func newTable(n, w, h int) Model {
	m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false)
	m.SetSize(w, h)
	m.SetTokens(many(n))
	return m
}

// TestViewRendersVisibleRowsOnly checks the view has one line per visible
// row whatever the number of tokens, and fits the width.
func TestViewRendersVisibleRowsOnly(t *testing.T) {
	t.Parallel()
	m := newTable(50000, 98, 20)
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 20 {
		t.Fatalf("%d lines, want 20", len(lines))
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	if tok, _ := m.Selected(); tok.Name != "token-49999" {
		t.Fatalf("G selected %q", tok.Name)
	}
	if !strings.Contains(m.View(), "> token-49999") {
		t.Fatal("the last row should be visible after G")
	}
}

func BenchmarkView50k(b *testing.B) {
	m := newTable(50000, 120, 40)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

func TestExpiredRowShowsItsDate(t *testing.T) {
	t.Parallel()
	for _, w := range []int{80, 100} {
		m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false)
		m.SetSize(w, 10)
		gone := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
		m.SetTokens([]model.Token{
			{Name: "nightly-jenkins-pipeline", Type: model.TypeUser, CreatedAt: now.Add(-90 * 24 * time.Hour), ExpiresAt: &gone},
			{Name: "scan", Type: model.TypeProject, ProjectName: "Payments API", CreatedAt: now.Add(-9 * 24 * time.Hour)},
		})
		// The date takes Created's room, not the name's; at 80 columns it
		// goes before Last use does.
		v := m.View()
		if !strings.Contains(v, "nightly-jenkins-pipeline") || !strings.Contains(v, "Payments API") || !strings.Contains(v, "Last use") {
			t.Errorf("width %d: the name, the project or Last use gave way to the date:\n%s", w, v)
		}
		if dated := strings.Contains(v, "expired 2026-11-18"); dated != (w == 100) || !strings.Contains(v, "expired") {
			t.Errorf("width %d: the expired row shows its date: %v:\n%s", w, dated, v)
		}
	}
}

// TestAppendNeverCopiesRows: rows appended in batches across chunks stay
// where they were put once the first chunk is full (a scan's growth
// copies no row), each row keeps its
// token's keys, a copy of the table taken earlier still reads its own
// rows, and a small table holds no full chunk.
func TestAppendNeverCopiesRows(t *testing.T) {
	t.Parallel()
	m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false).WithLogin()
	ts := many(3*chunkSize + 500)
	m.Append(ts[:10])
	if c := cap(m.all.chunks[0]); c > 64 {
		t.Fatalf("10 rows hold room for %d", c)
	}
	type row struct {
		i int
		p *model.Token
	}
	var seen []row // rows once the first chunk is full: from then on, none moves
	var early Model
	for from := 10; from < len(ts); from += 99 {
		m.Append(ts[from:min(from+99, len(ts))])
		if m.Len() >= chunkSize {
			seen = append(seen, row{0, m.all.at(0)}, row{from, m.all.at(from)})
		}
		if from <= chunkSize && from+99 > chunkSize {
			early = m
		}
	}
	for _, r := range seen {
		if m.all.at(r.i) != r.p {
			t.Fatalf("row %d was copied", r.i)
		}
	}
	if m.Len() != len(ts) {
		t.Fatalf("%d rows, want %d", m.Len(), len(ts))
	}
	for i := range ts {
		tk := ts[i]
		near := strings.ToLower(strings.Join([]string{tk.Name, tk.ProjectKey, tk.ProjectName, tk.Login}, model.FieldSep))
		if *m.all.at(i) != tk || m.nearText(m.meta.at(i)) != near || *m.facts.at(i) != model.FactsOf(&ts[i]) {
			t.Fatalf("row %d: its keys are not its token's", i)
		}
	}
	if n := early.Len(); n <= chunkSize || !slices.EqualFunc(early.Tokens(), ts[:n], func(a, b model.Token) bool { return a == b }) {
		t.Fatalf("a copy taken at %d rows reads other rows", n)
	}
}
