package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
)

// projectForm opens the form on f, names the token and picks the
// Project Analysis type, leaving the Type field focused.
func projectForm(t *testing.T, f *fakeService, opts func(*Options)) Model {
	t.Helper()
	o := Options{Service: f, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}}
	if opts != nil {
		opts(&o)
	}
	m := newModelOpts(t, o, 100, 30)
	m = press(m, "n")
	m = typeText(m, "ci")
	m = press(m, "tab", "right") // User -> Project (wraps)
	if m.Form().Type() != model.TypeProject {
		t.Fatalf("type %v", m.Form().Type())
	}
	return m
}

// TestProjectTokenNeedsChosenProject: enter with the project field never
// touched creates nothing; it focuses the field and says "Choose a
// project". A project the user moves to is then generated for.
func TestProjectTokenNeedsChosenProject(t *testing.T) {
	for _, path := range [][]string{{"enter"}, {"tab", "tab", "enter"}} {
		f := newFake()
		m := projectForm(t, f, nil)
		if strings.Contains(m.View(), "● Payments API") {
			t.Fatalf("the first project looks chosen before anyone chose it:\n%s", m.View())
		}
		m = press(m, path...)
		if m.Mode() != ModeForm || len(f.generated) != 0 {
			t.Fatalf("%v: a token was generated for a project nobody chose: %+v", path, f.generated)
		}
		if m.Form().Focused() != create.FieldProject || !strings.Contains(m.View(), "Choose a project") {
			t.Fatalf("%v: focus %v:\n%s", path, m.Form().Focused(), m.View())
		}
		m = press(m, "down", "enter")
		if m.Mode() != ModeReveal || len(f.generated) != 1 || f.generated[0].ProjectKey != "web-shop" {
			t.Fatalf("%v: after choosing: mode %v, generated %+v", path, m.Mode(), f.generated)
		}
	}
}

// TestProjectTokenEnterOnList: enter with the project list focused takes
// the highlighted project: the user sees it chosen.
func TestProjectTokenEnterOnList(t *testing.T) {
	f := newFake()
	m := projectForm(t, f, nil)
	m = press(m, "tab")
	if !strings.Contains(m.View(), "● Payments API") {
		t.Fatalf("the focused list shows no highlighted project:\n%s", m.View())
	}
	m = press(m, "enter")
	if m.Mode() != ModeReveal || len(f.generated) != 1 || f.generated[0].ProjectKey != "payments-api" {
		t.Fatalf("mode %v, generated %+v", m.Mode(), f.generated)
	}
}

// TestProjectTokenLoneProject: with exactly one scannable project, enter
// generates for it without asking.
func TestProjectTokenLoneProject(t *testing.T) {
	f := newFake()
	f.projects = f.projects[1:]
	m := projectForm(t, f, nil)
	m = press(m, "enter")
	if m.Mode() != ModeReveal || len(f.generated) != 1 || f.generated[0].ProjectKey != "web-shop" {
		t.Fatalf("mode %v, generated %+v:\n%s", m.Mode(), f.generated, m.View())
	}
}

// TestProjectTokenPreselected: the project of sonar-project.properties is
// highlighted, said to come from there, and generated for on enter.
func TestProjectTokenPreselected(t *testing.T) {
	f := newFake()
	m := projectForm(t, f, func(o *Options) { o.PropertiesProject = "web-shop" })
	v := m.View()
	if !strings.Contains(v, "● Web Shop") || !strings.Contains(v, "from sonar-project.properties") {
		t.Fatalf("the preselected project is not shown as such:\n%s", v)
	}
	m = press(m, "enter")
	if m.Mode() != ModeReveal || len(f.generated) != 1 || f.generated[0].ProjectKey != "web-shop" {
		t.Fatalf("mode %v, generated %+v", m.Mode(), f.generated)
	}
}

// driveBoot is drive for the start-up model.
func driveBoot(b tea.Model, msgs ...tea.Msg) tea.Model {
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		var cmd tea.Cmd
		b, cmd = b.Update(queue[0])
		queue = append(queue[1:], runCmd(cmd)...)
	}
	return b
}

// TestEndToEndPropertiesProject: through the start-up wiring and against
// sonarsim, the project of sonar-project.properties is preselected, shown
// as such, and the token is generated for it on enter.
func TestEndToEndPropertiesProject(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simClient(t, "10.6")
	b := NewBoot(context.Background(), BootOptions{
		Options:    Options{Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}},
		Server:     c,
		ProjectKey: "billing-engine",
	})
	var tm tea.Model = b
	tm = driveBoot(tm, tea.WindowSizeMsg{Width: 100, Height: 30})
	tm = driveBoot(tm, runCmd(tm.Init())...)
	tm = driveBoot(tm, keyMsg("n"))
	for _, r := range "props-ci" {
		tm = driveBoot(tm, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	tm = driveBoot(tm, keyMsg("tab"), keyMsg("right"))
	if v := tm.View(); !strings.Contains(v, "● Billing Engine") || !strings.Contains(v, "from sonar-project.properties") {
		t.Fatalf("the project at hand is not preselected and shown as such:\n%s", v)
	}
	tm = driveBoot(tm, keyMsg("enter"))
	info, ok := simToken(sim, "props-ci")
	if !ok || info.ProjectKey != "billing-engine" {
		t.Fatalf("sonarsim has %+v (%v):\n%s", info, ok, tm.View())
	}
}
