package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/review"
)

func reviewRows(m Model) []string {
	var out []string
	for _, t := range m.Review().Table().Tokens() {
		out = append(out, t.Login+"/"+t.Name)
	}
	slices.Sort(out)
	return out
}

// generateClosed generates a token named name from the token page and
// closes its reveal.
func generateClosed(t *testing.T, m Model, name string) Model {
	t.Helper()
	m = generateNamed(m, name)
	if m.Mode() != ModeReveal {
		t.Fatalf("generate %s: mode %v, status %q", name, m.Mode(), m.Status().Error())
	}
	m = press(m, "esc", "esc") // not copied: the second esc closes
	if m.Mode() != ModeTable {
		t.Fatalf("the reveal did not close: mode %v", m.Mode())
	}
	return m
}

// TestGenerateReachesLoadedReview: a token generated on the token page,
// one's own or another user's, is in the review on returning to it, and
// the review's count follows.
func TestGenerateReachesLoadedReview(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "R")
	before := len(reviewRows(m))
	m = press(m, "esc")
	if m.Page() != PageTokens {
		t.Fatalf("esc: page %v", m.Page())
	}
	m = generateClosed(t, m, "fresh")
	if m.Table().Len() != 6 {
		t.Fatalf("own table: %d rows", m.Table().Len())
	}
	m = press(m, "u", "down", "down", "enter") // grace
	if m.Login() != "grace" {
		t.Fatalf("picker chose %q", m.Login())
	}
	m = generateClosed(t, m, "hers")
	if m.Table().Len() != 3 {
		t.Fatalf("grace's table: %d rows", m.Table().Len())
	}
	m = press(m, "R")
	rows := reviewRows(m)
	if m.Page() != PageReview || len(rows) != before+2 || !slices.Contains(rows, "ada/fresh") || !slices.Contains(rows, "grace/hers") {
		t.Fatalf("review rows %v (had %d)", rows, before)
	}
	if s := m.Review().Summary(); s.Total != before+2 {
		t.Fatalf("review summary total %d, want %d", s.Total, before+2)
	}
}

// TestRevokeInUserTableReachesReview: revoking one of grace's tokens in
// her table (opened with u) drops it from the loaded review as well.
func TestRevokeInUserTableReachesReview(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "R", "u", "down", "down", "enter")
	if m.Login() != "grace" || m.Page() != PageTokens {
		t.Fatalf("login %q page %v", m.Login(), m.Page())
	}
	sel, _ := m.Table().Selected()
	m = press(m, "d", "y")
	if m.Table().Len() != 1 {
		t.Fatalf("grace's table: %d rows", m.Table().Len())
	}
	m = press(m, "esc")
	if m.Page() != PageReview || slices.Contains(reviewRows(m), "grace/"+sel.Name) {
		t.Fatalf("page %v, review rows %v still list grace/%s", m.Page(), reviewRows(m), sel.Name)
	}
}

// TestPickerCountsFollowBulkRevoke: the user picker, opened while a bulk
// revocation runs, shows the counts after the confirmed revocations, and
// stays: the report waits for it to close.
func TestPickerCountsFollowBulkRevoke(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, nil)
	m = press(m, "R", "space", "space")
	marked := m.Review().Marked()
	if len(marked) != 2 {
		t.Fatalf("marked %v", marked)
	}
	want := map[string]int{}
	for _, u := range f.users {
		want[u.Login] = *u.TokensCount
	}
	for _, tk := range marked {
		want[tk.Login]--
	}
	m = press(m, "d")
	// Drive the confirmation until the revocation has started, and hold
	// its first progress.
	var held tea.Cmd
	queue := []tea.Msg{keyMsg("y")}
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		m, cmd = updateModel(m, msg)
		if _, ok := msg.(review.BulkStartedMsg); ok {
			held = cmd
			continue
		}
		queue = append(queue, runCmd(cmd)...)
	}
	if held == nil {
		t.Fatal("the bulk revocation did not start")
	}
	m = press(m, "u")
	if m.Mode() != ModePicker {
		t.Fatalf("u during the revocation: mode %v", m.Mode())
	}
	m = drive(m, runCmd(held)...)
	if m.Mode() != ModePicker {
		t.Fatalf("the report replaced the picker, where the user types: mode %v", m.Mode())
	}
	for _, u := range m.Picker().Matches() {
		if u.TokensCount == nil || *u.TokensCount != want[u.Login] {
			got := "no count"
			if u.TokensCount != nil {
				got = strconv.Itoa(*u.TokensCount)
			}
			t.Errorf("%s: count %s, want %d", u.Login, got, want[u.Login])
		}
	}
	m = press(m, "esc")
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 2 of 2 tokens") {
		t.Fatalf("after the picker: mode %v\n%s", m.Mode(), m.View())
	}
}

// TestLostGenerateReachesReview: a token created without its value is
// in the loaded review too, and after y (revoke it, generate again) the
// review lists the new one once.
func TestLostGenerateReachesReview(t *testing.T) {
	t.Parallel()
	f := &lossyService{fakeService: newAdminFake(), lose: 1}
	o := Options{Service: f, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser}
	m := newModelOpts(t, o, 100, 30)
	m = press(m, "R", "esc")
	m = generateNamed(m, "lost-one")
	if m.Mode() != ModeConfirm {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	if n := countNamed(m.Review().Table().Tokens(), "lost-one"); n != 1 {
		t.Fatalf("the review lists lost-one %d times", n)
	}
	m = press(m, "y")
	if m.Mode() != ModeReveal {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	m = press(m, "esc", "esc", "R")
	if n := countNamed(m.Review().Table().Tokens(), "lost-one"); n != 1 || m.Review().Summary().Total != len(m.Review().Table().Tokens()) {
		t.Fatalf("after y the review lists lost-one %d times (summary %+v)", n, m.Review().Summary())
	}
}
