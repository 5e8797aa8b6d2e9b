package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/review"
)

// isBulkProgress picks the bulk revocation's progress messages.
func isBulkProgress(msg tea.Msg) bool {
	_, ok := msg.(review.BulkProgressMsg)
	return ok
}

// driveAside is drive that sets aside, unhandled, the messages aside
// picks: the test delivers them later, as a slow server would.
func driveAside(m Model, aside func(tea.Msg) bool, msgs ...tea.Msg) (Model, []tea.Msg) {
	var kept []tea.Msg
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		if aside(msg) {
			kept = append(kept, msg)
			continue
		}
		var cmd tea.Cmd
		m, cmd = updateModel(m, msg)
		queue = append(queue, runCmdSafe(cmd)...)
	}
	return m, kept
}

// runCmdSafe is runCmd that fails the test, instead of crashing the test
// binary, when a Cmd panics (a nil dereference).
func runCmdSafe(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	panicked := make(chan any, 1)
	safe := func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				panicked <- r
				msg = nil
			}
		}()
		return cmd()
	}
	msgs := runCmd(safe)
	select {
	case r := <-panicked:
		fail("a Cmd panicked: %v", r)
	default:
	}
	var out []tea.Msg
	for _, msg := range msgs {
		if cmds, ok := subCmds(msg); ok {
			for _, c := range cmds {
				out = append(out, runCmdSafe(c)...)
			}
			continue
		}
		out = append(out, msg)
	}
	return out
}

// slowBulk is the admin console with the two expired tokens marked, their
// bulk revocation confirmed, and grace's jenkins held by the server: the
// first progress message (old-jenkins revoked, more to come) is returned
// undelivered, with the gate that lets jenkins through.
func slowBulk(t *testing.T) (*fakeService, Model, []tea.Msg, chan struct{}) {
	return heldBulk(t, true)
}

// heldBulk is slowBulk; without hold, both revocations end at once and the
// progress set aside is the last.
func heldBulk(t *testing.T, hold bool) (*fakeService, Model, []tea.Msg, chan struct{}) {
	t.Helper()
	f := newAdminFake()
	gate := make(chan struct{})
	if hold {
		f.revokeGate = map[string]chan struct{}{"jenkins": gate}
	} else {
		close(gate)
	}
	t.Cleanup(func() {
		select {
		case <-gate:
		default:
			close(gate)
		}
	})
	m := adminModel(t, f, nil)
	m = press(m, "R", "1", "a")
	if n := m.Review().Table().MarkedCount(); n != 2 {
		t.Fatalf("%d marked", n)
	}
	m = press(m, "d")
	m, aside := driveAside(m, isBulkProgress, keyMsg("y"))
	if len(aside) != 1 || aside[0].(review.BulkProgressMsg).Done == hold {
		t.Fatalf("set aside %+v", aside)
	}
	return f, m, aside, gate
}

// finishBulk delivers the held progress, lets jenkins through and drives
// the revocation to its report.
func finishBulk(m Model, aside []tea.Msg, gate chan struct{}) Model {
	select {
	case <-gate:
	default:
		close(gate)
	}
	m, more := driveAside(m, func(tea.Msg) bool { return false }, aside...)
	if len(more) != 0 {
		fail("messages left: %v", more)
	}
	return m
}

// TestBulkStateSurvivesALaterConfirmation: a confirmation opened and
// cancelled while a bulk revocation runs (a into unmarked, d on one token,
// n) leaves the bulk alone: it goes on to the end and its report counts
// what was asked ("Revoked 2 of 2", not "2 of 0"), without a nil
// dereference in between.
func TestBulkStateSurvivesALaterConfirmation(t *testing.T) {
	t.Parallel()
	for _, hold := range []bool{false, true} {
		t.Run(fmt.Sprintf("more to come %v", hold), func(t *testing.T) { testBulkStateSurvives(t, hold) })
	}
}

