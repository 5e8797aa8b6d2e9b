package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/tokens"
)

func selected(t *testing.T, m Model) string {
	t.Helper()
	tok, ok := m.Table().Selected()
	if !ok {
		t.Fatal("nothing selected")
	}
	return tok.Name
}

func TestTableMovement(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	// Sorted by name: a-very-long…, ci-pipeline, laptop, old-jenkins, release-bot.
	steps := []struct {
		key, want string
	}{
		{"j", "ci-pipeline"}, {"down", "laptop"}, {"k", "ci-pipeline"}, {"up", "a-very-long-token-name-used-by-the-nightly-integration-test-suite-of-the-web-shop"},
		{"up", "a-very-long-token-name-used-by-the-nightly-integration-test-suite-of-the-web-shop"},
		{"G", "release-bot"}, {"j", "release-bot"}, {"g", "a-very-long-token-name-used-by-the-nightly-integration-test-suite-of-the-web-shop"},
		{"end", "release-bot"}, {"home", "a-very-long-token-name-used-by-the-nightly-integration-test-suite-of-the-web-shop"},
		{"pgdown", "release-bot"}, {"pgup", "a-very-long-token-name-used-by-the-nightly-integration-test-suite-of-the-web-shop"},
	}
	for _, s := range steps {
		m = press(m, s.key)
		if got := selected(t, m); got != s.want {
			t.Fatalf("after %q: selected %q, want %q", s.key, got, s.want)
		}
	}
}

func TestSortKeys(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	want := []tokens.Column{tokens.ColType, tokens.ColProject, tokens.ColLastUse, tokens.ColCreated, tokens.ColExpires, tokens.ColName}
	for _, w := range want {
		m = press(m, "s")
		if col, desc := m.Table().Sort(); col != w || desc {
			t.Fatalf("s: sort %v desc=%v, want %v asc", col, desc, w)
		}
	}
	m = press(m, "s", "s", "s", "s", "s") // Expires
	m = press(m, "g")
	if got := selected(t, m); got != "old-jenkins" {
		t.Fatalf("first by expiry = %q, want the expired old-jenkins", got)
	}
	m = press(m, "S", "g")
	if col, desc := m.Table().Sort(); col != tokens.ColExpires || !desc {
		t.Fatalf("S: sort %v desc=%v", col, desc)
	}
	if got := selected(t, m); got != "laptop" {
		t.Fatalf("first by expiry reversed = %q, want laptop (never)", got)
	}
}

func TestFilterKeys(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	m = press(m, "/")
	if !m.Table().Filtering() {
		t.Fatal("/ did not open the filter")
	}
	// Two letters more than "Payments API" holds: not even a close match
	// (one typo) of it.
	m = typeText(m, "payments qz")
	if m.Table().Shown() != 0 || isQuit(nil) {
		t.Fatalf("filter 'payments qz' shows %d", m.Table().Shown())
	}
	m = press(m, "backspace", "backspace", "backspace")
	if m.Table().Shown() != 1 || selected(t, m) != "old-jenkins" {
		t.Fatalf("filter by project: shown %d", m.Table().Shown())
	}
	m = press(m, "enter")
	if m.Table().Filtering() || m.Table().Query() != "payments" {
		t.Fatal("enter should keep the filter and leave the input")
	}
	m = press(m, "esc")
	if m.Table().Shown() != 5 || m.Table().Query() != "" {
		t.Fatal("esc should clear the filter")
	}
	// By type, and esc while typing clears too.
	m = press(m, "/")
	m = typeText(m, "global")
	if m.Table().Shown() != 1 || selected(t, m) != "ci-pipeline" {
		t.Fatalf("filter by type: shown %d", m.Table().Shown())
	}
	m = press(m, "esc")
	if m.Table().Filtering() || m.Table().Shown() != 5 {
		t.Fatal("esc in the input should clear and close")
	}
}

func TestQuitKeys(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	if _, cmd := m.Update(keyMsg("q")); !isQuit(cmd) {
		t.Fatal("q should quit from the table")
	}
	// q types into text fields.
	f := press(m, "n")
	if _, cmd := f.Update(keyMsg("q")); isQuit(cmd) {
		t.Fatal("q must not quit in the form")
	}
	fl := press(m, "/")
	if _, cmd := fl.Update(keyMsg("q")); isQuit(cmd) {
		t.Fatal("q must not quit in the filter")
	}
	for _, mm := range []Model{m, f, fl} {
		if _, cmd := mm.Update(keyMsg("ctrl+c")); !isQuit(cmd) {
			t.Fatalf("ctrl+c should always quit (mode %v)", mm.Mode())
		}
	}
}

