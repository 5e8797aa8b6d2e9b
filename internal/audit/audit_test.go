//go:build unix

package audit

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/safefile"
)

func TestPathFor(t *testing.T) {
	env := map[string]string{"HOME": "/home/u", "XDG_STATE_HOME": "/state", "LocalAppData": `C:\Users\u\AppData\Local`}
	get := func(k string) string { return env[k] }
	for goos, want := range map[string]string{
		"linux":  "/state/sonartoken/audit.jsonl",
		"darwin": "/home/u/Library/Application Support/sonartoken/audit.jsonl",
	} {
		if got, err := pathFor(goos, get); err != nil || got != want {
			t.Errorf("%s: %q, %v; want %q", goos, got, err, want)
		}
	}
	env["XDG_STATE_HOME"] = "relative"
	if got, _ := pathFor("linux", get); got != "/home/u/.local/state/sonartoken/audit.jsonl" {
		t.Errorf("relative XDG_STATE_HOME: %q, want the default under HOME", got)
	}
	if got, _ := pathFor("windows", get); filepath.Base(filepath.Dir(got)) != "sonartoken" {
		t.Errorf("windows: %q", got)
	}
}

func TestAppendCreatesPrivateFileAndFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "sonartoken")
	path := filepath.Join(dir, FileName)
	exp := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	l := NewFile(path)
	e := Entry{Time: time.Unix(0, 0).UTC(), Server: "https://sq", Actor: "admin", Login: "dev", Name: "ci", Type: "USER_TOKEN", Expiration: &exp, Action: Revoke, Outcome: Failed, Error: "boom"}
	if err := l.Append(e); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	di, _ := os.Stat(dir)
	if fi.Mode().Perm() != 0o600 || di.Mode().Perm() != 0o700 {
		t.Errorf("file %v, folder %v; want 0600 and 0700", fi.Mode().Perm(), di.Mode().Perm())
	}
	got, bad, err := readLog(path)
	if err != nil || bad != 0 || len(got) != 1 {
		t.Fatalf("Read: %v, %d bad, %v", got, bad, err)
	}
	if g := got[0]; g.Name != "ci" || g.Outcome != Failed || g.Error != "boom" || !g.Expiration.Equal(exp) || g.Action != Revoke {
		t.Errorf("read back %+v", g)
	}
}

func TestConcurrentAppendsKeepWholeLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	l := NewFile(path)
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := l.Append(Entry{Name: "t", Action: Generate, Outcome: OK}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, bad, err := readLog(path)
	if err != nil || bad != 0 || len(got) != 50 {
		t.Fatalf("%d entries, %d bad lines, %v; want 50, 0", len(got), bad, err)
	}
}

func TestAppendRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	var nr *safefile.NotRegularError
	if err := NewFile(fifo).Append(Entry{Action: Revoke}); !errors.As(err, &nr) {
		t.Errorf("FIFO: %v, want a NotRegularError", err)
	}
	target := filepath.Join(dir, "elsewhere")
	link := filepath.Join(dir, "link.jsonl")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := NewFile(link).Append(Entry{Action: Revoke}); !errors.As(err, &nr) || strings.Count(err.Error(), "audit log") != 1 {
		t.Errorf("symlink: %v, want a NotRegularError naming the audit log once", err)
	}
	if _, err := os.Stat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the link's target was written")
	}
}

func TestAppendToUnwritableFolderFails(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	must(t, os.Chmod(dir, 0o500))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	if err := NewFile(filepath.Join(dir, "sonartoken", FileName)).Append(Entry{Action: Revoke}); err == nil {
		t.Error("Append in a read-only folder succeeded")
	}
}

func TestReadSkipsCutLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	must(t, os.WriteFile(path, []byte(`{"action":"revoke","outcome":"ok","name":"a"}`+"\n"+`{"action":"gen`), 0o600))
	got, bad, err := readLog(path)
	if err != nil || len(got) != 1 || bad != 1 {
		t.Errorf("%v, %d bad, %v; want 1 entry and 1 bad line", got, bad, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
