package ui

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// entries returns what the log holds, as "action name→new outcome".
func (l *memAudit) entries() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, e := range l.got {
		s := string(e.Action) + " " + e.Login + "/" + e.Name
		if e.NewName != "" {
			s += "→" + e.NewName
		}
		out = append(out, s+" "+string(e.Outcome))
	}
	return out
}

// lossyAudited is lossyAdmin with the audit log in memory.
func lossyAudited(t *testing.T) (*lossyService, Model, *memAudit) {
	t.Helper()
	log := &memAudit{}
	f := &lossyService{fakeService: newAdminFake(), lose: 1}
	m := adminModel(t, f.fakeService, func(o *Options) { o.Service = f; o.Audit = log })
	return f, m, log
}

// TestAuditOfARotationRetry: the replacement's answer is lost, y revokes
// it and generates it again, then the old token is revoked. The log holds
// the lost generate's rotation attempt, the revocation of the valueless
// replacement and the rotation, in that order, each with its outcome.
func TestAuditOfARotationRetry(t *testing.T) {
	t.Parallel()
	_, m, log := lossyAudited(t)
	m = press(m, "G", "o", "enter", "y")
	if m.Rotation().Step() != rotate.StepReveal {
		t.Fatalf("step %v:\n%s", m.Rotation().Step(), m.View())
	}
	m = press(m, "c", "y")
	if m.Rotation().Step() != rotate.StepDone {
		t.Fatalf("step %v:\n%s", m.Rotation().Step(), m.View())
	}
	want := []string{
		"rotate ada/release-bot→" + rotatedNew + " lost-answer",
		"revoke ada/" + rotatedNew + " ok",
		"rotate ada/release-bot→" + rotatedNew + " ok",
	}
	if got := log.entries(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAuditOfAFailedRegenerate: after the retry revoked the valueless
// replacement, generating it again fails: that failed rotation is logged
// too, after the revocation.
func TestAuditOfAFailedRegenerate(t *testing.T) {
	t.Parallel()
	f, m, log := lossyAudited(t)
	m = press(m, "G", "o", "enter")
	if m.Rotation().Step() != rotate.StepLost {
		t.Fatalf("step %v", m.Rotation().Step())
	}
	f.fail("Generate", &client.APIError{Method: "POST", Endpoint: "api/user_tokens/generate", Status: 503})
	m = press(m, "y")
	if len(f.revoked) != 1 || f.revoked[0] != rotatedNew {
		t.Fatalf("revoked %v", f.revoked)
	}
	want := []string{
		"rotate ada/release-bot→" + rotatedNew + " lost-answer",
		"revoke ada/" + rotatedNew + " ok",
		"rotate ada/release-bot→" + rotatedNew + " failed",
	}
	if got := log.entries(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit log:\n%s\nwant:\n%s\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), m.View())
	}
}

// TestUnauthorizedDuringRotationRevoke: the old token's revocation is
// answered 401. The rotation stays on screen, saying the revocation
// failed, with both tokens listed; the failure is logged; the status line
// says the session is over, and closing the rotation gives way to the
// sign-in page.
func TestUnauthorizedDuringRotationRevoke(t *testing.T) {
	t.Parallel()
	log := &memAudit{}
	f := newAdminFake()
	f.revokeErrs = map[string]error{"release-bot": &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 401}}
	m := adminModel(t, f, func(o *Options) { o.Audit = log })
	m = press(m, "G", "o", "enter", "c", "y")
	if m.Mode() != ModeRotate || m.Rotation().Step() != rotate.StepRevokeFailed {
		t.Fatalf("mode %v, step %v:\n%s", m.Mode(), m.Rotation().Step(), m.View())
	}
	if m.SignedOut() != nil {
		t.Fatal("signed out with the rotation's outcome on screen")
	}
	if !strings.Contains(m.Status().Error(), "no longer accepts the console's token") {
		t.Errorf("status %q", m.Status().Error())
	}
	if !listed(m, "release-bot") || !listed(m, rotatedNew) {
		t.Errorf("names %v", m.Table().Names())
	}
	want := "rotate ada/release-bot→" + rotatedNew + " failed"
	if got := log.entries(); len(got) != 1 || got[0] != want {
		t.Errorf("audit log %v, want [%s]", got, want)
	}
	log.mu.Lock()
	if len(log.got) == 1 && !strings.Contains(log.got[0].Error, "401") && log.got[0].Outcome != audit.Failed {
		t.Errorf("entry %+v", log.got[0])
	}
	log.mu.Unlock()
	m = press(m, "esc")
	if m.SignedOut() == nil {
		t.Fatalf("closing the rotation did not sign out: mode %v", m.Mode())
	}
}
