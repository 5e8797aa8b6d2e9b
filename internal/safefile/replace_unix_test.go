//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReplace: the file is written 0600, a symbolic link at its name is
// replaced rather than followed, and no temporary file is left behind.
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "file")
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	if err := Replace(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want a regular file, 0600", fi.Mode())
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file holds %q, want %q", b, "new")
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the link's target was written: %q", b)
	}
	if names, _ := os.ReadDir(dir); len(names) != 2 {
		t.Errorf("folder holds %d entries, want 2 (a temporary file left?)", len(names))
	}
}
