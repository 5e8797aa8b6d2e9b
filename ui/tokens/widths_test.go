package tokens

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/sonartoken/sonartoken/model"
)

// reviewRows are a review's rows as a real instance has them: logins and
// names of 12 to 22 characters, and one project token among many.
func reviewRows() []model.Token {
	ts := []model.Token{
		{Login: "john.earnest", Name: "azure-devops-pipeline", Type: model.TypeUser, CreatedAt: now},
		{Login: "margaret.hamilton", Name: "laptop", Type: model.TypeUser, CreatedAt: now},
		{Login: "ken", Name: "sonarlint-intellij-ide", Type: model.TypeUser, CreatedAt: now},
		{Login: "dennis", Name: "release-bot", Type: model.TypeGlobal, CreatedAt: now},
		{Login: "ada", Name: "scan-web", Type: model.TypeProject, ProjectKey: "web", ProjectName: "Web", CreatedAt: now},
	}
	return ts
}

// TestColumnWidthsByContent: at 78 columns (an 80-column terminal), a
// Project column empty in most rows keeps only its title's width and the
// Created date gives way in the review, so Login and Name get the room
// (they had 8 and 12 columns, now 14 and 18); a long project then takes its share and
// gives it back once its row is gone; with room enough, every cell shows
// whole. Every line fits the width.
func TestColumnWidthsByContent(t *testing.T) {
	m := newReviewTable(78, 20)
	m.SetTokens(reviewRows())
	if l, n, p := m.widths[ColLogin], m.widths[ColName], m.widths[ColProject]; l < 12 || n < 18 || p != len("Project") {
		t.Fatalf("Login %d, Name %d, Project %d:\n%s", l, n, p, m.View())
	}
	view := m.View()
	for _, s := range []string{"john.earnest ", "release-bot ", "laptop ", "azure-devops-pipe"} {
		if !strings.Contains(view, s) {
			t.Fatalf("no %q:\n%s", s, view)
		}
	}
	fits(t, m)

	long := model.Token{Login: "grace", Name: "x", Type: model.TypeProject, ProjectKey: "k", ProjectName: "A Project With A Rather Long Name", CreatedAt: now}
	m.Append([]model.Token{long})
	if w := m.widths[ColProject]; w <= len("Project") || w >= m.widths[ColName] {
		t.Fatalf("the long project got %d columns, Name %d", w, m.widths[ColName])
	}
	fits(t, m)
	m.RemoveTokens([]model.Token{long})
	if w := m.widths[ColProject]; w != len("Project") {
		t.Fatalf("Project kept %d columns", w)
	}

	// With room enough, every cell whole.
	m.SetSize(120, 20)
	view = m.View()
	for _, t0 := range reviewRows() {
		if !strings.Contains(view, t0.Login+" ") || !strings.Contains(view, t0.Name+" ") {
			t.Fatalf("%s / %s cut:\n%s", t0.Login, t0.Name, view)
		}
	}

	// The own table (no Login): Project as wide as its title, Name the rest.
	own := newTable(0, 78, 20)
	own.SetTokens(reviewRows())
	if p, n := own.widths[ColProject], own.widths[ColName]; p != len("Project") || n < len("sonarlint-intellij-ide") {
		t.Fatalf("Project %d, Name %d", p, n)
	}
	for _, w := range []int{58, 60, 76, 89, 90, 100, 200} { // the console needs 60 columns
		m.SetSize(w, 20)
		fits(t, m)
		own.SetSize(w, 20)
		fits(t, own)
	}
}

// TestColumnWidthsUsualCells: one very long name among many short ones
// does not take the room of the Login column: the usual cells (90%) set
// the widths when the widest do not all fit.
func TestColumnWidthsUsualCells(t *testing.T) {
	m := newReviewTable(78, 20)
	var ts []model.Token
	for i := range 30 {
		ts = append(ts, model.Token{Login: "margaret.hamilton", Name: "ci-" + string(rune('a'+i%26)), Type: model.TypeUser, CreatedAt: now})
	}
	ts = append(ts, model.Token{Login: "ken", Name: "a-very-long-token-name-used-by-the-nightly-integration-test-suite", Type: model.TypeUser, CreatedAt: now})
	m.SetTokens(ts)
	if l := m.widths[ColLogin]; l < len("margaret.hamilton") {
		t.Fatalf("Login %d:\n%s", l, m.View())
	}
}

func fits(t *testing.T, m Model) {
	t.Helper()
	for i, l := range strings.Split(m.View(), "\n") {
		if w := lipgloss.Width(l); w > m.Width {
			t.Fatalf("line %d is %d wide at %d:\n%s", i+1, w, m.Width, m.View())
		}
	}
}

// TestOwnTableLongNameYieldsFirst: in the own table, one very long name
// does not squeeze the Project column: the longest cells give way first,
// so Project keeps its widest cell ("Payments API") when the room allows
// and Name takes the rest; with too little room for both, each is cut.
func TestOwnTableLongNameYieldsFirst(t *testing.T) {
	own := newTable(0, 78, 20) // an 80-column terminal
	own.SetTokens([]model.Token{
		{Name: "a-very-long-token-name-used-by-the-nightly-integration-test-suite-of-the-web-shop", Type: model.TypeProject, ProjectKey: "web-shop", ProjectName: "Web Shop", CreatedAt: now},
		{Name: "ci-pipeline", Type: model.TypeGlobal, CreatedAt: now},
		{Name: "old-jenkins", Type: model.TypeProject, ProjectKey: "payments", ProjectName: "Payments API", CreatedAt: now},
		{Name: "release-bot", Type: model.TypeUser, CreatedAt: now},
	})
	if p, n := own.widths[ColProject], own.widths[ColName]; p != len("Payments API") || n < len("release-bot") {
		t.Fatalf("Project %d, Name %d:\n%s", p, n, own.View())
	}
	if !strings.Contains(own.View(), "Payments API ") {
		t.Fatalf("the project is cut:\n%s", own.View())
	}
	for _, w := range []int{58, 60, 70, 76, 100} {
		own.SetSize(w, 20)
		fits(t, own)
		if p, n := own.widths[ColProject], own.widths[ColName]; p > n {
			t.Errorf("at %d, Project %d is wider than Name %d", w, p, n)
		}
	}
}
