//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestReplaceFlushesBeforeAndAfterTheRename: the new file's data is
// flushed before it is renamed over the old one (else a crash soon after
// could leave an empty file under the name), and the folder after (else
// the rename may not survive one). Replace used to flush neither.
func TestReplaceFlushesBeforeAndAfterTheRename(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hosts.toml")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	var steps []string
	defer func(f func(*os.File) error, d func(string) error) { syncFile, syncFolder = f, d }(syncFile, syncFolder)
	syncFile = func(f *os.File) error {
		b, _ := os.ReadFile(path)
		if f.Name() == path || string(b) != "old" {
			t.Errorf("flushed %s with %s holding %q: not the new file before the rename", f.Name(), path, b)
		}
		steps = append(steps, "file")
		return f.Sync()
	}
	syncFolder = func(d string) error {
		if b, _ := os.ReadFile(path); d != dir || string(b) != "new" {
			t.Errorf("flushed folder %s with %s holding %q: not the folder after the rename", d, path, b)
		}
		steps = append(steps, "folder")
		return syncDir(d)
	}
	if err := Replace(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if len(steps) != 2 || steps[0] != "file" || steps[1] != "folder" {
		t.Errorf("flushed %v, want the file then the folder", steps)
	}
}

// TestLockExcludes: a second Lock waits for the first to be released,
// then gets it; past the wait, it gives up with a *LockedError. The lock
// file is made 0600 and left in place.
func TestLockExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hosts.toml.lock")
	unlock, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("lock file: %v, %v", fi, err)
	}
	var wg sync.WaitGroup
	got := make(chan time.Time, 1)
	wg.Go(func() {
		second, err := Lock(path)
		if err != nil {
			t.Error(err)
			return
		}
		got <- time.Now()
		second()
	})
	time.Sleep(100 * time.Millisecond)
	released := time.Now()
	unlock()
	wg.Wait()
	if at := <-got; at.Before(released) {
		t.Error("the second Lock did not wait for the first")
	}
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 50 * time.Millisecond
	unlock, err = Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := Lock(path); err == nil {
		t.Fatal("a held lock was taken again")
	} else if _, ok := err.(*LockedError); !ok {
		t.Fatalf("%T %v, want a *LockedError", err, err)
	}
}

// TestLockRefusesALink: a symbolic link planted at the lock's name is
// refused, not followed.
func TestLockRefusesALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere")
	path := filepath.Join(dir, "hosts.toml.lock")
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(path); err == nil || !Refused(err) {
		t.Fatalf("a link at the lock's name: %v", err)
	}
	if _, err := os.Lstat(target); err == nil {
		t.Error("the link's target was created")
	}
}
