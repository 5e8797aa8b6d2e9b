//go:build unix

package report

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteFileRefusesNonRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	target := filepath.Join(dir, "target.csv")
	if err := os.WriteFile(target, []byte("target"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.json")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, link, folder} {
		for _, overwrite := range []bool{false, true} {
			err := WriteFile(p, sample(), overwrite)
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("%s (overwrite %v): %v", filepath.Base(p), overwrite, err)
			}
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "target" {
		t.Errorf("the symlink's target changed: %q", b)
	}
}
