package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// TestAuditLogOfAConsoleSession: a generate, a revoke and a rotation in
// the console each append one line to the audit log, checked field by
// field; the message log (!) shows them; no token value is anywhere in
// the state directory.
func TestAuditLogOfAConsoleSession(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 1})
	state := t.TempDir()
	path := filepath.Join(state, "sonartoken", audit.FileName)
	cb := &fakeClipboard{method: clipboard.OSC52}
	m := newModelOpts(t, Options{Service: c, Now: clock, Clipboard: cb, StaticCursor: true, Audit: audit.NewFile(path), Profile: "staging"}, 100, 30)

	m = typeText(press(m, "n"), "audited")
	m = press(m, "enter", "c", "esc")
	if _, ok := simToken(sim, "audited"); !ok {
		t.Fatalf("not generated:\n%s", m.View())
	}
	m.table.SelectName("unused-experiment")
	m = press(m, "d", "y")
	if _, ok := simToken(sim, "unused-experiment"); ok {
		t.Fatal("not revoked")
	}
	m = rotateToReveal(t, m, "laptop-2023")
	m = press(m, "c", "y")
	if m.Rotation().Step() != rotate.StepDone {
		t.Fatalf("rotation: %v", m.Rotation().Step())
	}
	m = press(m, "enter")

	var got []audit.Entry
	sk, err := audit.Scan(path, func(e audit.Entry) error {
		got = append(got, e)
		return nil
	})
	if skipped := sk.Total(); err != nil || skipped != 0 || len(got) != 3 {
		t.Fatalf("%d entries (%d skipped), %v: %+v", len(got), skipped, err, got)
	}
	want := []struct {
		action         audit.Action
		name, newName  string
		typ            model.TokenType
		withExpiration bool
	}{
		{audit.Generate, "audited", "", model.TypeUser, true},
		{audit.Revoke, "unused-experiment", "", model.TypeUser, true},
		{audit.Rotate, "laptop-2023", "laptop-2023-20261126", model.TypeUser, true},
	}
	for i, w := range want {
		e := got[i]
		if !e.Time.Equal(testNow) || e.Server != c.BaseURL() || e.Profile != "staging" || e.Actor != "admin" || e.Login != "admin" ||
			e.Name != w.name || e.NewName != w.newName || e.Type != string(w.typ) || e.Project != "" ||
			(e.Expiration != nil) != w.withExpiration || e.Action != w.action || e.Outcome != audit.OK || e.Error != "" {
			t.Errorf("entry %d: %+v", i, e)
		}
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("log mode %v (%v)", fi.Mode(), err)
	}

	// The message log shows the session's changes.
	m = press(m, "!")
	body := m.Notice().Body()
	for _, line := range []string{`Audit: generated "audited"`, `Audit: revoked "unused-experiment"`, `Audit: rotated "laptop-2023" into "laptop-2023-20261126"`} {
		if !strings.Contains(body, line) {
			t.Errorf("the message log lacks %q:\n%s", line, body)
		}
	}

	// No value in the state directory.
	cb.mu.Lock()
	values := append([]string(nil), cb.copies...)
	cb.mu.Unlock()
	if len(values) != 2 {
		t.Fatalf("%d values copied", len(values))
	}
	_ = filepath.WalkDir(state, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, v := range values {
			if strings.Contains(string(b), v) {
				t.Errorf("%s holds a token value", p)
			}
		}
		if strings.Contains(string(b), "squ_") {
			t.Errorf("%s holds something like a value", p)
		}
		return nil
	})
}

type failingLog struct{}

func (failingLog) Append(audit.Entry) error {
	return errors.New("write audit.jsonl: no space left on device")
}

// A log that cannot be written never holds the change back, and the
// status line says so.
func TestAuditLogFailureIsShownAndHoldsNothingBack(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 1})
	m := newModelOpts(t, Options{Service: c, Now: clock, Clipboard: &fakeClipboard{}, StaticCursor: true, Audit: failingLog{}}, 100, 30)
	m.table.SelectName("unused-experiment")
	m = press(m, "d", "y")
	if _, ok := simToken(sim, "unused-experiment"); ok {
		t.Fatal("the revocation was held back")
	}
	if e := m.Status().Error(); !strings.Contains(e, "audit log could not be written") || !strings.Contains(e, "no space left on device") {
		t.Errorf("status %q", e)
	}
}

type memAudit struct {
	mu  sync.Mutex
	got []audit.Entry
}

func (l *memAudit) Append(e audit.Entry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, e)
	return nil
}

// A bulk revocation in the review logs one line per token, each naming
// its owner, the acting administrator and the outcome.
func TestAuditLogOfABulkRevocation(t *testing.T) {
	t.Parallel()
	log := &memAudit{}
	f := newAdminFake()
	f.revokeErrs = map[string]error{"jenkins": errLongRefusal}
	m := adminModel(t, f, func(o *Options) { o.Audit = log })
	m = press(m, "R", "1", "a")
	marked := m.review.Marked()
	press(m, "d", "y")
	log.mu.Lock()
	defer log.mu.Unlock()
	if len(marked) < 2 || len(log.got) != len(marked) {
		t.Fatalf("%d marked, %d entries: %+v", len(marked), len(log.got), log.got)
	}
	owners := map[string]bool{}
	for _, e := range log.got {
		owners[e.Login] = true
		if e.Action != audit.Revoke || e.Actor != "ada" || e.Login == "" {
			t.Errorf("entry %+v", e)
		}
		want := audit.OK
		if e.Name == "jenkins" {
			want = audit.Failed
		}
		if e.Outcome != want || (want == audit.Failed) != (e.Error != "") {
			t.Errorf("%s: outcome %s, error %q", e.Name, e.Outcome, e.Error)
		}
	}
	if len(owners) < 2 {
		t.Errorf("the entries name one owner: %v", owners)
	}
}
