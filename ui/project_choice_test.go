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

// projectLines are the lines of the form's Project field: its status and
// its list, without the dialog's border.
func projectLines(m Model) string {
	var out []string
	on := false
	for _, l := range strings.Split(m.View(), "\n") {
		l = strings.TrimRight(strings.Trim(strings.TrimSpace(l), "│"), " ")
		switch {
		case strings.Contains(l, "Project  "):
			on = true
		case strings.Contains(l, "Expires in"):
			on = false
		}
		if on {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return strings.Join(out, "\n")
}

// TestProjectTokenNeedsChosenProject: enter with the project field never
// touched creates nothing; it focuses the field, which reads "no project
// chosen" and draws no project as chosen. ↓ moves the cursor (>) without
// choosing; enter chooses the project under it (●) and generates nothing;
// the next enter generates for it.
func TestProjectTokenNeedsChosenProject(t *testing.T) {
	t.Parallel()
	for _, path := range [][]string{{"enter"}, {"tab", "tab", "enter"}} {
		f := newFake()
		m := projectForm(t, f, nil)
		if v := projectLines(m); strings.Contains(v, "●") || !strings.Contains(v, "no project chosen") {
			t.Fatalf("a project looks chosen before anyone chose it:\n%s", v)
		}
		m = press(m, path...)
		if m.Mode() != ModeForm || len(f.generated) != 0 {
			t.Fatalf("%v: a token was generated for a project nobody chose: %+v", path, f.generated)
		}
		if v := projectLines(m); m.Form().Focused() != create.FieldProject || !strings.Contains(v, "no project chosen") || strings.Contains(v, "●") {
			t.Fatalf("%v: focus %v:\n%s", path, m.Form().Focused(), m.View())
		}
		m = press(m, "down")
		if v := projectLines(m); !strings.Contains(v, "> ○ Web Shop") || strings.Contains(v, "●") || !strings.Contains(v, "no project chosen") {
			t.Fatalf("%v: down chose, or drew no cursor:\n%s", path, v)
		}
		m = press(m, "enter")
		if v := projectLines(m); m.Mode() != ModeForm || len(f.generated) != 0 || !strings.Contains(v, "> ● Web Shop") || !strings.Contains(v, "chosen: Web Shop") {
			t.Fatalf("%v: enter on the list: mode %v, generated %+v:\n%s", path, m.Mode(), f.generated, v)
		}
		m = press(m, "enter")
		if m.Mode() != ModeReveal || len(f.generated) != 1 || f.generated[0].ProjectKey != "web-shop" {
			t.Fatalf("%v: after choosing: mode %v, generated %+v", path, m.Mode(), f.generated)
		}
	}
}

// TestProjectTokenEnterOnList: enter with the project list focused
// chooses the project under the cursor, and only the next enter
// generates; moving on draws the cursor apart from the chosen project,
// and enter on another one chooses it instead.
func TestProjectTokenEnterOnList(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := projectForm(t, f, nil)
	m = press(m, "tab")
	if v := projectLines(m); !strings.Contains(v, "> ○ Payments API") || strings.Contains(v, "●") {
		t.Fatalf("the focused list shows no cursor, or a chosen project:\n%s", v)
	}
	m = press(m, "enter")
	if v := projectLines(m); m.Mode() != ModeForm || len(f.generated) != 0 || !strings.Contains(v, "chosen: Payments API") || !strings.Contains(v, "> ● Payments API") {
		t.Fatalf("enter: mode %v, generated %+v:\n%s", m.Mode(), f.generated, v)
	}
	m = press(m, "down")
	if v := projectLines(m); !strings.Contains(v, "● Payments API") || !strings.Contains(v, "> ○ Web Shop") || !strings.Contains(v, "chosen: Payments API") {
		t.Fatalf("down after choosing:\n%s", v)
	}
	m = press(m, "enter")
	if v := projectLines(m); len(f.generated) != 0 || !strings.Contains(v, "chosen: Web Shop") || !strings.Contains(v, "○ Payments API") {
		t.Fatalf("enter on another project: generated %+v:\n%s", f.generated, v)
	}
	m = press(m, "up", "tab", "enter")
	if m.Mode() != ModeReveal || len(f.generated) != 1 || f.generated[0].ProjectKey != "web-shop" {
		t.Fatalf("mode %v, generated %+v", m.Mode(), f.generated)
	}
}

// TestProjectFilterDoesNotChoose: typing a filter narrows the list and
// puts the cursor on the first match; it chooses nothing.
func TestProjectFilterDoesNotChoose(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := projectForm(t, f, nil)
	m = press(m, "tab")
	m = typeText(m, "shop")
	if v := projectLines(m); !strings.Contains(v, "> ○ Web Shop") || strings.Contains(v, "●") || !strings.Contains(v, "no project chosen") {
		t.Fatalf("the filter chose:\n%s", v)
	}
	m = press(m, "enter", "enter")
	if m.Mode() != ModeReveal || len(f.generated) != 1 || f.generated[0].ProjectKey != "web-shop" {
		t.Fatalf("mode %v, generated %+v", m.Mode(), f.generated)
	}
}

// TestProjectTokenLoneProject: with exactly one scannable project, enter
// generates for it without asking.
func TestProjectTokenLoneProject(t *testing.T) {
	t.Parallel()
	f := newFake()
	f.projects = f.projects[1:]
	m := projectForm(t, f, nil)
	if v := projectLines(m); !strings.Contains(v, "chosen: Web Shop") || !strings.Contains(v, "the only project") {
		t.Fatalf("the lone project is not shown as chosen:\n%s", v)
	}
	m = press(m, "enter")
	if m.Mode() != ModeReveal || len(f.generated) != 1 || f.generated[0].ProjectKey != "web-shop" {
		t.Fatalf("mode %v, generated %+v:\n%s", m.Mode(), f.generated, m.View())
	}
}

// TestProjectTokenPreselected: the project of sonar-project.properties is
// highlighted, said to come from there, and generated for on enter.
func TestProjectTokenPreselected(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := projectForm(t, f, func(o *Options) { o.PropertiesProject = "web-shop" })
	v := projectLines(m)
	if !strings.Contains(v, "● Web Shop") || !strings.Contains(v, "chosen: Web Shop") || !strings.Contains(v, "from sonar-project.properties") {
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
	t.Parallel()
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
