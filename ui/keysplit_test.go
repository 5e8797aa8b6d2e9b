package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// burst is several runes arriving in one read, as Bubble Tea v1 delivers
// them: one KeyMsg.
func burst(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// paste is a bracketed paste of s.
func paste(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true} }

// TestBurstSplitInTable: jj moves two rows; jd moves one and asks to
// revoke that row.
func TestBurstSplitInTable(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	m = drive(m, burst("jj"))
	if got := selected(t, m); got != "laptop" {
		t.Fatalf("jj: selected %q, want laptop (two rows down)", got)
	}
	m = newModel(t, newFake(), nil, 100, 30)
	m = drive(m, burst("jd"))
	if m.Mode() != ModeConfirm || selected(t, m) != "ci-pipeline" {
		t.Fatalf("jd: mode %v, selected %q", m.Mode(), selected(t, m))
	}
	m = drive(m, burst("jk")) // the dialog takes its keys one by one too: neither is its
	if m.Mode() != ModeConfirm {
		t.Fatalf("jk in the dialog: mode %v", m.Mode())
	}
}

// TestBurstBecomesText: once a key gives a text field the keyboard, the
// rest of the burst is text for it.
func TestBurstBecomesText(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	m = drive(m, burst("/lap"))
	if !m.Table().Filtering() || m.Table().Query() != "lap" {
		t.Fatalf("/lap: filtering %v, query %q", m.Table().Filtering(), m.Table().Query())
	}
	f := newFake()
	m = newModel(t, f, &fakeClipboard{}, 100, 30)
	m = drive(m, burst("nci-x"))
	if m.Mode() != ModeForm {
		t.Fatalf("nci-x: mode %v", m.Mode())
	}
	press(m, "enter")
	if len(f.generated) != 1 || f.generated[0].Name != "ci-x" {
		t.Fatalf("generated %+v", f.generated)
	}
}

// TestBurstInTextFieldUnchanged: typing ahead and pasting into a text
// field insert text, as before.
func TestBurstInTextFieldUnchanged(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m = press(m, "n")
	m = drive(m, burst("jd"), paste("-ci q"))
	press(m, "enter")
	if len(f.generated) != 1 || f.generated[0].Name != "jd-ci q" {
		t.Fatalf("generated %+v", f.generated)
	}
}

// TestPasteNotSplit: a bracketed paste outside a text field is not taken
// for keys.
func TestPasteNotSplit(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	before := selected(t, m)
	m = drive(m, paste("jjd"))
	if m.Mode() != ModeTable || selected(t, m) != before {
		t.Fatalf("paste: mode %v, selected %q", m.Mode(), selected(t, m))
	}
}

// TestBurstTeatest sends a literal burst through a running program.
func TestBurstTeatest(t *testing.T) {
	t.Parallel()
	s := start(t, fakeOpts(newFake(), nil), 100, 30).wait("1/5 tokens")
	s.tm.Send(burst("jj"))
	s.wait("3/5 tokens")
	s.tm.Send(burst("jd"))
	s.wait(`Revoke token "old-jenkins"?`)
	m := s.final()
	if m.Mode() != ModeConfirm || selected(t, m) != "old-jenkins" {
		t.Fatalf("mode %v, selected %q", m.Mode(), selected(t, m))
	}
}

// TestBurstNeverAnswersItsOwnQuestion: d then y in one read (typed ahead
// over a slow link) opens the revoke question but does not answer it;
// the keys after d are dropped, and the status line says so. A y of its
// own, once the question is on screen, still revokes.
func TestBurstNeverAnswersItsOwnQuestion(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, nil, 100, 30)
	m = drive(m, burst("dy"))
	if m.Mode() != ModeConfirm || len(f.revoked) != 0 {
		t.Fatalf("dy: mode %v, revoked %v; want the question open and nothing revoked", m.Mode(), f.revoked)
	}
	if v := m.View(); !strings.Contains(v, "were ignored") {
		t.Fatalf("dy: the status line does not say the y was ignored:\n%s", v)
	}
	press(m, "y")
	if len(f.revoked) != 1 {
		t.Fatalf("y on the question: revoked %v", f.revoked)
	}
}
