package tokens

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
)

func typeKeys(m Model, keys ...string) Model {
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "backspace":
			msg = tea.KeyMsg{Type: tea.KeyBackspace}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		m, _ = m.Update(msg)
	}
	return m
}

func typeText(m Model, s string) Model {
	for _, r := range s {
		m = typeKeys(m, string(r))
	}
	return m
}

func people() []model.Token {
	return []model.Token{
		{Login: "brian.torvalds", Name: "laptop", Type: model.TypeUser, CreatedAt: now},
		{Login: "brian.torvalds", Name: "ci", Type: model.TypeUser, CreatedAt: now},
		{Login: "ada.lovelace", Name: "brainstorm", Type: model.TypeUser, CreatedAt: now},
		{Login: "linus.hopper", Name: "nightly", Type: model.TypeGlobal, CreatedAt: now},
	}
}

// TestFilterFindsCloseMatches: "brain" finds brian.torvalds's tokens (two
// letters swapped) when no token contains "brain", says so, and keeps the
// table's order; a token that contains the query wins over close ones.
func TestFilterFindsCloseMatches(t *testing.T) {
	t.Parallel()
	m := newReviewTable(120, 20)
	ts := people()[:2]
	ts = append(ts, people()[3])
	m.SetTokens(ts)
	m = typeText(typeKeys(m, "/"), "brain")
	if got := names(m.ShownTokens()); !slices.Equal(got, []string{"brian.torvalds/ci", "brian.torvalds/laptop"}) {
		t.Fatalf("brain shows %q", got)
	}
	if !m.Near() || !strings.Contains(m.View(), "no exact match: close ones") {
		t.Fatalf("the filter does not say it shows close matches:\n%s", m.View())
	}
	m = typeKeys(m, "enter")
	if !strings.Contains(m.View(), "close ones") {
		t.Fatalf("the applied filter does not say it shows close matches:\n%s", m.View())
	}

	// With a token that holds "brain", only that one shows.
	m = newReviewTable(120, 20)
	m.SetTokens(people())
	m = typeText(typeKeys(m, "/"), "brain")
	if got := names(m.ShownTokens()); !slices.Equal(got, []string{"ada.lovelace/brainstorm"}) || m.Near() {
		t.Fatalf("brain shows %q (near %v), want the exact match alone", got, m.Near())
	}

	// Letters in order match too much of a long login: "brtv" (in order
	// in brian.torvalds) finds nothing.
	m = newReviewTable(120, 20)
	m.SetTokens(people())
	m = typeText(typeKeys(m, "/"), "brtv")
	if m.Shown() != 0 {
		t.Fatalf("brtv shows %q", names(m.ShownTokens()))
	}
	// A type label is matched exactly only: "glbal" finds nothing.
	m = typeText(typeKeys(m, "esc", "/"), "glbal")
	if m.Shown() != 0 {
		t.Fatalf("glbal shows %q", names(m.ShownTokens()))
	}
}

// TestFilterNarrowsAsFromScratch types and erases random queries: every
// step shows what a filter reading every row shows, whatever the rows the
// filter kept from earlier keystrokes.
func TestFilterNarrowsAsFromScratch(t *testing.T) {
	t.Parallel()
	ts := many(2000)
	ts = append(ts, people()...)
	m := newReviewTable(120, 30)
	m.SetTokens(ts)
	m = typeKeys(m, "/")
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"t", "o", "k", "e", "n", "-", "0", "1", "2", "u", "b", "r", "i", "a", "backspace", "backspace", "backspace"}
	nears := 0
	for step := range 3000 {
		m = typeKeys(m, alphabet[rng.IntN(len(alphabet))])
		if step%500 == 250 { // the order changes under a query
			m = typeKeys(m, "enter", "s", "/")
		}
		want, near := fromScratch(m)
		if !slices.Equal(m.view, want) || m.Near() != near {
			t.Fatalf("step %d, query %q: narrowed %d rows (near %v), from scratch %d (near %v)",
				step, m.filter.Value(), m.Shown(), m.Near(), len(want), near)
		}
		if near {
			nears++
		}
	}
	if nears == 0 {
		t.Fatal("no query showed close matches: the test checks exact ones only")
	}
}

// fromScratch is the typed filter's result read from every row.
func fromScratch(m Model) (rows []int, near bool) {
	mt := model.NewMatcher(m.query)
	for _, i := range m.order {
		if mt.Exact(m.meta[i].hay) {
			rows = append(rows, i)
		}
	}
	if len(rows) > 0 || !mt.Typos() {
		return rows, false
	}
	for _, i := range m.order {
		if mt.Typo(m.meta[i].hay[:m.meta[i].nearLen]) {
			rows = append(rows, i)
		}
	}
	return rows, true
}
