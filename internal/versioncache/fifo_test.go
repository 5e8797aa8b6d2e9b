//go:build unix

package versioncache

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestRefusesAFIFO: a FIFO planted at the file's name is not opened: the
// open would block the start until someone writes to it.
func TestRefusesAFIFO(t *testing.T) {
	fifo := New(t.TempDir())
	if err := syscall.Mkfifo(filepath.Join(fifo.dir, fileName), 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if _, ok := fifo.Get("u"); ok {
		t.Error("read a FIFO")
	}
}