func testBulkStateSurvives(t *testing.T, hold bool) {
	f, m, aside, gate := heldBulk(t, hold)
	m = press(m, "a")
	if n := m.Review().Table().MarkedCount(); n != 0 {
		t.Fatalf("a left %d marked", n)
	}
	m = press(m, "d")
	if m.Mode() != ModeConfirm || !strings.Contains(m.Confirm().Title(), " token ") {
		t.Fatalf("d on one token: mode %v\n%s", m.Mode(), m.View())
	}
	m = press(m, "n")
	m = finishBulk(m, aside, gate)
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 2 of 2 tokens") {
		t.Fatalf("report: mode %v\n%s", m.Mode(), m.Notice().Body())
	}
	if got := len(f.revokedKeys); got != 2 {
		t.Fatalf("revoked %v", f.revokedKeys)
	}
	for _, name := range []string{"jenkins", "old-jenkins"} {
		if listed(m, name) || strings.Contains(fmt.Sprint(m.Review().Table().Names()), name+" ") {
			t.Errorf("%s still listed", name)
		}
	}
}

// TestSignOutWaitsForTheBulk: a 401 while a bulk revocation still has
// results to come (after a later confirmation was cancelled) does not end
// the console: the revocation goes on, its report shows, and the sign-in
// page comes once it is closed.
func TestSignOutWaitsForTheBulk(t *testing.T) {
	t.Parallel()
	_, m, aside, gate := slowBulk(t)
	m = press(m, "a", "d", "n")
	unauthorized := &client.APIError{Method: "GET", Endpoint: "api/user_tokens/search", Status: 401}
	m = drive(m, common.ErrorMsg{Action: "Refresh", Err: unauthorized})
	if err := m.SignedOut(); err != nil {
		t.Fatalf("signed out with a bulk revocation running: %v", err)
	}
	m = finishBulk(m, aside, gate)
	if m.SignedOut() != nil || m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 2 of 2 tokens") {
		t.Fatalf("the report gave way: mode %v\n%s", m.Mode(), m.View())
	}
	m = press(m, "esc")
	if m.SignedOut() == nil {
		t.Fatal("closing the report did not sign out")
	}
}

// driveCounting is drive that counts the messages the console handles, by
// type, and the hand-overs to the lists: the steps after which the review
// lists fewer tokens (under "hand-overs").
func driveCounting(m Model, msgs ...tea.Msg) (Model, map[string]int) {
	seen := map[string]int{}
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		seen[fmt.Sprintf("%T", msg)]++
		before := m.Review().Table().Len()
		var cmd tea.Cmd
		m, cmd = updateModel(m, msg)
		if m.Review().Table().Len() < before {
			seen["hand-overs"]++
		}
		queue = append(queue, runCmd(cmd)...)
	}
	return m, seen
}

// confirmBulk answers the bulk confirmation as a user does: the number of
// tokens then enter when it asks for it, y otherwise.
func confirmBulk(m Model, n int) []tea.Msg {
	if t, ok := m.dialog.(common.Typer); ok && t.Typing() {
		var keys []tea.Msg
		for _, r := range fmt.Sprint(n) {
			keys = append(keys, keyMsg(string(r)))
		}
		return append(keys, keyMsg("enter"))
	}
	return []tea.Msg{keyMsg("y")}
}

