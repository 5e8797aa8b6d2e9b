package review

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

var chartNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// chartTokens: ada has one expired User token and one expiring in 3 days,
// bob a Global token expiring in 10 days and a Project token with no
// expiration.
func chartTokens() []model.Token {
	in := func(days int) *time.Time { t := chartNow.Add(time.Duration(days) * 24 * time.Hour); return &t }
	return []model.Token{
		{Login: "ada", Name: "old", Type: model.TypeUser, CreatedAt: chartNow.AddDate(0, -3, 0), ExpiresAt: in(-2)},
		{Login: "ada", Name: "soon", Type: model.TypeUser, CreatedAt: chartNow.AddDate(0, -1, 0), ExpiresAt: in(3)},
		{Login: "bob", Name: "ci-global", Type: model.TypeGlobal, CreatedAt: chartNow.AddDate(0, -1, 0), ExpiresAt: in(10)},
		{Login: "bob", Name: "forever", Type: model.TypeProject, ProjectKey: "p", CreatedAt: chartNow.AddDate(0, -1, 0)},
	}
}

func chartReview(t *testing.T, version model.Version, w, h int) Model {
	t.Helper()
	m := New(common.New(func() time.Time { return chartNow }), model.CapabilitiesOf(version), false)
	m.Zone = time.UTC
	m.SetSize(w, h)
	m.Start()
	m.AddTokens(chartTokens())
	m.Finish(false)
	return m
}

func send(m Model, keys ...string) Model {
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "left":
			msg = tea.KeyMsg{Type: tea.KeyLeft}
		case "right":
			msg = tea.KeyMsg{Type: tea.KeyRight}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		m, _ = m.Update(msg)
	}
	return m
}

func names(m Model) string {
	var out []string
	for _, t := range m.Table().ShownTokens() {
		out = append(out, t.Name)
	}
	return strings.Join(out, ",")
}

var v106 = model.Version{Major: 10, Minor: 6}

// The chart shows above the table when there is room, and → then →
// filters the table to the coming week; 0 shows all again.
func TestReviewChartFiltersToAWeek(t *testing.T) {
	t.Parallel()
	m := chartReview(t, v106, 100, 26)
	v := ansi.Strip(m.View())
	if !m.chartShown() || !strings.Contains(v, "Expiry by week") || !strings.Contains(v, "By type: User 2 · Global 1 · Project 1") {
		t.Fatalf("no chart at 100x26:\n%s", v)
	}
	if lipgloss.Height(m.View()) > 26 {
		t.Errorf("%d lines at 100x26", lipgloss.Height(m.View()))
	}
	m = send(m, "right", "right")
	if m.Bucket() != model.BucketWeek(0) || names(m) != "soon" {
		t.Fatalf("→ → : bucket %d, rows %s", m.Bucket(), names(m))
	}
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "Only: expiring 12-01 to 12-07") || !strings.Contains(v, "Picked: expiring 12-01 to 12-07, 1 token") {
		t.Errorf("the filter is not named:\n%s", v)
	}
	m = send(m, "right")
	if names(m) != "ci-global" {
		t.Errorf("the next week: %s", names(m))
	}
	m = send(m, "0")
	if m.Bucket() != model.BucketNone || len(m.Table().ShownTokens()) != 4 {
		t.Errorf("0 keeps bucket %d, rows %s", m.Bucket(), names(m))
	}
}

// The chart counts what the other filters keep: with "by login" on bob,
// the bars hold bob's tokens only, while the week picked still filters.
func TestReviewChartFollowsFilters(t *testing.T) {
	t.Parallel()
	m := chartReview(t, v106, 100, 26)
	m = send(m, "1") // expired only
	if v := ansi.Strip(m.View()); !strings.Contains(v, "1 token in the chart") {
		t.Errorf("with the expired filter:\n%s", v)
	}
	m = send(m, "0", "t") // type: User
	if v := ansi.Strip(m.View()); !strings.Contains(v, "By type: User 2 · Global 0 · Project 0 · 2 tokens") {
		t.Errorf("with the type filter:\n%s", v)
	}
	m = send(m, "right", "right") // the coming week, of User tokens
	if names(m) != "soon" {
		t.Errorf("rows %s", names(m))
	}
	// The picked bar does not empty the others: the chart still counts 2.
	if v := ansi.Strip(m.View()); !strings.Contains(v, "2 tokens in the chart") {
		t.Errorf("the picked bar narrows the chart:\n%s", v)
	}
}

