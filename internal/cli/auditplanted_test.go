//go:build unix

package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// auditPath is the audit log of e's runs.
func (e *testEnv) auditPath() string {
	return filepath.Join(e.vars["XDG_STATE_HOME"], "sonartoken", audit.FileName)
}

// TestLogSkipsAPlantedLongLine: a 360 KB line in the middle of the log
// (what a 60 KB server message of "<" made before the error field was
// capped) is skipped and counted; the entries around it show, in the
// table and in JSON.
func TestLogSkipsAPlantedLongLine(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.run("revoke", "--yes", "laptop").expect(t, ExitOK)
	f, err := os.OpenFile(e.auditPath(), os.O_APPEND|os.O_WRONLY, 0)
	must(t, err)
	_, err = fmt.Fprintf(f, `{"action":"revoke","outcome":"failed","name":"x","error":%q}`+"\n"+"garbage\n", strings.Repeat("\\u003c", 60<<10))
	must(t, err)
	must(t, f.Close())
	e.run("revoke", "--yes", "expired-ci").expect(t, ExitOK)

	r := e.run("log").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "laptop") || !strings.Contains(r.stdout, "expired-ci") || strings.Count(r.stdout, "\n") != 3 {
		t.Errorf("log:\n%s", r.stdout)
	}
	if want := "warning: 2 lines of " + e.auditPath() + " skipped: 1 longer than 64 KB, 1 not entries (cut by a full disk?); sonartoken writes neither."; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	r = e.run("log", "--json").expect(t, ExitOK)
	var got []audit.Entry
	must(t, json.Unmarshal([]byte(r.stdout), &got))
	if len(got) != 2 || got[0].Name != "laptop" || got[1].Name != "expired-ci" {
		t.Errorf("log --json: %+v", got)
	}
}

// TestAuditErrorFieldIsCapped: a server whose refusal is 60 KB of "<"
// writes an audit line of a few KB, its error cut with a marker, and log
// shows it; standard error shows it cut as well.
func TestAuditErrorFieldIsCapped(t *testing.T) {
	sim := sonarsim.New(sonarsim.Options{Empty: true, Now: func() time.Time { return now }})
	huge := []byte(`{"errors":[{"msg":"` + strings.Repeat("<", 60<<10) + `"}]}`) // 6 bytes each once JSON-escaped by Go
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "api/user_tokens/revoke") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write(huge)
			return
		}
		sim.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	e := &testEnv{t: t, sim: sim, url: srv.URL, vars: map[string]string{"SONAR_HOST_URL": srv.URL, "SONAR_TOKEN": sim.AdminToken(), "XDG_STATE_HOME": t.TempDir()}}
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "laptop", CreatedAt: now.Add(-time.Hour)})
	r := e.run("revoke", "--yes", "laptop")
	if r.code == ExitOK {
		t.Fatal("the revoke passed")
	}
	// Standard error shows the server's words cut too (it printed 61 KB).
	if len(r.stderr) > 2<<10 || !strings.Contains(r.stderr, "bytes in all]") {
		t.Errorf("stderr of %d bytes: …%s", len(r.stderr), r.stderr[max(0, len(r.stderr)-120):])
	}
	data, err := os.ReadFile(e.auditPath())
	must(t, err)
	if len(data) > 8<<10 || !bytes.Contains(data, []byte("bytes in all]")) {
		t.Errorf("audit line of %d bytes: …%s", len(data), data[max(0, len(data)-80):])
	}
	r = e.run("log").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "laptop") || !strings.Contains(r.stdout, "bytes in all]") || r.stderr != "" {
		t.Errorf("log:\n%s\n%s", r.stdout, r.stderr)
	}
}

