package ui

import (
	"strings"
	"testing"

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
