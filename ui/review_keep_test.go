package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/review"
)

// scriptedScan is the admin fake whose review scan sends the given
// batches, then ends (hold false) or waits until it is stopped.
type scriptedScan struct {
	*fakeService
	batches []client.ScanBatch
	hold    bool
}

func (s scriptedScan) ScanAllTokens(ctx context.Context, _ client.ScanOptions) <-chan client.ScanBatch {
	out := make(chan client.ScanBatch)
	go func() {
		defer close(out)
		for _, b := range s.batches {
			select {
			case out <- b:
			case <-ctx.Done():
				return
			}
		}
		if s.hold {
			<-ctx.Done()
		}
	}()
	return out
}

// TestReviewEmptyStateSaysWhatHappens: no "No user has a token" while the
// scan runs or after it failed.
func TestReviewEmptyStateSaysWhatHappens(t *testing.T) {
	t.Parallel()
	t.Run("loading", func(t *testing.T) {
		svc := scriptedScan{fakeService: newAdminFake(), batches: []client.ScanBatch{{Login: "bob"}}, hold: true}
		m := adminModel(t, svc.fakeService, func(o *Options) { o.Service = svc })
		m = (&hold{}).press(m, "R") // bob's empty batch arrives, then the scan waits
		t.Cleanup(m.review.StopScan)
		if !m.Review().Loading() {
			t.Fatalf("state %v", m.Review().State())
		}
		if v := m.View(); strings.Contains(v, "No user has a token") || !strings.Contains(v, "Loading…") {
			t.Fatalf("while the scan runs:\n%s", v)
		}
	})
	t.Run("failed", func(t *testing.T) {
		boom := errors.New("the proxy in front of SonarQube answered with its own error page, which names no reason at all")
		svc := scriptedScan{fakeService: newAdminFake(), batches: []client.ScanBatch{{Err: boom}}}
		m := adminModel(t, svc.fakeService, func(o *Options) { o.Service = svc })
		m = press(m, "R")
		if m.Review().State() != review.StateDone {
			t.Fatalf("state %v", m.Review().State())
		}
		if v := m.View(); strings.Contains(v, "No user has a token") || !strings.Contains(v, "The scan failed: the user list:") ||
			!strings.Contains(v, "Press r to scan again.") {
			t.Fatalf("after a failed scan:\n%s", v)
		}
		for _, l := range strings.Split(m.View(), "\n") {
			if w := lipglossWidth(l); w > 100 {
				t.Fatalf("a line %d wide at 100:\n%s", w, m.View())
			}
		}
	})
}

// TestReviewRescanKeepsRows: r keeps the rows until the new scan's data
// replaces them.
func TestReviewRescanKeepsRows(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, nil)
	m = press(m, "R")
	if m.Review().Table().Len() != 9 {
		t.Fatalf("%d rows", m.Review().Table().Len())
	}
	next, cmd := m.Update(keyMsg("r"))
	m = next.(Model)
	if !m.Review().Loading() || m.Review().Table().Len() != 9 || !strings.Contains(m.View(), "jenkins") {
		t.Fatalf("r emptied the table: loading %v, %d rows\n%s", m.Review().Loading(), m.Review().Table().Len(), m.View())
	}
	// The new scan's data replaces the rows: grace's jenkins is gone.
	f.mu.Lock()
	f.others["grace"] = f.others["grace"][1:]
	f.mu.Unlock()
	for _, msg := range runCmd(cmd) {
		m = drive(m, msg)
	}
	if m.Review().State() != review.StateDone || m.Review().Table().Len() != 8 {
		t.Fatalf("after the rescan: %v, %d rows", m.Review().State(), m.Review().Table().Len())
	}
}

// TestBulkRevokeFailedStayMarked: the tokens whose revocation failed stay
// marked, and r in the report revokes them again.
func TestBulkRevokeFailedStayMarked(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	f.revokeErrs = map[string]error{"jenkins": &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 500}}
	m := adminModel(t, f, nil)
	m = press(m, "R", "1", "a", "d", "y") // the two expired tokens
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 1 of 2 tokens") {
		t.Fatalf("report:\n%s", m.View())
	}
	if !strings.Contains(m.View(), "r retry the 1 failed") {
		t.Errorf("the report does not offer to retry:\n%s", m.View())
	}
	marked := m.Review().Marked()
	if len(marked) != 1 || marked[0].Login != "grace" || marked[0].Name != "jenkins" {
		t.Fatalf("marked after the report: %v", keysOf(marked))
	}
	f.mu.Lock()
	f.revokeErrs = nil
	f.mu.Unlock()
	m = press(m, "r")
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 1 of 1 token") {
		t.Fatalf("retry report:\n%s", m.View())
	}
	if got := f.revokedKeys[len(f.revokedKeys)-1]; got != "grace/jenkins" {
		t.Errorf("retried %s", got)
	}
	m = press(m, "esc")
	if n := m.Review().Table().MarkedCount(); n != 0 {
		t.Errorf("%d marked after a full retry", n)
	}
}

// TestEscFromUserGoesBackToReview: a user opened with u out of the review
// returns to the review on esc.
func TestEscFromUserGoesBackToReview(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "R", "u")
	m = typeText(m, "grace")
	m = press(m, "enter")
	if m.Page() != PageTokens || m.Login() != "grace" {
		t.Fatalf("page %v login %q", m.Page(), m.Login())
	}
	m = press(m, "esc")
	if m.Page() != PageReview || m.Review().Table().Len() != 9 {
		t.Fatalf("esc: page %v, %d rows", m.Page(), m.Review().Table().Len())
	}
	// From the tokens page, esc still returns to one's own tokens.
	m = press(m, "esc", "u")
	m = typeText(m, "grace")
	m = press(m, "enter", "esc")
	if m.Page() != PageTokens || m.Login() != "" {
		t.Fatalf("esc from a user opened on the tokens page: page %v login %q", m.Page(), m.Login())
	}
}

// TestBulkReportScrolls: a report taller than the room scrolls instead of
// ending in "…": its last lines are reached with G.
func TestBulkReportScrolls(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	f.revokeErrs = map[string]error{}
	for _, name := range []string{"jenkins", "laptop", "ci", "kernel-scan", "ci-pipeline", "old-jenkins", "release-bot"} {
		f.revokeErrs[name] = &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 503}
	}
	o := Options{Service: f, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser}
	m := newModelOpts(t, o, 80, 24)
	m = press(m, "R", "a", "d", "y")
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 1 of 9 tokens") {
		t.Fatalf("report:\n%s", m.View())
	}
	if v := m.View(); strings.Contains(v, "Revoked:") || !strings.Contains(v, "↑/↓ scroll") {
		t.Fatalf("a long report should open at its top and say it scrolls:\n%s", v)
	}
	m = press(m, "G")
	if v := m.View(); !strings.Contains(v, "Revoked:") || !strings.Contains(v, "ada · a-very-long") {
		t.Fatalf("G does not reach the end of the report:\n%s", v)
	}
}
