package audit

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/sonartoken/sonartoken/internal/safefile"
)

// File appends JSON lines to a 0600 file in a 0700 folder, refusing non-regular files.
type File struct {
	path string
	mu   sync.Mutex
}

// NewFile opens nothing before the first Append.
func NewFile(path string) *File { return &File{path: path} }

// Path is the file's path.
func (f *File) Path() string { return f.path }

// Append writes e in one append-mode write, so concurrent processes do not
// interleave; capped fields keep every line readable, and unsafe places are refused.
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
		return &safefile.NotRegularError{What: "audit log", Path: f.path, Mode: fi.Mode()} // names the audit log
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
		return err // a NotRegularError or a PlaceError, which name the audit log
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
