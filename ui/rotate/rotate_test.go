package rotate

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// TestPlanNamesOldExpiryDay: the plan of a rotation names the old token's
// expiry by the day it was generated with (2027-01-15), though a server in
// New York answered it as the evening before, for a user in Honolulu.
func TestPlanNamesOldExpiryDay(t *testing.T) {
	loc, err := time.LoadLocation("Pacific/Honolulu")
	if err != nil {
		t.Skip(err)
	}
	old := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = old })
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	created, _ := time.Parse("2006-01-02T15:04:05-0700", "2026-11-16T19:00:00-0500")
	exp, _ := time.Parse("2006-01-02T15:04:05-0700", "2027-01-14T19:00:00-0500")
	c := common.New(func() time.Time { return now })
	c.SetSize(100, 30)
	m := New(c, Params{Old: model.Token{Login: "ada", Name: "ci", Type: model.TypeUser, CreatedAt: created, ExpiresAt: &exp},
		Caps: model.CapabilitiesOf(model.Version{Major: 10, Minor: 6})}, nil)
	view := m.View()
	if !strings.Contains(view, "(the old one: 2027-01-15)") {
		t.Errorf("the plan should name the old expiry 2027-01-15:\n%s", view)
	}
}

// TestAskRevokeNamesOldPrintable: y before the value was copied asks
// again, naming the old token, whose terminal controls show as visible
// escapes, never raw.
func TestAskRevokeNamesOldPrintable(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	c := common.New(func() time.Time { return now })
	name := "ci\x1b]0;PWNED\a\u202e"
	m := New(c, Params{Old: model.Token{Login: "ada", Name: name, Type: model.TypeUser, CreatedAt: now},
		Caps: model.CapabilitiesOf(model.Version{Major: 10, Minor: 6})}, nil)
	d := m.SetSize(100, 40)
	m = d.(Model)
	m.SetGenerated(model.NewToken{Token: model.Token{Login: "ada", Name: "ci-new", Type: model.TypeUser, CreatedAt: now}, Value: model.NewSecret("squ_0123456789abcdef")})
	d, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'y'}})
	for _, h := range []int{40, 12} {
		view := d.SetSize(100, h).View()
		if strings.ContainsAny(view, "\x1b\a\u202e") {
			t.Fatalf("the question at %d lines holds raw controls:\n%q", h, view)
		}
		if h == 40 && !strings.Contains(strings.Join(strings.Fields(view), ""), `revoke"ci\e]0;PWNED\a\u202e"anyway`) {
			t.Errorf("the question lacks the escaped name:\n%s", view)
		}
	}
}
