package tokens

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
)

// tiedTokens are tokens with many equal sort keys: shared creation times,
// missing last uses and expirations, names equal but for case, the same
// name under several logins.
func tiedTokens() []model.Token {
	var ts []model.Token
	for i := range 300 {
		created := now.Add(-time.Duration(i%5) * time.Hour)
		t := model.Token{Login: fmt.Sprintf("u%d", i%7), Name: fmt.Sprintf("tok-%d", i%40), Type: model.TokenTypes[i%3], CreatedAt: created}
		if i%2 == 0 {
			t.Name = strings.ToUpper(t.Name)
		}
		if i%3 != 0 {
			exp := now.Add(time.Duration(i%4) * 24 * time.Hour)
			t.ExpiresAt = &exp
		}
		if i%4 != 0 {
			used := now.Add(-time.Duration(i%6) * time.Hour)
			t.LastUsed = &used
		}
		if t.Type == model.TypeProject && i%5 != 0 {
			t.ProjectKey, t.ProjectName = fmt.Sprintf("p%d", i%3), fmt.Sprintf("Project %d", i%3)
		}
		ts = append(ts, t)
	}
	// Logins and names are unique together: keep the first of each.
	seen := map[string]bool{}
	out := ts[:0]
	for _, t := range ts {
		if !seen[t.Login+"\x00"+t.Name] {
			seen[t.Login+"\x00"+t.Name] = true
			out = append(out, t)
		}
	}
	return out
}

// referenceLess is the documented order of a column, written out plainly:
// the column's value, then the name (case-insensitive, then exact), then
// the login. Never used sorts first, no expiration last.
func referenceLess(col Column, a, b model.Token) bool {
	optional := func(x, y *time.Time, nilFirst bool) (bool, bool) {
		switch {
		case x == nil && y == nil:
			return false, false
		case x == nil:
			return nilFirst, true
		case y == nil:
			return !nilFirst, true
		case !x.Equal(*y):
			return x.Before(*y), true
		}
		return false, false
	}
	switch col {
	case ColType:
		if a.Type.ShortLabel() != b.Type.ShortLabel() {
			return a.Type.ShortLabel() < b.Type.ShortLabel()
		}
	case ColProject:
		if pa, pb := strings.ToLower(projectLabel(a)), strings.ToLower(projectLabel(b)); pa != pb {
			return pa < pb
		}
	case ColLogin:
		if a.Login != b.Login {
			return a.Login < b.Login
		}
	case ColLastUse:
		if less, ok := optional(a.LastUsed, b.LastUsed, true); ok {
			return less
		}
	case ColCreated:
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
	case ColExpires:
		if less, ok := optional(a.ExpiresAt, b.ExpiresAt, false); ok {
			return less
		}
	case ColName:
	}
	if na, nb := strings.ToLower(a.Name), strings.ToLower(b.Name); na != nb {
		return na < nb
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.Login < b.Login
}

// TestSortEveryColumnBothWays presses s through every column and S on
// each, and checks the rows against the documented order, ascending and
// exactly reversed, also after rows stream in and go while reversed.
func TestSortEveryColumnBothWays(t *testing.T) {
	t.Parallel()
	ts := tiedTokens()
	m := newReviewTable(160, 30)
	m.Append(ts)
	s := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("s")}
	rev := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("S")}
	for range len(m.cols) {
		col, _ := m.Sort()
		want := slices.Clone(ts)
		sort.SliceStable(want, func(i, j int) bool { return referenceLess(col, want[i], want[j]) })
		if got := names(m.ShownTokens()); !slices.Equal(got, names(want)) {
			t.Fatalf("sort by %v ascending:\n got %v\nwant %v", col, got[:10], names(want)[:10])
		}
		m, _ = m.Update(rev)
		slices.Reverse(want)
		if got := names(m.ShownTokens()); !slices.Equal(got, names(want)) {
			t.Fatalf("sort by %v descending:\n got %v\nwant %v", col, got[:10], names(want)[:10])
		}
		// Rows streaming in and going while reversed keep the order.
		extra := model.Token{Login: "zz", Name: "late", CreatedAt: now, Type: model.TypeUser}
		m.Append([]model.Token{extra})
		m.RemoveTokens([]model.Token{extra, ts[0]})
		want = slices.DeleteFunc(want, func(t model.Token) bool { return t.Login == ts[0].Login && t.Name == ts[0].Name })
		if got := names(m.ShownTokens()); !slices.Equal(got, names(want)) {
			t.Fatalf("sort by %v descending after append and removal:\n got %v\nwant %v", col, got[:10], names(want)[:10])
		}
		m.Append(ts[:1])
		m, _ = m.Update(rev)
		m, _ = m.Update(s)
	}
}
