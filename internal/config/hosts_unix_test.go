//go:build unix

package config

import (
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestOwnedFileSpecialOrForeign: a FIFO in place of hosts.toml is refused
// before it is opened, and (as root) one owned by another user too.
func TestOwnedFileSpecialOrForeign(t *testing.T) {
	cfg := writeConfig(t, "")
	if err := syscall.Mkfifo(OwnedPath(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(cfg); err == nil || !strings.Contains(err.Error(), OwnedPath(cfg)+" is a named pipe (FIFO)") {
		t.Errorf("FIFO: %v", err)
	}
	if os.Geteuid() != 0 {
		t.Skip("giving a file away takes root")
	}
	if err := os.Remove(OwnedPath(cfg)); err != nil {
		t.Fatal(err)
	}
	writeOwned(t, cfg, "")
	if err := os.Chown(OwnedPath(cfg), 4242, 4242); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(cfg); err == nil || !strings.Contains(err.Error(), OwnedPath(cfg)+" is owned by another user") {
		t.Errorf("another user's: %v", err)
	}
}
