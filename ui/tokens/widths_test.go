package tokens

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
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

// titlesOf lists the column titles the table shows.
func titlesOf(m Model) []string {
	var out []string
	for _, c := range m.shown {
		out = append(out, c.String())
	}
	return out
}

// TestColumnWidthsByContent: at 78 columns (an 80-column terminal) the
// review's Login, Name and Project get their widest cells, Created and
// Last use going first to make the room; a long project among them goes
// as a whole column rather than cutting a name, and comes back once its
// row is gone; with room enough every column shows, every cell whole,
// the room over left at the end of the rows.
func TestColumnWidthsByContent(t *testing.T) {
	t.Parallel()
	m := newReviewTable(78, 20)
	m.SetTokens(reviewRows())
	if l, n, p := m.widths[ColLogin], m.widths[ColName], m.widths[ColProject]; l != len("margaret.hamilton") || n != len("sonarlint-intellij-ide") || p != len("Project") {
		t.Fatalf("Login %d, Name %d, Project %d:\n%s", l, n, p, m.View())
	}
	if got := titlesOf(m); !slices.Equal(got, []string{"Login", "Name", "Type", "Project", "Expires"}) {
		t.Fatalf("columns %q", got)
	}
	view := m.View()
	for _, t0 := range reviewRows() {
		if !strings.Contains(view, t0.Login+" ") || !strings.Contains(view, t0.Name+" ") {
			t.Fatalf("%s / %s cut:\n%s", t0.Login, t0.Name, view)
		}
	}
	fits(t, m)

	long := model.Token{Login: "grace", Name: "x", Type: model.TypeProject, ProjectKey: "k", ProjectName: "A Project With A Rather Long Name", CreatedAt: now}
	m.Append([]model.Token{long})
	if got := titlesOf(m); slices.Contains(got, "Project") || m.widths[ColName] != len("sonarlint-intellij-ide") {
		t.Fatalf("with a long project: columns %q, Name %d:\n%s", got, m.widths[ColName], m.View())
	}
	fits(t, m)
	m.RemoveTokens([]model.Token{long})
	if w := m.widths[ColProject]; w != len("Project") || !slices.Contains(titlesOf(m), "Project") {
		t.Fatalf("Project has %d columns once the long one is gone: %q", w, titlesOf(m))
	}

	// With room enough, every column, every cell whole, and the room over
	// at the end of the rows, not in the Name column.
	m.SetSize(200, 20)
	view = m.View()
	if got := titlesOf(m); len(got) != 7 {
		t.Fatalf("at 200 columns: %q", got)
	}
	if n := m.widths[ColName]; n != len("sonarlint-intellij-ide") {
		t.Fatalf("at 200 columns Name takes %d", n)
	}
	for _, t0 := range reviewRows() {
		if !strings.Contains(view, t0.Login+" ") || !strings.Contains(view, t0.Name+" ") {
			t.Fatalf("%s / %s cut:\n%s", t0.Login, t0.Name, view)
		}
	}

	// The own table (no Login): every cell whole, Created gone.
	own := newTable(0, 78, 20)
	own.SetTokens(reviewRows())
	if p, n := own.widths[ColProject], own.widths[ColName]; p != len("Project") || n != len("sonarlint-intellij-ide") || slices.Contains(titlesOf(own), "Created") {
		t.Fatalf("Project %d, Name %d, columns %q", p, n, titlesOf(own))
	}
	for _, w := range []int{40, 48, 58, 60, 76, 89, 90, 100, 200} {
		m.SetSize(w, 20)
		fits(t, m)
		own.SetSize(w, 20)
		fits(t, own)
	}
}

