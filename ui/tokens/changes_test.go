package tokens

import (
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

func ownTable(owner string) Model {
	m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false)
	m.SetSize(98, 20)
	m.SetOwner(owner)
	return m
}

// TestTokensAddedOfItsOwner: a one-user table lists and selects the
// tokens the server created for the user it shows, and ignores another
// user's and those arriving before it loaded.
func TestTokensAddedOfItsOwner(t *testing.T) {
	t.Parallel()
	m := ownTable("ada")
	m, _ = m.Update(common.TokensAddedMsg{Owner: "ada", Tokens: []model.Token{{Login: "ada", Name: "early"}}})
	if m.Loaded() || m.Len() != 0 {
		t.Fatalf("before its load the table listed %v", names(m.ShownTokens()))
	}
	m.SetTokens([]model.Token{{Login: "ada", Name: "laptop"}, {Login: "ada", Name: "ci"}})
	m, _ = m.Update(common.TokensAddedMsg{Owner: "grace", Tokens: []model.Token{{Login: "grace", Name: "hers"}}})
	if m.Len() != 2 {
		t.Fatalf("ada's table listed grace's token: %v", names(m.ShownTokens()))
	}
	m, _ = m.Update(common.TokensAddedMsg{Owner: "ada", Tokens: []model.Token{{Name: "fresh"}}})
	if sel, _ := m.Selected(); m.Len() != 3 || sel.Name != "fresh" || sel.Login != "ada" {
		t.Fatalf("after ada's new token: %v, selected %+v", names(m.ShownTokens()), sel)
	}
}

// TestTokensRevokedDropsThem: the revoked tokens leave the table,
// matched by owner and name; a namesake of another user stays.
func TestTokensRevokedDropsThem(t *testing.T) {
	t.Parallel()
	m := ownTable("ada").WithLogin()
	m.SetTokens([]model.Token{{Login: "ada", Name: "ci"}, {Login: "grace", Name: "ci"}, {Login: "grace", Name: "laptop"}})
	m, _ = m.Update(common.TokensAddedMsg{Owner: "linus", Tokens: []model.Token{{Login: "linus", Name: "kernel"}}})
	m, _ = m.Update(common.TokensRevokedMsg{Tokens: []model.Token{{Login: "grace", Name: "ci"}, {Login: "bob", Name: "laptop"}}})
	got := names(m.ShownTokens())
	slices.Sort(got)
	if want := []string{"ada/ci", "grace/laptop", "linus/kernel"}; !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v (a table of every user takes every owner's)", got, want)
	}
}

// TestChangesReachAFilteringTable: a change arriving while the filter is
// being typed applies all the same.
func TestChangesReachAFilteringTable(t *testing.T) {
	t.Parallel()
	m := ownTable("ada")
	m.SetTokens([]model.Token{{Login: "ada", Name: "laptop"}})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	if !m.Filtering() {
		t.Fatal("/ did not open the filter")
	}
	m, _ = m.Update(common.TokensRevokedMsg{Tokens: []model.Token{{Login: "ada", Name: "laptop"}}})
	if m.Len() != 0 {
		t.Fatalf("rows %v", names(m.ShownTokens()))
	}
}