func TestHelpKey(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	m = press(m, "?")
	if m.Mode() != ModeHelp || !strings.Contains(m.View(), "clear filter") {
		t.Fatal("? should show the full help")
	}
	m = press(m, "?")
	if m.Mode() != ModeTable {
		t.Fatal("? should close the help")
	}
	m = press(m, "?", "esc")
	if m.Mode() != ModeTable {
		t.Fatal("esc should close the help")
	}
}

func TestRefreshKey(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, nil, 100, 30)
	f.mu.Lock()
	f.tokens = f.tokens[:2]
	f.mu.Unlock()
	m = press(m, "r")
	if m.Table().Len() != 2 {
		t.Fatalf("after r: %d tokens, want 2", m.Table().Len())
	}
	f.fail("SearchTokens", errRefused)
	m = press(m, "r")
	if !strings.Contains(m.Status().Error(), "Connection refused") {
		t.Fatalf("status error = %q", m.Status().Error())
	}
	if m.Table().Len() != 2 {
		t.Fatal("a failed refresh must keep the listed tokens")
	}
	m = press(m, "j")
	if m.Status().Error() != "" {
		t.Fatal("the next key should clear the error")
	}
}

func TestGenerateForm(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m = press(m, "n")
	if m.Mode() != ModeForm || m.Form().Focused() != create.FieldName {
		t.Fatal("n should open the form on Name")
	}
	// Enter with an empty name refuses, with the server's words.
	m = press(m, "enter")
	if m.Mode() != ModeForm || m.Form().NameError() != "The 'name' parameter is missing" {
		t.Fatalf("empty name: %q", m.Form().NameError())
	}
	m = typeText(m, "laptop")
	if !strings.Contains(m.Form().NameError(), "already exists") {
		t.Fatalf("duplicate name: %q", m.Form().NameError())
	}
	m = typeText(m, "-2")
	if m.Form().NameError() != "" {
		t.Fatal(m.Form().NameError())
	}
	// tab / shift+tab move through Name, Type, Expires.
	for _, step := range []struct {
		key  string
		want create.Field
	}{{"tab", create.FieldType}, {"tab", create.FieldExpires}, {"tab", create.FieldName}, {"shift+tab", create.FieldExpires}, {"shift+tab", create.FieldType}} {
		m = press(m, step.key)
		if m.Form().Focused() != step.want {
			t.Fatalf("%s: focus %v, want %v", step.key, m.Form().Focused(), step.want)
		}
	}
	if m.Form().Type() != model.TypeUser {
		t.Fatalf("default type %v", m.Form().Type())
	}
	m = press(m, "left")
	if m.Form().Type() != model.TypeGlobal {
		t.Fatalf("left: type %v", m.Form().Type())
	}
	m = press(m, "tab", "right") // 90 days
	m = press(m, "enter")
	if m.Mode() != ModeReveal {
		t.Fatalf("enter: mode %v, status %q", m.Mode(), m.Status().Error())
	}
	if len(f.generated) != 1 {
		t.Fatal("nothing generated")
	}
	g := f.generated[0]
	if g.Name != "laptop-2" || g.Type != model.TypeGlobal || g.ExpiresOn.Format("2006-01-02") != "2027-02-24" {
		t.Fatalf("generated %+v", g)
	}
	if m.Table().Len() != 6 || selected(t, m) != "laptop-2" {
		t.Fatal("the new token should be listed and selected")
	}
}

func TestGenerateFormEscCancels(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, nil, 100, 30)
	m = press(m, "n")
	m = typeText(m, "abc")
	m = press(m, "esc")
	if m.Mode() != ModeTable || len(f.generated) != 0 {
		t.Fatal("esc should cancel the form")
	}
}

func TestGenerateProjectAndCustomDate(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m = press(m, "n")
	m = typeText(m, "shop")
	m = press(m, "tab", "right") // User -> Project (wraps)
	if m.Form().Type() != model.TypeProject {
		t.Fatalf("type %v", m.Form().Type())
	}
	m = press(m, "tab")
	if m.Form().Focused() != create.FieldProject {
		t.Fatal("Project field should follow Type")
	}
	m = press(m, "down", "enter") // Web Shop, chosen
	m = press(m, "tab", "left", "tab")
	if m.Form().Focused() != create.FieldDate {
		t.Fatalf("focus %v, want Date", m.Form().Focused())
	}
	m = typeText(m, "2026-11-26") // today: refused
	m = press(m, "enter")
	if m.Mode() != ModeForm || len(f.generated) != 0 {
		t.Fatal("a date before tomorrow must be refused")
	}
	m = press(m, "backspace")
	m = typeText(m, "7")
	m = press(m, "enter")
	if m.Mode() != ModeReveal || len(f.generated) != 1 {
		t.Fatalf("mode %v", m.Mode())
	}
	g := f.generated[0]
	if g.Type != model.TypeProject || g.ProjectKey != "web-shop" || g.ExpiresOn.Format("2006-01-02") != "2026-11-27" {
		t.Fatalf("generated %+v", g)
	}
}

