package create

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

func newForm(t *testing.T, w, h int) Model {
	t.Helper()
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	c := common.New(func() time.Time { return now })
	c.StaticCursor = true
	c.SetSize(w, h)
	caps := model.CapabilitiesOf(model.Version{Major: 10, Minor: 6})
	m := New(c, Params{Caps: caps, Login: "ada", Types: []model.TokenType{model.TypeProject, model.TypeGlobal, model.TypeUser},
		Projects: []model.Project{{Key: "shop", Name: "Shop"}}})
	return m.SetSize(w, h).(Model)
}

// flat is the dialog's text without its frame, in single spaces.
func flat(v string) string {
	v = strings.NewReplacer("│", " ", "╭", " ", "╮", " ", "╰", " ", "╯", " ", "─", " ").Replace(v)
	return strings.Join(strings.Fields(v), " ")
}

func press(m Model, k tea.KeyType) Model {
	d, _ := m.Update(tea.KeyMsg{Type: k})
	return d.(Model)
}

// Each type says what it is for, and the hint follows the chosen type;
// the expiration choices say SonarQube mails the owner before expiry,
// wrapped (not cut) at 80 columns.
func TestFormHintsPerTypeAndExpiry(t *testing.T) {
	t.Parallel()
	m := newForm(t, 80, 40)
	m = press(m, tea.KeyTab) // the Type field
	seen := map[model.TokenType]bool{}
	for range m.p.Types {
		v := m.View()
		typ := m.Type()
		if !strings.Contains(v, typ.Purpose()) {
			t.Errorf("%s: the form lacks %q:\n%s", typ, typ.Purpose(), v)
		}
		for _, other := range model.TokenTypes {
			if other != typ && strings.Contains(v, other.Purpose()) {
				t.Errorf("%s: the form shows the hint of %s", typ, other)
			}
		}
		if !strings.Contains(flat(v), model.ExpiryEmailNote) {
			t.Errorf("the form lacks the email note:\n%s", v)
		}
		seen[typ] = true
		m = press(m, tea.KeyRight)
	}
	if len(seen) != 3 {
		t.Errorf("types seen: %v", seen)
	}
	want := map[model.TokenType]string{
		model.TypeUser:    "for the Web API and SonarQube for IDE connected mode",
		model.TypeProject: "recommended for a CI pipeline analysing one project",
		model.TypeGlobal:  "for CI pipelines analysing many projects",
	}
	for typ, w := range want {
		if typ.Purpose() != w {
			t.Errorf("%s: %q", typ, typ.Purpose())
		}
	}
}

// "No expiration" has no expiry to be mailed about.
func TestNoEmailNoteWithoutExpiry(t *testing.T) {
	t.Parallel()
	m := newForm(t, 100, 40)
	m = press(m, tea.KeyTab)
	m = press(m, tea.KeyTab) // Expires in (the User type needs no project)
	for i := 0; i < 10 && !strings.Contains(m.View(), "never expire"); i++ {
		m = press(m, tea.KeyRight)
	}
	if strings.Contains(flat(m.View()), model.ExpiryEmailNote) {
		t.Errorf("the email note under No expiration:\n%s", m.View())
	}
}
