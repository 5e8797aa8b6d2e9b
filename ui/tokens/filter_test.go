package tokens

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
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
		switch {
		case step%100 == 50: // the order changes under a query
			m = typeKeys(m, "enter", []string{"s", "S"}[step/100%2], "/")
		case step%700 == 350: // rows go
			var gone []model.Token
			for k, t := range m.ShownTokens() {
				if k%3 == 0 {
					gone = append(gone, t)
				}
			}
			m.RemoveTokens(gone)
		case step%700 == 600: // rows come
			more := many(300)
			for i := range more {
				more[i].Name += fmt.Sprintf("-more%d", step)
			}
			m.Append(more)
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

// TestSortKeepsTheFilterRows: a sort or a reverse puts the rows each
// query kept in the new order instead of searching every row again, and
// rows coming or going drop them.
func TestSortKeepsTheFilterRows(t *testing.T) {
	t.Parallel()
	m := newReviewTable(120, 30)
	m.SetTokens(append(many(3000), people()...))
	m = typeKeys(typeText(typeKeys(m, "/"), "12"), "enter")
	kept := func() []string {
		var qs []string
		for _, e := range m.typed.entries {
			qs = append(qs, e.query)
		}
		return qs
	}
	for _, k := range []string{"s", "S", "s"} {
		before := m.typed.entries[len(m.typed.entries)-1].set
		m = typeKeys(m, k)
		if got := kept(); !slices.Equal(got, []string{"1", "12"}) {
			t.Fatalf("after %s the filter keeps %q, want the rows of 1 and 12", k, got)
		}
		if &m.typed.entries[1].set[0] != &before[0] {
			t.Fatalf("after %s the filter searched every row again", k)
		}
		if want, _ := fromScratch(m); !slices.Equal(m.view, want) {
			t.Fatalf("after %s the filter shows %d rows, from scratch %d", k, m.Shown(), len(want))
		}
	}
	// A copy of the model (Bubble Tea keeps models by value) keeps its
	// own order's rows while another copy sorts.
	a := m
	m = typeKeys(m, "S")
	a.setQuery("1")
	a.setQuery("12")
	if want, _ := fromScratch(a); !slices.Equal(a.view, want) {
		t.Fatal("a copy of the model shows its filter's rows in another copy's order")
	}
	m.RemoveTokens(m.ShownTokens()[:1])
	if got := kept(); !slices.Equal(got, []string{"12"}) {
		t.Fatalf("after a removal the filter keeps %q, want the rows of 12 searched again alone", got)
	}
}

// fromScratch is the typed filter's result read from every row, by the
// filter's definition: the row's fields lower-cased and joined, searched
// at once.
func fromScratch(m Model) (rows []int32, near bool) {
	mt := model.NewMatcher(m.query)
	hays := make([]string, m.all.len())
	nears := make([]string, m.all.len())
	for i := range m.all.len() {
		t := m.all.at(i)
		parts := []string{t.Name, t.ProjectKey, t.ProjectName}
		if m.withLogin {
			parts = append(parts, t.Login)
		}
		nears[i] = strings.ToLower(strings.Join(parts, model.FieldSep))
		hays[i] = nears[i] + model.FieldSep + strings.ToLower(t.Type.ShortLabel()+model.FieldSep+t.Type.Label())
	}
	for _, i := range m.order {
		if mt.Exact(hays[i]) {
			rows = append(rows, i)
		}
	}
	if len(rows) > 0 || !mt.Typos() {
		return rows, false
	}
	for _, i := range m.order {
		if mt.Typo(nears[i]) {
			rows = append(rows, i)
		}
	}
	return rows, true
}

// TestFilterFieldsAsJoined: the filter finds what a search of a row's
// fields lower-cased and joined finds, for rows with projects (key and
// name, or a key alone), upper case, letters outside ASCII, invalid UTF-8
// and a field separator inside a name, and queries that reach into the
// type labels, the project key alone, or a key with a typo; with and
// without the Login column.
func TestFilterFieldsAsJoined(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	var ts []model.Token
	for i := range 1500 {
		tk := model.Token{
			Login: pick("Ann.Lee", "bob", "ÉLODIE", "user.x"), Name: fmt.Sprintf("%s-%d", pick("CI", "nightly", "Dev\x00Box", "bad\xc3", "Élan"), i),
			Type: []model.TokenType{model.TypeUser, model.TypeGlobal, model.TypeProject, "ODD_Type", model.TypeUnknown}[rng.IntN(5)], CreatedAt: now,
		}
		switch rng.IntN(3) {
		case 0:
			tk.ProjectKey, tk.ProjectName = pick("Core-Lib", "web", "API"), pick("Core Library", "Web App", "")
		case 1:
			tk.ProjectKey = pick("solo", "Mixed-Key")
		}
		ts = append(ts, tk)
	}
	alphabet := []string{"c", "i", "o", "r", "e", "l", "b", "p", "j", "u", "s", "a", "n", "-", " ", "é", "\x00", "y", "k", "g", "d",
		"backspace", "backspace", "backspace", "backspace"}
	for _, review := range []bool{true, false} {
		m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false)
		if review {
			m = m.WithLogin()
		}
		m.SetSize(120, 30)
		m.SetTokens(ts)
		for _, q := range []string{"e-l", "core-", "mixed-k", "pi", "dev\x00b", "\x00", "x\x00c", "user tok", "odd_type", "élan", "élodie", "bad", "lib\x00", "n.le", "cor-lib"} {
			m = typeText(typeKeys(m, "esc", "/"), q)
			if strings.Contains(q, model.FieldSep) {
				m.setQuery(q) // the input drops it: a query set otherwise
			}
			want, near := fromScratch(m)
			if m.query != strings.ToLower(strings.TrimSpace(q)) {
				t.Fatalf("typing %q gave the query %q", q, m.query)
			}
			if !slices.Equal(m.view, want) || m.Near() != near {
				t.Fatalf("review %v, query %q: %d rows (near %v), from scratch %d (near %v)", review, q, m.Shown(), m.Near(), len(want), near)
			}
		}
		m = typeKeys(m, "esc", "/")
		for step := range 800 {
			m = typeKeys(m, alphabet[rng.IntN(len(alphabet))])
			want, near := fromScratch(m)
			if !slices.Equal(m.view, want) || m.Near() != near {
				t.Fatalf("review %v, step %d, query %q: %d rows (near %v), from scratch %d (near %v)",
					review, step, m.query, m.Shown(), m.Near(), len(want), near)
			}
		}
	}
}