func TestGenerateServerError(t *testing.T) {
	t.Parallel()
	f := newFake()
	f.fail("Generate", &client.APIError{Status: 400, Messages: []string{"Tokens expiring after 2027-02-24 are not allowed. Please use a valid expiration date."}})
	m := newModel(t, f, nil, 100, 30)
	m = press(m, "n")
	m = typeText(m, "x")
	m = press(m, "enter")
	if m.Mode() != ModeForm || !strings.Contains(m.View(), "Tokens expiring after") {
		t.Fatal("the server's refusal should show in the form")
	}
}

func TestRevealCopyAndClose(t *testing.T) {
	t.Parallel()
	cb := &fakeClipboard{method: clipboard.OSC52}
	m := newModel(t, newFake(), cb, 100, 30)
	m = press(m, "n")
	m = typeText(m, "ci")
	m = press(m, "enter")
	value := "squ_0000000000000000000000000000000000000001"
	if !strings.Contains(m.View(), value) {
		t.Fatal("the reveal should show the value")
	}
	// Closing without copying asks once more.
	m = press(m, "esc")
	if m.Mode() != ModeReveal || !m.Reveal().AskingToClose() {
		t.Fatal("esc without a copy should ask once more")
	}
	m = press(m, "c")
	if cb.last() != value || m.Reveal().Copied() != clipboard.OSC52 {
		t.Fatalf("copied %q via %v", cb.last(), m.Reveal().Copied())
	}
	if !strings.Contains(m.View(), "paste to check") {
		t.Fatal("the modal should say where the value went")
	}
	m = press(m, "enter")
	if m.Mode() != ModeTable {
		t.Fatal("enter after a copy should close")
	}
}

func TestRevealCopyFails(t *testing.T) {
	t.Parallel()
	cb := &fakeClipboard{err: errors.New("no terminal")}
	m := newModel(t, newFake(), cb, 100, 30)
	m = press(m, "n")
	m = typeText(m, "ci")
	m = press(m, "enter", "c")
	if m.Reveal().Copied() != clipboard.None || !strings.Contains(m.View(), "no terminal") {
		t.Fatal("a failed copy should be reported")
	}
	m = press(m, "esc", "esc")
	if m.Mode() != ModeTable {
		t.Fatal("second esc should close")
	}
}

func TestRevokeKeys(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, nil, 100, 30)
	m = press(m, "j", "d") // ci-pipeline
	if m.Mode() != ModeConfirm || m.Confirm().YesFocused() {
		t.Fatal("d should open the dialog with No focused")
	}
	// enter on the default No cancels.
	m = press(m, "enter")
	if m.Mode() != ModeTable || len(f.revoked) != 0 {
		t.Fatal("enter on No should cancel")
	}
	m = press(m, "d", "n")
	if m.Mode() != ModeTable || len(f.revoked) != 0 {
		t.Fatal("n should cancel")
	}
	m = press(m, "d", "esc")
	if m.Mode() != ModeTable || len(f.revoked) != 0 {
		t.Fatal("esc should cancel")
	}
	m = press(m, "d", "right", "enter")
	if len(f.revoked) != 1 || f.revoked[0] != "ci-pipeline" {
		t.Fatalf("→ enter should revoke: %v", f.revoked)
	}
	m = press(m, "d")
	name := selected(t, m)
	m = press(m, "y")
	if len(f.revoked) != 2 || f.revoked[1] != name || m.Table().Len() != 3 {
		t.Fatalf("y should revoke %q: %v", name, f.revoked)
	}
	if !strings.Contains(m.Status().Info(), "is gone") {
		t.Fatalf("status %q", m.Status().Info())
	}
}