// TestBigBulkRevokeInBatches: revoking 5,000 tokens with the audit log on
// reaches the console as a few messages (each carrying many results and
// their log entries), not one or more per token, and the lists take the
// revoked tokens in a few hand-overs; every token is revoked, logged and
// gone from the review, and the report counts them with separators.
func TestBigBulkRevokeInBatches(t *testing.T) {
	t.Parallel()
	const n, revoke = 10_000, 5_000
	f := bulkFake(n, revoke, 0)
	log := &memAudit{}
	m := adminModel(t, f, func(o *Options) { o.Audit = log })
	m = press(m, "R", "4", "a")
	if got := m.Review().Table().MarkedCount(); got != revoke {
		t.Fatalf("%d marked", got)
	}
	m = press(m, "d")
	m, seen := driveCounting(m, confirmBulk(m, revoke)...)
	total := 0
	for k, c := range seen {
		if k != "hand-overs" {
			total += c
		}
	}
	t.Logf("%d messages: %v", total, seen)
	if total > 400 {
		t.Errorf("%d messages for %d revocations: %v", total, revoke, seen)
	}
	if h := seen["hand-overs"]; h == 0 || h > seen["review.BulkProgressMsg"] {
		t.Errorf("%d hand-overs to the lists for %d progress messages", h, seen["review.BulkProgressMsg"])
	}
	if len(f.revokedKeys) != revoke || len(log.entries()) != revoke {
		t.Fatalf("revoked %d, logged %d", len(f.revokedKeys), len(log.entries()))
	}
	if got := m.Review().Table().Len(); got != n-revoke {
		t.Errorf("the review lists %d tokens, want %d", got, n-revoke)
	}
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 5,000 of 5,000 tokens.") {
		t.Fatalf("report: mode %v\n%s", m.Mode(), m.View())
	}
}

// TestBigBulkRevokeAsksForTheCount: over 100 tokens, the confirmation asks
// for their number: y, n and a wrong number revoke nothing (enter on a
// wrong number says so), esc cancels, the number then enter revokes. Up to
// 100, y confirms as before (TestReviewMarksAndBulkRevoke).
func TestBigBulkRevokeAsksForTheCount(t *testing.T) {
	t.Parallel()
	f := bulkFake(202, 101, 0)
	m := adminModel(t, f, nil)
	m = press(m, "R", "4", "a")
	if got := m.Review().Table().MarkedCount(); got != 101 {
		t.Fatalf("%d marked", got)
	}
	m = press(m, "d")
	if v := flat(m.View()); m.Mode() != ModeConfirm || !strings.Contains(v, "Type 101 to confirm") {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	m = press(m, "y", "n", "enter")
	if m.Mode() != ModeConfirm || len(f.revokedKeys) != 0 || !strings.Contains(flat(m.View()), "That is not 101") {
		t.Fatalf("y, n, enter: mode %v, revoked %d:\n%s", m.Mode(), len(f.revokedKeys), m.View())
	}
	m = press(m, "esc")
	if m.Mode() != ModeTable || len(f.revokedKeys) != 0 || m.Review().Table().MarkedCount() != 101 {
		t.Fatalf("esc: mode %v, revoked %d", m.Mode(), len(f.revokedKeys))
	}
	m = press(m, "d", "1", "0", "0", "enter")
	if m.Mode() != ModeConfirm || len(f.revokedKeys) != 0 {
		t.Fatalf("100: mode %v, revoked %d", m.Mode(), len(f.revokedKeys))
	}
	m = press(m, "backspace", "1", "enter")
	if m.Mode() != ModeNotice || len(f.revokedKeys) != 101 || !strings.Contains(m.Notice().Body(), "Revoked 101 of 101 tokens") {
		t.Fatalf("101: mode %v, revoked %d:\n%s", m.Mode(), len(f.revokedKeys), m.View())
	}
}

// TestBulkReportWaitsForAValue: a bulk revocation that ends while a new
// token's value is on screen does not replace it: the report shows once
// the reveal is closed.
func TestBulkReportWaitsForAValue(t *testing.T) {
	t.Parallel()
	_, m, aside, gate := slowBulk(t)
	m = press(m, "esc", "n")
	m = typeText(m, "fresh")
	m = press(m, "enter")
	if m.Mode() != ModeReveal {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	value := fakeValue(1)
	m = finishBulk(m, aside, gate)
	if m.Mode() != ModeReveal || !strings.Contains(m.View(), value) {
		t.Fatalf("the report replaced the value: mode %v\n%s", m.Mode(), m.View())
	}
	if m.Status().Activity() != "" {
		t.Errorf("activity %q after the revocation ended", m.Status().Activity())
	}
	m = press(m, "c", "esc")
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 2 of 2 tokens") {
		t.Fatalf("after the reveal: mode %v\n%s", m.Mode(), m.View())
	}
}
