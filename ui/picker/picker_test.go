package picker

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/internal/widthpin"
)

func TestMain(m *testing.M) {
	widthpin.Pin()
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// loaded returns a picker whose first page (four users) has arrived.
func loaded(t *testing.T) common.Dialog {
	t.Helper()
	c := common.New(func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
	c.StaticCursor = true
	two, none := 2, 0
	users := []model.User{
		{Login: "ada", Name: "Ada Lovelace", Active: true, TokensCount: &two},
		{Login: "admin", Name: "Administrator", Active: true, TokensCount: &two},
		{Login: "grace", Name: "Grace Hopper", Active: true, TokensCount: &none},
		{Login: "linus", Name: "Linus Torvalds", Active: true, TokensCount: &two},
	}
	search := func(q string) tea.Cmd {
		return func() tea.Msg { return UsersMsg{Query: q, Page: client.UsersPage{Users: users, Total: len(users)}} }
	}
	var d common.Dialog = New(c, "admin", search)
	d, _ = d.Update(search("")())
	return d
}

// TestGoldenSizes: the picker at the three sizes every screen is checked
// at (the content area the root hands it), within its width.
func TestGoldenSizes(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{60, 12}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w, h := size[0]-2, size[1]-5
			v := loaded(t).SetSize(w, h).View()
			if lipgloss.Width(v) > w {
				t.Errorf("%d cells wide in %d:\n%s", lipgloss.Width(v), w, v)
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// TestTypeAndChoose: typing filters the loaded users, enter opens the one
// selected, esc cancels.
func TestTypeAndChoose(t *testing.T) {
	t.Parallel()
	d := loaded(t).SetSize(78, 19)
	for _, r := range "grace" {
		d, _ = d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if got := d.(Model).Matches(); len(got) != 1 || got[0].Login != "grace" {
		t.Fatalf("matches %+v", got)
	}
	if !strings.Contains(d.View(), "Grace Hopper") || strings.Contains(d.View(), "Ada Lovelace") {
		t.Fatalf("view:\n%s", d.View())
	}
	closed, cmd := d.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if closed != nil || cmd == nil || cmd() != (common.ShowUserMsg{Login: "grace"}) {
		t.Fatal("enter does not open grace's tokens")
	}
	if closed, cmd = d.Update(tea.KeyMsg{Type: tea.KeyEsc}); closed != nil || cmd != nil {
		t.Fatal("esc does not cancel")
	}
}

// pickerWith returns a picker whose first page holds users (all of them).
func pickerWith(t *testing.T, me string, users []model.User) common.Dialog {
	t.Helper()
	c := common.New(func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
	c.StaticCursor = true
	search := func(q string) tea.Cmd {
		return func() tea.Msg { return UsersMsg{Query: q, Page: client.UsersPage{Users: users, Total: len(users)}} }
	}
	var d common.Dialog = New(c, me, search)
	d, _ = d.Update(search("")())
	return d.SetSize(78, 19)
}

func logins(d common.Dialog) []string {
	var out []string
	for _, u := range d.(Model).Matches() {
		out = append(out, u.Login)
	}
	return out
}

// TestFuzzyUsers: "brain" finds brian.torvalds (two letters swapped);
// a user whose login, name or email contains what is typed comes first,
// then those with one typo, then those with the letters in order.
func TestFuzzyUsers(t *testing.T) {
	t.Parallel()
	users := []model.User{
		{Login: "ada", Name: "Ada Lovelace", Active: true},
		{Login: "brian.torvalds", Name: "Brian Torvalds", Active: true},
		{Login: "linus", Name: "Linus Brainard", Active: true},
		{Login: "bertrand.rain", Name: "Bertrand Rain", Active: true},
	}
	d := pickerWith(t, "ada", users)
	for _, r := range "brain" {
		d, _ = d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	// linus's name holds "brain"; brian.torvalds holds it with two
	// letters swapped, and bertrand.rain's "rain" with its first letter
	// missing; ada not at all.
	if got := logins(d); !slices.Equal(got, []string{"linus", "brian.torvalds", "bertrand.rain"}) {
		t.Fatalf("brain finds %q", got)
	}
	if v := d.View(); !strings.Contains(v, "Brian Torvalds") {
		t.Fatalf("view:\n%s", v)
	}
	d = pickerWith(t, "ada", users)
	for _, r := range "btrv" { // letters in order
		d, _ = d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if got := logins(d); !slices.Equal(got, []string{"brian.torvalds"}) {
		t.Fatalf("btrv finds %q", got)
	}
}

// TestFuzzyUsersOnABigServer: with more users than a page, the server
// searches what is typed, as a substring: it finds no "brain". The picker
// then asks for each half ("br", "ain") and finds brian.torvalds among
// their users.
func TestFuzzyUsersOnABigServer(t *testing.T) {
	t.Parallel()
	var users []model.User
	for i := range PageSize + 100 {
		users = append(users, model.User{Login: fmt.Sprintf("user.%04d", i), Name: fmt.Sprintf("User %d", i), Active: true})
	}
	users = append(users, model.User{Login: "brian.torvalds", Name: "Brian Torvalds", Active: true})
	var asked []string
	search := func(q string) tea.Cmd {
		asked = append(asked, q)
		return func() tea.Msg {
			var page []model.User
			for _, u := range users {
				if strings.Contains(strings.ToLower(u.Login+" "+u.Name), strings.ToLower(q)) && len(page) < PageSize {
					page = append(page, u)
				}
			}
			return UsersMsg{Query: q, Page: client.UsersPage{Users: page, Total: len(users)}}
		}
	}
	c := common.New(func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
	var d common.Dialog = New(c, "admin", search)
	d, _ = d.Update(search("")())
	d = d.SetSize(78, 19)
	for _, r := range "brain" {
		d, _ = d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	d, cmd := d.Update(debounceMsg{seq: d.(Model).seq, query: "brain"})
	d, cmd = d.Update(cmd()) // the server finds no "brain"
	if cmd == nil {
		t.Fatal("no search for close users")
	}
	batch, ok := cmd().(tea.BatchMsg)
	if !ok {
		t.Fatalf("%T", cmd())
	}
	for _, c := range batch {
		d, _ = d.Update(c())
	}
	if !slices.Equal(asked[len(asked)-2:], []string{"br", "ain"}) {
		t.Errorf("asked %q", asked)
	}
	if got := logins(d); len(got) == 0 || got[0] != "brian.torvalds" || d.(Model).Loading() {
		t.Fatalf("brain finds %q (loading %v)", got, d.(Model).Loading())
	}
}