// TestRevokeWordingForExpired: one wording for every revocation, one
// token or many, expired or not: "Revoke", and what it costs.
func TestRevokeWordingForExpired(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	m = press(m, "/")
	m = typeText(m, "old")
	m = press(m, "enter", "d")
	v := flat(m.View())
	if m.Confirm().Title() != "Revoke token old-jenkins" || strings.Contains(v, "Remove") || !strings.Contains(v, `Revoke token "old-jenkins"?`) ||
		!strings.Contains(v, "It has expired: revoking only takes it off the list.") {
		t.Fatalf("title %q:\n%s", m.Confirm().Title(), m.View())
	}
	m = press(newModel(t, newFake(), nil, 100, 30), "down", "d")
	if v := flat(m.View()); !strings.Contains(v, `Revoke token "ci-pipeline"?`) || !strings.Contains(v, "Anything using it will stop working.") {
		t.Fatalf("an active token:\n%s", m.View())
	}
}

func TestRevokeError(t *testing.T) {
	t.Parallel()
	f := newFake()
	f.fail("Revoke", &client.APIError{Status: 403})
	m := newModel(t, f, nil, 100, 30)
	m = press(m, "d", "y")
	if !strings.Contains(m.Status().Error(), "403") || m.Table().Len() != 5 {
		t.Fatalf("status %q", m.Status().Error())
	}
}

func TestReadOnlyHidesChanges(t *testing.T) {
	t.Parallel()
	m := newModelOpts(t, Options{Service: newFake(), Now: clock, ReadOnly: true, StaticCursor: true}, 100, 30)
	m = press(m, "n")
	if m.Mode() != ModeTable {
		t.Fatal("n must do nothing read-only")
	}
	m = press(m, "d")
	if m.Mode() != ModeTable {
		t.Fatal("d must do nothing read-only")
	}
	// The status line says why d did nothing; the help must not offer it.
	if v := lastLine(m); strings.Contains(v, "new token") || strings.Contains(v, "revoke") {
		t.Fatal("read-only help must not offer n or d")
	}
}

func TestResize(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	for _, sz := range [][2]int{{80, 24}, {60, 12}, {50, 15}, {50, 12}, {49, 15}, {200, 60}, {100, 11}} {
		m = drive(m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := m.View()
		small := TooSmall(sz[0], sz[1])
		if small != strings.Contains(v, "too small") {
			t.Fatalf("%v: too-small notice = %v", sz, !small)
		}
		if lines := strings.Split(v, "\n"); !small && len(lines) != sz[1] {
			t.Fatalf("%v: %d lines", sz, len(lines))
		}
		for _, l := range strings.Split(v, "\n") {
			if w := lipglossWidth(l); w > sz[0] {
				t.Fatalf("%v: line %d wide: %q", sz, w, l)
			}
		}
	}
}

// TestHelpClosesWithItsBinding: the full help is closed by the keys of the
// binding it names, not by a hard-wired esc: rebound, the hint and the
// keys change together.
func TestHelpClosesWithItsBinding(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	for _, k := range []string{"?", "esc"} {
		if m = press(m, "?"); m.Mode() != ModeHelp || !strings.Contains(flat(m.View()), "Press ? or esc to close this help.") {
			t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
		}
		if m = press(m, k); m.Mode() != ModeTable {
			t.Fatalf("%s left the help open", k)
		}
	}
	km := *m.common.Keys
	km.CloseHelp = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "leave the help"))
	m.common.Keys = &km
	if m = press(m, "?"); !strings.Contains(flat(m.View()), "Press x to leave the help.") {
		t.Fatalf("the hint does not follow the binding:\n%s", m.View())
	}
	if m = press(m, "esc"); m.Mode() != ModeHelp {
		t.Fatal("esc closed the help though the binding says x")
	}
	if m = press(m, "x"); m.Mode() != ModeTable {
		t.Fatal("x did not close the help")
	}
}

// TestHelpScrollsWhenCut: help taller than the room scrolls instead of
// ending in "…": its last hint can be reached, and the dialog says how.
func TestHelpScrollsWhenCut(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{60, 12}, {80, 18}} {
		m := press(adminModel(t, newAdminFake(), nil), "R")
		m = drive(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m = press(m, "?")
		v := flat(m.View())
		if !strings.Contains(v, "↑/↓ scroll (lines 1–") || strings.Contains(v, "Press ? or esc to close this help.") {
			t.Fatalf("%v: the help does not say it scrolls:\n%s", size, m.View())
		}
		m = press(m, "end")
		if v := flat(m.View()); !strings.Contains(v, "Press ? or esc to close this help.") {
			t.Fatalf("%v: the last hint cannot be reached:\n%s", size, m.View())
		}
		if m.Mode() != ModeHelp {
			t.Fatalf("%v: end closed the help", size)
		}
		for _, l := range strings.Split(m.View(), "\n") {
			if lipglossWidth(l) > size[0] {
				t.Fatalf("%v: a line is %d wide: %q", size, lipglossWidth(l), l)
			}
		}
	}
}
