package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/ui/statusbar"
)

// TestMessageLogKeepsWholeMessages: a long error is cut in the status line
// with "… ! for all"; ! opens every message of the session, whole, and
// esc closes it.
func TestMessageLogKeepsWholeMessages(t *testing.T) {
	t.Parallel()
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

// TestMessageLogHasScanAndBulkFailures: the review's failed users and a
// bulk revocation's failures, shown cut or in a report, are in the log.
func TestMessageLogHasScanAndBulkFailures(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	f.revokeErrs = map[string]error{"jenkins": errors.New("jenkins-refusal")}
	boom := errors.New("users-search-broke")
	svc := scriptedScan{fakeService: f, batches: []client.ScanBatch{{Login: "bob", Err: boom}, {Login: "grace", Tokens: f.others["grace"]}}}
	m := adminModel(t, f, func(o *Options) { o.Service = svc })
	m = press(m, "R", "a", "d", "y", "esc", "!")
	body := m.Notice().Body()
	for _, want := range []string{"bob: users-search-broke", "Revoked 1 of 2 tokens", "grace · jenkins: jenkins-refusal"} {
		if !strings.Contains(body, want) {
			t.Errorf("the log lacks %q:\n%s", want, body)
		}
	}
}
