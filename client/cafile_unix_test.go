//go:build unix

package client

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCAFileMustBeRegular: a FIFO or a device given as the CA file is
// refused at once, in words, instead of blocking the start for ever.
func TestCAFileMustBeRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "ca.pem")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for path, want := range map[string]string{fifo: "named pipe", "/dev/zero": "device", os.TempDir(): "folder"} {
		done := make(chan error, 1)
		go func() {
			_, err := transport(path, false)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("transport(%s) = %v, want a refusal naming a %s", path, err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("transport(%s) still blocks after 5 s", path)
		}
	}
}
