package ui

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
)

func fakeValue(seq int) string { return "squ_" + strings.Repeat("0", 39) + string(rune('0'+seq)) }

// flat is a view's text without borders and line breaks, for phrases
// that a dialog wraps.
func flat(view string) string {
	view = strings.Map(func(r rune) rune {
		if r >= 0x2500 && r <= 0x257f {
			return ' '
		}
		return r
	}, view)
	return strings.Join(strings.Fields(view), " ")
}

func countNamed(ts []model.Token, name string) int {
	n := 0
	for _, t := range ts {
		if t.Name == name {
			n++
		}
	}
	return n
}

func listed(m Model, name string) bool {
	for _, n := range m.Table().Names() {
		if n == name {
			return true
		}
	}
	return false
}

// generateNamed opens the form, types name and submits.
func generateNamed(m Model, name string) Model {
	m = press(m, "n")
	m = typeText(m, name)
	return press(m, "enter")
}

// TestLostGenerateRevokedOnRequest: the token is created but the answer
// lost; the console says the value cannot be recovered, lists the token,
// and on y revokes it and sends the same request again, showing the new
// value.
func TestLostGenerateRevokedOnRequest(t *testing.T) {
	t.Parallel()
	f := &lossyService{fakeService: newFake(), lose: 1}
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m = generateNamed(m, "lost-one")
	if m.Mode() != ModeConfirm {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	view := flat(m.View())
	for _, want := range []string{`Token "lost-one" was created, but its value was lost on the way`, "cannot be recovered", "Revoke and generate again"} {
		if !strings.Contains(view, want) {
			t.Fatalf("the dialog lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, fakeValue(1)) || !listed(m, "lost-one") {
		t.Fatal("the lost token should be listed, without any value")
	}
	m = press(m, "y")
	if m.Mode() != ModeReveal {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	if !strings.Contains(m.View(), fakeValue(2)) {
		t.Fatalf("the reveal should show the new value:\n%s", m.View())
	}
	if len(f.revoked) != 1 || f.revoked[0] != "lost-one" || len(f.generated) != 2 || f.generated[0] != f.generated[1] {
		t.Fatalf("revoked %v, generated %+v", f.revoked, f.generated)
	}
	if countNamed(f.tokens, "lost-one") != 1 {
		t.Fatal("want exactly one token named lost-one on the server")
	}
	m = press(m, "c", "esc")
	if m.Mode() != ModeTable || countNamed(m.Table().Tokens(), "lost-one") != 1 {
		t.Fatalf("the table should list the new token once: %v", m.Table().Names())
	}
}

// TestLostGenerateKept: n keeps the token, listed, with nothing revoked.
func TestLostGenerateKept(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"n", "esc", "enter"} {
		f := &lossyService{fakeService: newFake(), lose: 1}
		m := newModel(t, f, &fakeClipboard{}, 100, 30)
		m = generateNamed(m, "kept")
		m = press(m, k)
		if m.Mode() != ModeTable || !listed(m, "kept") || len(f.revoked) != 0 || countNamed(f.tokens, "kept") != 1 {
			t.Fatalf("%s: mode %v, listed %v, revoked %v", k, m.Mode(), listed(m, "kept"), f.revoked)
		}
	}
}

// TestLostGenerateTwice: a regenerate whose answer is lost again asks
// again.
func TestLostGenerateTwice(t *testing.T) {
	t.Parallel()
	f := &lossyService{fakeService: newFake(), lose: 2}
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m = generateNamed(m, "twice")
	m = press(m, "y")
	if m.Mode() != ModeConfirm || countNamed(m.Table().Tokens(), "twice") != 1 {
		t.Fatalf("mode %v, names %v", m.Mode(), m.Table().Names())
	}
	m = press(m, "y")
	if m.Mode() != ModeReveal || !strings.Contains(m.View(), fakeValue(3)) {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
}

// TestLostGenerateUnconfirmed: the outcome unknown, the form says so and
// that a refresh shows it.
func TestLostGenerateUnconfirmed(t *testing.T) {
	t.Parallel()
	f := &lossyService{fakeService: newFake(), lose: 1, unconfirmed: true}
	m := newModel(t, f, &fakeClipboard{}, 120, 40)
	m = generateNamed(m, "maybe")
	if m.Mode() != ModeForm {
		t.Fatalf("mode %v", m.Mode())
	}
	view := flat(m.View())
	for _, want := range []string{"outcome is unknown", "may have been created", "Refresh the list"} {
		if !strings.Contains(view, want) {
			t.Fatalf("the form lacks %q:\n%s", want, m.View())
		}
	}
	m = press(m, "esc", "r")
	if !listed(m, "maybe") {
		t.Fatal("a refresh should list the token")
	}
}

// TestLostRevokeLeavesNoValue: closing the reveal after a regenerate
// leaves no value behind.
func TestLostRevokeLeavesNoValue(t *testing.T) {
	t.Parallel()
	f := &lossyService{fakeService: newFake(), lose: 1}
	m := newModel(t, f, &fakeClipboard{method: clipboard.System}, 100, 30)
	m = generateNamed(m, "gone")
	m = press(m, "y", "c", "esc")
	if holds(reflectOf(&m), fakeValue(2), map[uintptr]bool{}) || holds(reflectOf(&m), fakeValue(1), map[uintptr]bool{}) {
		t.Fatal("a value outlived the reveal")
	}
}