// w hides the chart (and drops its filter) and shows it again; on a short
// terminal the table keeps its room; before 9.6 w says why there is none.
func TestReviewChartToggleAndRoom(t *testing.T) {
	t.Parallel()
	m := chartReview(t, v106, 100, 26)
	m = send(m, "right")
	m = send(m, "w")
	if m.chartShown() || m.Bucket() != model.BucketNone || len(m.Table().ShownTokens()) != 4 {
		t.Errorf("w: shown %v, bucket %d, rows %s", m.chartShown(), m.Bucket(), names(m))
	}
	if strings.Contains(m.View(), "Expiry by week") {
		t.Error("the hidden chart is drawn")
	}
	if m = send(m, "w"); !m.chartShown() {
		t.Error("w again does not show it")
	}
	short := chartReview(t, v106, 80, 14)
	if short.chartShown() {
		t.Errorf("a chart at 80x14:\n%s", short.View())
	}
	short = send(short, "w")
	if !strings.Contains(short.ChartNote(), "No room") {
		t.Errorf("w at 80x14: %q", short.ChartNote())
	}
	old := chartReview(t, model.Version{Major: 9, Minor: 5}, 100, 26)
	if old.chartShown() {
		t.Error("a chart on 9.5, which has no expiration dates")
	}
	if old = send(old, "w"); !strings.Contains(old.ChartNote(), "9.6") {
		t.Errorf("w on 9.5: %q", old.ChartNote())
	}
	// ← and → do nothing to the table without a chart.
	if old = send(old, "right"); old.Bucket() != model.BucketNone {
		t.Error("→ filters without a chart")
	}
}

// The chart counts what the typed filter keeps while typing and erasing,
// including the counts it kept for a query typed before (recountTyped),
// and a quick filter changed meanwhile counts anew.
func TestReviewChartFollowsTyping(t *testing.T) {
	t.Parallel()
	m := chartReview(t, v106, 100, 26)
	inChart := func(m Model) string {
		for _, l := range strings.Split(ansi.Strip(m.View()), "\n") {
			if i := strings.Index(l, "By type:"); i >= 0 {
				return strings.TrimSpace(l[i:])
			}
		}
		t.Fatalf("no By type line:\n%s", ansi.Strip(m.View()))
		return ""
	}
	all := inChart(m)
	m = send(m, "/", "b", "o")
	bob := inChart(m)
	if !strings.Contains(bob, "User 0 · Global 1 · Project 1") {
		t.Fatalf("typing bo: %s", bob)
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if got := inChart(m); got != all {
		t.Fatalf("erased: %s, want %s", got, all)
	}
	m = send(m, "b", "o")
	if got := inChart(m); got != bob {
		t.Fatalf("bo again: %s, want %s", got, bob)
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	m = send(m, "1") // expired only: bob has none
	if got := inChart(m); !strings.Contains(got, "User 0 · Global 0 · Project 0") {
		t.Fatalf("bo, expired: %s", got)
	}
	// esc clearing the query applied counts everyone's tokens again.
	m = send(m, "0")
	if got := inChart(m); got != bob {
		t.Fatalf("bo applied, all: %s, want %s", got, bob)
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if got := inChart(m); m.Table().Query() != "" || got != all {
		t.Fatalf("esc cleared %q: %s, want %s", m.Table().Query(), got, all)
	}
	m = send(m, "/", "b", "o")
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	m = send(m, "1")
	// Erasing now counts the expired tokens of everyone, not the counts
	// kept before the quick filter.
	m = send(m, "/")
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if got := inChart(m); !strings.Contains(got, "User 1 · Global 0 · Project 0") {
		t.Fatalf("erased, expired: %s", got)
	}
}

// TestChartCountsAsFromScratch: whatever the keys (quick filters, picks
// of a bar, typing, sorts), the bars count what the filters other than
// the picked bar keep, as model.ChartOf counts those tokens from scratch
// in a review that only typed the query and chose the quick filter.
func TestChartCountsAsFromScratch(t *testing.T) {
	t.Parallel()
	ts := benchTokens(3000)
	review := func() Model {
		m := New(common.New(func() time.Time { return benchNow }), model.CapabilitiesOf(v106), false)
		m.Zone = time.UTC
		m.SetSize(120, 40)
		m.Start()
		m.AddTokens(ts)
		m.Finish(false)
		return m
	}
	m := review()
	rng := rand.New(rand.NewPCG(5, 6))
	steps := []string{"0", "1", "2", "3", "4", "5", "right", "right", "left", "s", "S", "type", "type", "erase", "esc"}
	for step := range 400 {
		switch k := steps[rng.IntN(len(steps))]; k {
		case "type":
			m = send(m, "/", string("0123456789-.utk"[rng.IntN(15)]))
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEnter})
		case "esc":
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
		case "erase":
			m = send(m, "/")
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEnter})
		default:
			m = send(m, k)
		}
		o := review()
		if m.quick != QuickNone {
			o.SetQuick(m.quick)
		}
		if q := m.Table().Query(); q != "" {
			o = send(o, "/", q)
			o, _ = o.Update(tea.KeyMsg{Type: tea.KeyEnter})
		}
		want := model.ChartOf(o.Table().ShownTokens(), benchNow)
		if got := m.chart.Data(); !reflect.DeepEqual(got.Counts, want.Counts) || got.Total != want.Total {
			t.Fatalf("step %d (quick %v, bar %d, query %q): the chart counts %v (%d), from scratch %v (%d)",
				step, m.quick, m.bucket, m.Table().Query(), got.Counts, got.Total, want.Counts, want.Total)
		}
		for _, typ := range []model.TokenType{model.TypeUser, model.TypeGlobal, model.TypeProject} {
			if got := m.chart.Data(); got.ByType[typ] != want.ByType[typ] {
				t.Fatalf("step %d: %s counts %d, from scratch %d", step, typ, got.ByType[typ], want.ByType[typ])
			}
		}
	}
}
