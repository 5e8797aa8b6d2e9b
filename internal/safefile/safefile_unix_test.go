//go:build unix

package safefile

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// openWithin fails the test if Open takes longer than a second: a FIFO
// opened for reading without a writer blocks for ever.
func openWithin(t *testing.T, path string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		f, _, err := Open("token file", path)
		if f != nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Second):
		t.Fatalf("Open(%s) still blocks after a second", path)
		return nil
	}
}

func TestOpenRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	link := filepath.Join(dir, "link")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for path, kind := range map[string]string{
		fifo:        "a named pipe (FIFO)",
		link:        "a named pipe (FIFO)",
		sock:        "a socket",
		"/dev/zero": "a device",
		dir:         "a folder",
	} {
		err := openWithin(t, path)
		var ne *NotRegularError
		if !errors.As(err, &ne) {
			t.Errorf("%s: err = %v, want NotRegularError", path, err)
			continue
		}
		if want := "token file " + path + " is " + kind + ", not a regular file"; !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %q lacks %q", path, err, want)
		}
	}
}

func TestOpenRefusesAnotherUsersFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(p, []byte("x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := openWithin(t, p); err != nil {
		t.Fatalf("own regular file: %v", err)
	}
	other := "/etc/passwd" // root's, when the tests do not run as root
	if os.Geteuid() == 0 {
		if err := os.Chown(p, 4242, 4242); err != nil {
			t.Fatal(err)
		}
		other = p
	}
	err := openWithin(t, other)
	var oe *OwnerError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "token file "+other+" is owned by another user") {
		t.Fatalf("err = %v, want OwnerError", err)
	}
}

func TestOpenMissingFile(t *testing.T) {
	err := openWithin(t, filepath.Join(t.TempDir(), "none"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want ErrNotExist", err)
	}
}