// TestWeakAuditPlacesAreRefused: a state folder that is a link to a
// world-writable folder, and an audit.jsonl others can write, are
// refused with the chmod that fixes them: the change still happens (with
// a warning), nothing is appended there, and log refuses to read it.
func TestWeakAuditPlacesAreRefused(t *testing.T) {
	t.Run("linked folder", func(t *testing.T) {
		e := newTestEnv(t, sonarsim.Options{})
		open := filepath.Join(t.TempDir(), "open")
		must(t, os.Mkdir(open, 0o700))
		must(t, os.Chmod(open, 0o777))
		must(t, os.Symlink(open, filepath.Join(e.vars["XDG_STATE_HOME"], "sonartoken")))
		r := e.run("revoke", "--yes", "laptop").expect(t, ExitOK)
		if e.hasToken("admin", "laptop") {
			t.Error("not revoked")
		}
		if want := "(a link to " + open + ") can be written by group or others (mode 0777), who could plant or remove entries: sonartoken refuses it; run chmod 700 " + open; !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q, want %q", r.stderr, want)
		}
		if _, err := os.Stat(filepath.Join(open, audit.FileName)); err == nil {
			t.Error("the log was written in the world-writable folder")
		}
		r = e.run("log").expect(t, ExitError)
		if !strings.Contains(r.stderr, "run chmod 700 "+open) {
			t.Errorf("log: %q", r.stderr)
		}
	})
	t.Run("open file", func(t *testing.T) {
		e := newTestEnv(t, sonarsim.Options{})
		e.run("revoke", "--yes", "laptop").expect(t, ExitOK)
		before, err := os.ReadFile(e.auditPath())
		must(t, err)
		must(t, os.Chmod(e.auditPath(), 0o666))
		r := e.run("revoke", "--yes", "expired-ci").expect(t, ExitOK)
		if want := "audit log " + e.auditPath() + " can be written by group or others (mode 0666), who could plant or remove entries: sonartoken refuses it; run chmod 600 " + e.auditPath(); !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q, want %q", r.stderr, want)
		}
		if after, _ := os.ReadFile(e.auditPath()); !bytes.Equal(after, before) {
			t.Error("appended to a file others can write")
		}
		e.run("log").expect(t, ExitError)
		must(t, os.Chmod(e.auditPath(), 0o600))
		if r := e.run("log").expect(t, ExitOK); !strings.Contains(r.stdout, "laptop") {
			t.Errorf("log after chmod 600:\n%s", r.stdout)
		}
	})
}

// TestLogTableReadsTwiceWhenLong: past the rows it keeps, the table is
// written by a second read of the log, the same as from the first.
func TestLogTableReadsTwiceWhenLong(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	l := audit.NewFile(e.auditPath())
	for i := range 30 {
		must(t, l.Append(audit.Entry{Time: now.Add(-time.Duration(i) * time.Hour), Server: "https://s", Actor: "admin", Login: "ü" + strings.Repeat("x", i%7), Name: fmt.Sprint("t", i), Action: audit.Revoke, Outcome: audit.OK}))
	}
	once := e.run("log", "--since", "1d").expect(t, ExitOK).stdout
	defer func(n int) { maxHeldRows = n }(maxHeldRows)
	maxHeldRows = 3
	twice := e.run("log", "--since", "1d").expect(t, ExitOK).stdout
	if once != twice || strings.Count(once, "\n") != 26 {
		t.Errorf("one read:\n%s\ntwo reads:\n%s", once, twice)
	}
}

// TestLogMemoryIsBounded: log --since over a 40 MB log holds a few MB,
// not the whole log (a 324 MB log took 925 MB before).
func TestLogMemoryIsBounded(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes a 40 MB log; the race detector multiplies memory")
	}
	e := newTestEnv(t, sonarsim.Options{})
	must(t, os.MkdirAll(filepath.Dir(e.auditPath()), 0o700))
	f, err := os.OpenFile(e.auditPath(), os.O_CREATE|os.O_WRONLY, 0o600)
	must(t, err)
	line, err := json.Marshal(audit.Entry{Time: now.Add(-100 * 24 * time.Hour), Server: "https://sonar.example.com", Actor: "admin", Login: "dev", Name: "ci-token", Type: "USER_TOKEN", Action: audit.Revoke, Outcome: audit.Failed, Error: strings.Repeat("Insufficient privileges. ", 10)})
	must(t, err)
	block := bytes.Repeat(append(line, '\n'), 1000)
	for written := 0; written < 40<<20; written += len(block) {
		_, err := f.Write(block)
		must(t, err)
	}
	must(t, f.Close())
	e.run("revoke", "--yes", "laptop").expect(t, ExitOK)
	for _, args := range [][]string{{"log", "--since", "1d"}, {"log", "--since", "1d", "--json"}} {
		runtime.GC()
		var r result
		peak := peakMemory(func() { r = e.run(args...) })
		r.expect(t, ExitOK)
		t.Logf("%v: peak %d MB held by the runtime", args, peak>>20)
		if peak > 30<<20 || !strings.Contains(r.stdout, "laptop") {
			t.Errorf("%v: peak %d MB, want under 30 MB; stdout:\n%s", args, peak>>20, r.stdout)
		}
	}
}
