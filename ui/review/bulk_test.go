package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// nobody is a Service a test never lets run: NextBulkCmd is never run.
type nobody struct{}

func (nobody) ScanAllTokens(context.Context, client.ScanOptions) <-chan client.ScanBatch { return nil }
func (nobody) RevokeOrConfirm(context.Context, string, string) error {
	return errors.New("the test started the revocation")
}

func bulkReview(t *testing.T) Model {
	t.Helper()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false)
	m.SetSize(120, 30)
	m.Start()
	m.AddTokens([]model.Token{{Login: "ada", Name: "a"}, {Login: "grace", Name: "g"}})
	m.Finish(false)
	return m
}

// startedRun is a run of total targets, handed to the review.
func startedRun(t *testing.T, m Model, total int) (Model, *BulkRun) {
	t.Helper()
	targets := make([]model.Token, total)
	for i := range targets {
		targets[i] = model.Token{Login: fmt.Sprintf("u%d", i), Name: "t"}
	}
	msg := BulkRevokeCmd(context.Background(), nobody{}, targets, "admin", 4, nil)().(BulkStartedMsg)
	m, cmd := m.Update(msg)
	if cmd == nil || !m.Holds(msg.Run) || !m.BulkRunning() {
		t.Fatal("the review did not take the run")
	}
	return m, msg.Run
}

// TestNextBulkCmdWithoutRun: without a run there is nothing to wait for,
// and no Cmd to dereference it.
func TestNextBulkCmdWithoutRun(t *testing.T) {
	t.Parallel()
	if NextBulkCmd(nil) != nil {
		t.Fatal("a Cmd for no run")
	}
}

// TestBulkProgressLine: the review says how far a bulk revocation is, in
// numbers with separators, and how many failed; messages of another run
// change nothing; at the end the report is taken once, the failed tokens
// stay marked, and the line goes.
func TestBulkProgressLine(t *testing.T) {
	t.Parallel()
	m, run := startedRun(t, bulkReview(t), 4265)
	var results []BulkResult
	for i := range 1234 {
		r := BulkResult{Token: model.Token{Login: fmt.Sprintf("u%d", i), Name: "t"}}
		if i < 3 {
			r.Err = errors.New("refused")
		}
		results = append(results, r)
	}
	m, _ = m.Update(BulkProgressMsg{Run: run, Results: results})
	if v := m.View(); !strings.Contains(v, "Revoking 1,234 of 4,265…") || !strings.Contains(v, "3 failed") {
		t.Fatalf("progress:\n%s", v)
	}
	stale := &BulkRun{total: 9}
	if m2, cmd := m.Update(BulkProgressMsg{Run: stale, Results: results, Done: true}); cmd != nil || !m2.Holds(run) {
		t.Fatal("a message of another run was taken")
	}
	m, _ = m.Update(BulkProgressMsg{Run: run, Results: []BulkResult{{Token: model.Token{Login: "grace", Name: "g"}, Err: errors.New("refused")}}, Done: true})
	if strings.Contains(m.View(), "Revoking") || !m.BulkRunning() || !m.BulkReportReady() {
		t.Fatalf("after the end:\n%s", m.View())
	}
	if m.Table().MarkedCount() != 1 {
		t.Errorf("%d marked, want the failed one listed", m.Table().MarkedCount())
	}
	rep, ok := m.TakeBulkReport()
	if !ok || rep.Total != 4265 || len(rep.Revoked) != 1231 || len(rep.Failed) != 4 || rep.Lines()[0] != "Revoked 1,231 of 4,265 tokens." {
		t.Fatalf("report %v: total %d, %d revoked, %d failed, %q", ok, rep.Total, len(rep.Revoked), len(rep.Failed), rep.Lines()[0])
	}
	if _, again := m.TakeBulkReport(); again || m.BulkRunning() {
		t.Fatal("the report was taken twice, or the run still counts")
	}
}

// TestBulkRunStartsOnce: a second run handed while one runs is not taken
// (and never starts: its NextBulkCmd is never returned).
func TestBulkRunStartsOnce(t *testing.T) {
	t.Parallel()
	m, run := startedRun(t, bulkReview(t), 2)
	second := BulkRevokeCmd(context.Background(), nobody{}, []model.Token{{Login: "ada", Name: "a"}}, "admin", 1, nil)().(BulkStartedMsg)
	m, cmd := m.Update(second)
	if cmd != nil || m.Holds(second.Run) || !m.Holds(run) {
		t.Fatal("a second run was taken")
	}
}

// TestCount writes numbers as the progress line does.
func TestCount(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 4265: "4,265", 200000: "200,000", 1234567: "1,234,567", -1200: "-1,200"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestTakeGoneInBatches: the revoked tokens are handed over at most every
// ApplyEvery while the run goes on, and all that is left once it ended.
func TestTakeGoneInBatches(t *testing.T) {
	defer func(d time.Duration) { ApplyEvery = d }(ApplyEvery)
	ApplyEvery = time.Hour
	m, run := startedRun(t, bulkReview(t), 3)
	one := func(i int) BulkResult { return BulkResult{Token: model.Token{Login: fmt.Sprintf("u%d", i), Name: "t"}} }
	m, _ = m.Update(BulkProgressMsg{Run: run, Results: []BulkResult{one(0)}})
	if gone := m.TakeGone(); gone != nil {
		t.Fatalf("handed over before ApplyEvery: %v", gone)
	}
	ApplyEvery = 0
	m, _ = m.Update(BulkProgressMsg{Run: run, Results: []BulkResult{one(1)}})
	if gone := m.TakeGone(); len(gone) != 2 {
		t.Fatalf("handed over %v, want the two revoked", gone)
	}
	ApplyEvery = time.Hour
	m, _ = m.Update(BulkProgressMsg{Run: run, Results: []BulkResult{one(2)}, Done: true})
	if gone := m.TakeGone(); len(gone) != 1 || gone[0].Login != "u2" {
		t.Fatalf("at the end, handed over %v", gone)
	}
	if m.TakeGone() != nil {
		t.Fatal("handed over twice")
	}
}