// TestColumnWidthsUsualCells: one very long name among many short ones
// does not take the room of the Login column, nor every other column: the
// usual cells (90%) set the widths when the widest do not fit even once
// every column that may go went.
func TestColumnWidthsUsualCells(t *testing.T) {
	t.Parallel()
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
	if got := titlesOf(m); !slices.Contains(got, "Last use") || !slices.Contains(got, "Type") {
		t.Fatalf("one long name took the columns away: %q", got)
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

// TestOwnTableLongName: in the own table, a name longer than the width
// allows is whole once the other columns went (at 100 columns), and at 78
// is cut in the middle, keeping its end, the other names whole; with many
// rows, the one long name gives way instead and the columns stay, the
// Project column keeping its widest cell ("Payments API").
func TestOwnTableLongName(t *testing.T) {
	t.Parallel()
	long := "a-very-long-token-name-used-by-the-nightly-integration-test-suite-of-the-web-shop"
	ts := []model.Token{
		{Name: long, Type: model.TypeProject, ProjectKey: "web-shop", ProjectName: "Web Shop", CreatedAt: now},
		{Name: "ci-pipeline", Type: model.TypeGlobal, CreatedAt: now},
		{Name: "old-jenkins", Type: model.TypeProject, ProjectKey: "payments", ProjectName: "Payments API", CreatedAt: now},
		{Name: "release-bot", Type: model.TypeUser, CreatedAt: now},
	}
	own := newTable(0, 100, 20)
	own.SetTokens(ts)
	if v := own.View(); !strings.Contains(v, long) {
		t.Fatalf("at 100 the name is cut:\n%s", v)
	}
	for _, w := range []int{48, 58, 60, 70, 78} {
		own.SetSize(w, 20)
		fits(t, own)
		v := own.View()
		for _, n := range []string{"ci-pipeline ", "old-jenkins ", "release-bot "} {
			if !strings.Contains(v, n) {
				t.Errorf("at %d, %q is cut for the long name:\n%s", w, n, v)
			}
		}
		if !strings.Contains(v, "> a-very-long-") || !strings.Contains(v, "…") || !strings.Contains(v, "-shop ") {
			t.Errorf("at %d the long name is not cut in the middle:\n%s", w, v)
		}
	}

	// Among many rows, the one long name gives way.
	for i := range 20 {
		ts = append(ts, model.Token{Name: fmt.Sprintf("laptop-%02d", i), Type: model.TypeUser, CreatedAt: now})
	}
	own.SetSize(78, 30)
	own.SetTokens(ts)
	if p := own.widths[ColProject]; p != len("Payments API") || !slices.Contains(titlesOf(own), "Last use") {
		t.Fatalf("Project %d, columns %q:\n%s", p, titlesOf(own), own.View())
	}
	if v := own.View(); !strings.Contains(v, "Payments API ") || !strings.Contains(v, "…hop ") {
		t.Fatalf("the project is cut, or the name not in the middle:\n%s", v)
	}
}

// TestColumnsDropInOrder: as the table narrows, whole columns go in the
// order the command line drops them: Created, the expired row's day, Last
// use, Project, Type; Name and Login stay whole until none is left to go.
// A column the table is sorted by stays.
func TestColumnsDropInOrder(t *testing.T) {
	t.Parallel()
	gone := now.Add(-3 * 24 * time.Hour)
	ts := []model.Token{
		{Login: "margaret", Name: "nightly-build", Type: model.TypeUser, CreatedAt: now.Add(-90 * 24 * time.Hour), ExpiresAt: &gone},
		{Login: "ken", Name: "scan-payments", Type: model.TypeProject, ProjectName: "Payments API", CreatedAt: now},
	}
	m := newReviewTable(200, 20)
	m.SetTokens(ts)
	// prefix 4, Login 8, Name 13, Type 7, Project 12, Last use 13,
	// Created 10, Expires 18, gaps of 2.
	for _, c := range []struct {
		width   int
		titles  []string
		expired string
	}{
		{97, []string{"Login", "Name", "Type", "Project", "Last use", "Created", "Expires"}, "expired 2026-11-23"},
		{96, []string{"Login", "Name", "Type", "Project", "Last use", "Expires"}, "expired 2026-11-23"},
		{85, []string{"Login", "Name", "Type", "Project", "Last use", "Expires"}, "expired 2026-11-23"},
		{84, []string{"Login", "Name", "Type", "Project", "Last use", "Expires"}, "expired "},
		{77, []string{"Login", "Name", "Type", "Project", "Last use", "Expires"}, "expired "},
		{76, []string{"Login", "Name", "Type", "Project", "Expires"}, "expired "},
		{62, []string{"Login", "Name", "Type", "Project", "Expires"}, "expired "},
		{61, []string{"Login", "Name", "Type", "Expires"}, "expired "},
		{48, []string{"Login", "Name", "Type", "Expires"}, "expired "},
		{47, []string{"Login", "Name", "Expires"}, "expired "},
		{37, []string{"Login", "Name", "Expires"}, "expired "},
	} {
		m.SetSize(c.width, 20)
		if got := titlesOf(m); !slices.Equal(got, c.titles) {
			t.Errorf("at %d: %q, want %q", c.width, got, c.titles)
		}
		v := m.View()
		if !strings.Contains(v, c.expired) {
			t.Errorf("at %d the expired row does not read %q:\n%s", c.width, c.expired, v)
		}
		if !strings.Contains(v, "margaret ") || !strings.Contains(v, "scan-payments ") {
			t.Errorf("at %d a login or a name is cut:\n%s", c.width, v)
		}
		fits(t, m)
	}
	// Sorted by Created, the table keeps it and drops the next.
	m.sortCol = ColCreated
	m.SetSize(80, 20)
	if got := titlesOf(m); !slices.Contains(got, "Created") || slices.Contains(got, "Last use") {
		t.Errorf("sorted by Created at 80: %q", got)
	}
}

// TestRowsOnScreenReadApart: tokens whose names and projects share their
// start (the "scan-payme… Project Payments A…" twice at 60x20)
// are cut in the middle, names apart only in their middle show a window
// of it, and no two rows on screen read the same, at every width the
// console allows.
func TestRowsOnScreenReadApart(t *testing.T) {
	t.Parallel()
	var ts []model.Token
	for i, env := range []string{"eu-west", "us-west", "eu-east", "us-east", "ap-south"} {
		ts = append(ts, model.Token{Login: "admin", Name: "scan-payments-api-" + env, Type: model.TypeProject, ProjectKey: "pay",
			ProjectName: "Payments API " + env, CreatedAt: now.Add(-time.Duration(i) * time.Hour)})
		ts = append(ts, model.Token{Login: "release-automation-" + env, Name: "release-bot-2026-12-04-rotated-" + env, Type: model.TypeUser, CreatedAt: now})
	}
	// Names apart only in a middle no cut that keeps both ends can show
	// at 60x20 or 50x15 (a try-out of issue 19 found them reading alike).
	for _, region := range []string{"eu", "us"} {
		ts = append(ts, model.Token{Login: "admin", Name: "jenkins-team-platform-" + region + "-sonar-scanner-nightly-build", Type: model.TypeUser, CreatedAt: now})
	}
	for _, c := range "ABC" {
		ts = append(ts, model.Token{Login: "admin", Name: strings.Repeat("p", 30) + string(c) + strings.Repeat("p", 30), Type: model.TypeUser, CreatedAt: now})
	}
	for _, review := range []bool{false, true} {
		for w := 40; w <= 120; w++ { // the console's content area is 48 wide at least
			m := newTable(0, w, 30)
			if review {
				m = newReviewTable(w, 30)
			}
			m.SetTokens(ts)
			lines := strings.Split(m.View(), "\n")[1:]
			seen := map[string]bool{}
			for _, l := range lines {
				row := strings.TrimSpace(strings.TrimPrefix(l, ">"))
				if seen[row] {
					t.Fatalf("review %v at %d: two rows read %q:\n%s", review, w, row, m.View())
				}
				seen[row] = true
			}
			fits(t, m)
		}
	}
}

// TestWidthsTrackRows: the widest cells follow the rows as they come and
// go, however wide (beyond the histograms' 63 cells), without a scan of
// the rows on a key.
func TestWidthsTrackRows(t *testing.T) {
	t.Parallel()
	m := newReviewTable(300, 20)
	m.SetTokens(reviewRows())
	long := model.Token{Login: "ada", Name: strings.Repeat("n", 90), Type: model.TypeUser, CreatedAt: now}
	m.Append([]model.Token{long})
	if n := m.widths[ColName]; n != 90 {
		t.Fatalf("Name %d, want 90", n)
	}
	m.RemoveTokens([]model.Token{long})
	if n := m.widths[ColName]; n != len("sonarlint-intellij-ide") {
		t.Fatalf("Name %d once the long one is gone", n)
	}
	// Wide characters count two cells, escapes what they show.
	odd := []model.Token{
		{Login: "ada", Name: "日本語のトークン", Type: model.TypeUser, CreatedAt: now},
		{Login: "ada", Name: "x\x1b[2J", Type: model.TypeUser, CreatedAt: now},
	}
	m.SetTokens(odd)
	if n := m.widths[ColName]; n != 16 {
		t.Fatalf("Name %d, want 16 (8 wide characters)", n)
	}
	for w := 40; w < 60; w++ {
		m.SetSize(w, 20)
		fits(t, m)
		if v := m.View(); strings.Contains(v, "\x1b[2J") || strings.Contains(v, `\…`) {
			t.Fatalf("at %d the name reached the screen raw or half escaped:\n%q", w, v)
		}
	}
}

// BenchmarkLayout200k times what a key that changes the layout (s, the
// sort) costs with 200,000 rows: the column widths come from the counts
// kept as rows come and go, never from the rows.
func BenchmarkLayout200k(b *testing.B) {
	m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false).WithLogin()
	m.SetSize(120, 40)
	ts := many(200000)
	for i := range ts {
		ts[i].Name = fmt.Sprintf("%s-%d", ts[i].Name, i)
	}
	m.SetTokens(ts)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.SetSize(100+i%40, 40)
		_ = m.View()
	}
}
