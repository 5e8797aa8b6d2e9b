package audit

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/sonartoken/sonartoken/internal/safefile"
)

// File is a Logger appending to a JSON Lines file, created with mode 0600
// in a folder created with mode 0700. A path that is not a regular file
// (a symbolic link, a FIFO, a device) is refused.
type File struct {
	path string
	mu   sync.Mutex
}

// NewFile returns the Logger writing to path; nothing is opened before
// the first Append.
func NewFile(path string) *File { return &File{path: path} }

// Path is the file's path.
func (f *File) Path() string { return f.path }

// Append writes e as one line, in one write on a file opened for
// appending, so that concurrent writers (two sonartoken processes) do not
// interleave their lines. Each text field is cut at MaxField bytes (Cap),
// so that no server's message can make a line the reader skips. The folder
// and the file are checked first (CheckPlace): a place others may write is
// refused, with the chmod that fixes it.
func (f *File) Append(e Entry) error {
	line, err := json.Marshal(e.Capped())
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	line = append(line, '\n')
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(f.path), 0o700); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	if fi, err := os.Lstat(f.path); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("audit log: %w", &safefile.NotRegularError{What: "audit log", Path: f.path, Mode: fi.Mode()})
	}
	if err := CheckPlace(f.path); err != nil {
		return err
	}
	fh, err := openAppend(f.path)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	fi, err := fh.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = &safefile.NotRegularError{What: "audit log", Path: f.path, Mode: fi.Mode()}
	}
	if err == nil {
		err = checkFile(f.path, fi) // the file opened, not one swapped in after the check
	}
	if err != nil {
		fh.Close()
		return fmt.Errorf("audit log: %w", err)
	}
	if _, err := fh.Write(line); err != nil {
		fh.Close()
		return fmt.Errorf("audit log %s: %w", f.path, err)
	}
	if err := fh.Close(); err != nil {
		return fmt.Errorf("audit log %s: %w", f.path, err)
	}
	return nil
}
