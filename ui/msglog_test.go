package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/ui/statusbar"
)

// TestMessageLogKeepsWholeMessages: a long error is cut in the status line
// with "… ! for all"; ! opens every message of the session, whole, and
// esc closes it.
func TestMessageLogKeepsWholeMessages(t *testing.T) {
	f := newFake()
	m := newModel(t, f, nil, 80, 24)
	m = press(m, "d", "y") // revokes the first token: a note
	long := errors.New(strings.Repeat("the proxy in front of SonarQube answered something unexpected, ", 4) + "ENDOFMESSAGE")
	f.fail("SearchTokens", long)
	m = press(m, "r")
	view := m.View()
	if !strings.Contains(view, strings.TrimSpace(statusbar.CutHint)) || strings.Contains(view, "ENDOFMESSAGE") {
		t.Fatalf("the cut status line does not point to the log:\n%s", view)
	}
	m = press(m, "!")
	if m.Mode() != ModeNotice || m.Notice().Title() != "Messages" {
		t.Fatalf("! opened mode %v", m.Mode())
	}
	body := m.Notice().Body()
	for _, want := range []string{"is gone", "ENDOFMESSAGE", "✗"} {
		if !strings.Contains(body, want) {
			t.Errorf("the log lacks %q:\n%s", want, body)
		}
	}
	if !strings.Contains(m.View(), "ENDOFMESSAGE") {
		t.Errorf("the log opens away from the newest message:\n%s", m.View())
	}
	m = press(m, "esc")
	if m.Mode() != ModeTable {
		t.Fatalf("esc left mode %v", m.Mode())
	}
	if m = press(m, "?"); !strings.Contains(m.View(), "!      all messages") {
		t.Errorf("the help does not name !:\n%s", m.View())
	}
}
