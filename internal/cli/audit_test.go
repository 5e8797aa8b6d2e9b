//go:build linux

package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// auditEntries reads the test's audit log.
func (e *testEnv) auditEntries() []audit.Entry {
	e.t.Helper()
	var got []audit.Entry
	skipped, err := audit.Scan(filepath.Join(e.vars["XDG_STATE_HOME"], "sonartoken", audit.FileName), func(a audit.Entry) error {
		got = append(got, a)
		return nil
	})
	if err != nil || skipped.Total() != 0 {
		e.t.Fatalf("read the audit log: %v (%d bad lines)", err, skipped.Total())
	}
	return got
}

// TestAuditLogOfACLISession checks the lines a generate, a revoke, a
// rotation and a refused revoke leave, field by field, and that no token
// value is anywhere in the state folder.
func TestAuditLogOfACLISession(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	gen := e.run("generate", "ci", "--expires", "30d").expect(t, 0)
	e.run("revoke", "--yes", "laptop").expect(t, 0)
	rot := e.run("rotate", "scan-app", "--new-name", "scan-app-2").expect(t, 0)
	dev := e.devToken()
	e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": dev}}, "generate", "x", "--type", "global").expect(t, ExitForbidden)

	got := e.auditEntries()
	if len(got) != 4 {
		t.Fatalf("%d audit lines, want 4: %+v", len(got), got)
	}
	exp30 := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	want := []audit.Entry{
		{Server: e.url, Actor: "admin", Login: "admin", Name: "ci", Type: "USER_TOKEN", Expiration: &exp30, Action: audit.Generate, Outcome: audit.OK},
		{Server: e.url, Actor: "admin", Login: "admin", Name: "laptop", Type: "USER_TOKEN", Expiration: ptr(now.Add(3 * 24 * time.Hour)), Action: audit.Revoke, Outcome: audit.OK},
		{Server: e.url, Actor: "admin", Login: "admin", Name: "scan-app", NewName: "scan-app-2", Type: "PROJECT_ANALYSIS_TOKEN", Project: "app", Action: audit.Rotate, Outcome: audit.OK},
		{Server: e.url, Actor: "dev", Login: "dev", Name: "x", Type: "GLOBAL_ANALYSIS_TOKEN", Expiration: &exp30, Action: audit.Generate, Outcome: audit.Failed},
	}
	for i, w := range want {
		g := got[i]
		if !g.Time.Equal(now) {
			t.Errorf("line %d: time %v, want %v", i+1, g.Time, now)
		}
		gotExp, wantExp := "nil", "nil"
		if g.Expiration != nil {
			gotExp = g.Expiration.UTC().Format(time.RFC3339)
		}
		if w.Expiration != nil {
			wantExp = w.Expiration.UTC().Format(time.RFC3339)
		}
		if gotExp != wantExp {
			t.Errorf("line %d: expiration %s, want %s", i+1, gotExp, wantExp)
		}
		g.Time, g.Expiration, w.Expiration = time.Time{}, nil, nil
		errText := g.Error
		g.Error = ""
		if g != w {
			t.Errorf("line %d:\n got %+v\nwant %+v", i+1, g, w)
		}
		if w.Outcome == audit.Failed && !strings.Contains(errText, "Insufficient privileges") && !strings.Contains(errText, "permission") {
			t.Errorf("line %d: error %q does not say why", i+1, errText)
		}
		if w.Outcome == audit.OK && errText != "" {
			t.Errorf("line %d: error %q on success", i+1, errText)
		}
	}

	// No value in the state folder: the generated one, the rotated one,
	// nor the tokens the commands signed in with.
	values := []string{strings.TrimSpace(gen.stdout), strings.TrimSpace(rot.stdout), e.vars["SONAR_TOKEN"], dev}
	err := filepath.WalkDir(e.vars["XDG_STATE_HOME"], func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		for _, v := range values {
			if len(v) < 10 || strings.Contains(string(b), v) {
				t.Errorf("%s holds a token value (or the value %q is too short to check)", p, v)
			}
		}
		return err
	})
	must(t, err)
	fi, err := os.Stat(filepath.Join(e.vars["XDG_STATE_HOME"], "sonartoken", audit.FileName))
	must(t, err)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("audit log mode %v, want 0600", fi.Mode().Perm())
	}
}

// TestAuditLogUnwritableDoesNotBlockTheChange points the state folder at
// a file: the revoke happens, exits 0 and warns.
func TestAuditLogUnwritableDoesNotBlockTheChange(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.vars["XDG_STATE_HOME"] = writeTemp(t, "not-a-folder", "", 0o600)
	r := e.run("revoke", "--yes", "laptop").expect(t, 0)
	if e.hasToken("admin", "laptop") {
		t.Error("the token was not revoked")
	}
	if !strings.Contains(r.stderr, "warning: the change was not recorded in the audit log") {
		t.Errorf("no warning on stderr:\n%s", r.stderr)
	}
}

func TestLogCommand(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.run("log").expect(t, 0)
	if !strings.Contains(r.stderr, "No change recorded yet") {
		t.Errorf("empty log: %q", r.stderr)
	}
	e.run("revoke", "--yes", "laptop").expect(t, 0)
	// An older line, from another server, with a hostile name.
	path := filepath.Join(e.vars["XDG_STATE_HOME"], "sonartoken", audit.FileName)
	must(t, audit.NewFile(path).Append(audit.Entry{Time: now.Add(-10 * 24 * time.Hour), Server: "https://other.example", Actor: "ops", Login: "ops", Name: "evil\x1b[31m", Action: audit.Generate, Outcome: audit.Failed, Error: "Insufficient privileges"}))

	r = e.run("log").expect(t, 0)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "TIME") || !strings.Contains(lines[1], "revoke") || !strings.Contains(lines[1], "laptop") || !strings.Contains(lines[1], "2026-03-01 12:00:00") {
		t.Errorf("log:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "\x1b") || !strings.Contains(r.stdout, `evil\e[31m`) {
		t.Errorf("the hostile name is not escaped:\n%q", r.stdout)
	}
	r = e.run("log", "--since", "7d").expect(t, 0)
	if strings.Contains(r.stdout, "other.example") || !strings.Contains(r.stdout, "laptop") {
		t.Errorf("--since 7d:\n%s", r.stdout)
	}
	r = e.run("log", "--server", "https://other.example/", "--json").expect(t, 0)
	var got []audit.Entry
	must(t, json.Unmarshal([]byte(r.stdout), &got))
	if len(got) != 1 || got[0].Name != "evil\x1b[31m" || got[0].Error != "Insufficient privileges" {
		t.Errorf("--server --json: %+v", got)
	}
	e.run("log", "--since", "soon").expect(t, ExitUsage)
}
