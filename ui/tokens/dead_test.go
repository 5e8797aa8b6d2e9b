package tokens

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// TestRemovedRowsAsNeverListed: rows that RemoveTokens marked gone,
// before and after they are compacted away, leave a table that shows,
// counts, marks, sorts, filters and lays out exactly as a table given
// only the rows left: random removals (some rows gone already, some
// never listed), rows appended, sorts, reversals, filters and marks.
func TestRemovedRowsAsNeverListed(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	var ts []model.Token
	for i := range 3000 {
		exp := now.Add(time.Duration(rng.IntN(400)-30) * 24 * time.Hour)
		tk := model.Token{Login: fmt.Sprintf("u%d", rng.IntN(50)), Name: fmt.Sprintf("tok-%d", i), Type: model.TokenTypes[i%3],
			CreatedAt: now.Add(-time.Duration(rng.IntN(900)) * time.Hour), ExpiresAt: &exp}
		if i%7 == 0 {
			tk.Name = fmt.Sprintf("a-much-longer-token-name-%d-%s", i, "x"[:i%2])
		}
		ts = append(ts, tk)
	}
	m := newReviewTable(160, 30)
	m.SetTokens(ts[:2500])
	live := slices.Clone(ts[:2500])
	next := 2500
	for step := range 120 {
		switch rng.IntN(6) {
		case 0, 1, 2: // remove some rows, a few gone already or never listed
			var gone []model.Token
			for range rng.IntN(60) + 1 {
				gone = append(gone, ts[rng.IntN(len(ts))])
			}
			m.RemoveTokens(gone)
			live = slices.DeleteFunc(live, func(t model.Token) bool {
				return slices.ContainsFunc(gone, func(g model.Token) bool { return g.Login == t.Login && g.Name == t.Name })
			})
		case 3:
			if next < len(ts) {
				n := min(len(ts), next+rng.IntN(40)+1)
				m.Append(ts[next:n])
				live = append(live, ts[next:n]...)
				next = n
			}
		case 4:
			m = typeKeys(m, []string{"s", "S", "a", " "}[rng.IntN(4)])
		case 5:
			if m.query == "" {
				m = typeText(typeKeys(m, "/"), []string{"tok-1", "u1", "much", "global"}[rng.IntN(4)])
				m = typeKeys(m, "enter")
			} else {
				m = typeKeys(m, "/", "esc")
			}
		}
		ref := newReviewTable(160, 30)
		ref.SetTokens(live)
		col, desc := m.Sort()
		ref = ref.SortedBy(col, desc)
		ref.SetMarked(m.Marked())
		if m.query != "" {
			ref = typeKeys(typeText(typeKeys(ref, "/"), m.filter.Value()), "enter")
		}
		m = typeKeys(m, "g")
		ref = typeKeys(ref, "g")
		switch {
		case m.Len() != ref.Len():
			t.Fatalf("step %d: Len %d, want %d", step, m.Len(), ref.Len())
		case !slices.Equal(names(m.ShownTokens()), names(ref.ShownTokens())):
			t.Fatalf("step %d (sort %v %v, query %q): the shown rows differ from a table of the rows left", step, col, desc, m.query)
		case !slices.Equal(names(m.Tokens()), names(live)), !slices.Equal(m.Names(), ref.Names()):
			t.Fatalf("step %d: Tokens or Names differ from the rows left", step)
		case m.MarkedCount() != ref.MarkedCount() || !slices.Equal(names(m.Marked()), names(ref.Marked())):
			t.Fatalf("step %d: %d marked, want %d", step, m.MarkedCount(), ref.MarkedCount())
		case m.HasOdd() != ref.HasOdd():
			t.Fatalf("step %d: HasOdd %v, want %v", step, m.HasOdd(), ref.HasOdd())
		case m.View() != ref.View():
			t.Fatalf("step %d: the view differs from a table of the rows left:\n%s\nwant:\n%s", step, m.View(), ref.View())
		}
		n := 0
		m.EachToken(func(*model.Token) { n++ })
		if n != len(live) {
			t.Fatalf("step %d: EachToken gave %d tokens, want %d", step, n, len(live))
		}
	}
	if m.nDead == 0 && len(m.dead) == 0 {
		t.Log("note: every removal was compacted")
	}
}
