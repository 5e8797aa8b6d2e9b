package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
// interleave their lines.
func (f *File) Append(e Entry) error {
	line, err := json.Marshal(e)
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
	fh, err := openAppend(f.path)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	if fi, err := fh.Stat(); err != nil || !fi.Mode().IsRegular() {
		fh.Close()
		if err == nil {
			err = &safefile.NotRegularError{What: "audit log", Path: f.path, Mode: fi.Mode()}
		}
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

// maxLine bounds one line of the log when reading it back.
const maxLine = 64 << 10

// Read returns the entries of the log at path, oldest first, and the
// number of lines that are not entries (a line cut by a full disk). A
// missing file is an error matching fs.ErrNotExist.
func Read(path string) ([]Entry, int, error) {
	fh, _, err := safefile.Open("audit log", path)
	if err != nil {
		if safefile.Refused(err) || errors.Is(err, fs.ErrNotExist) {
			return nil, 0, err
		}
		return nil, 0, fmt.Errorf("read the audit log: %w", err)
	}
	defer fh.Close()
	return decode(fh)
}

func decode(r io.Reader) ([]Entry, int, error) {
	var out []Entry
	bad := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
			bad++
			continue
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return out, bad, fmt.Errorf("read the audit log: %w", err)
	}
	return out, bad, nil
}
