// Package safefile opens settings and token files without trusting the path: a
// FIFO or device could block forever, and another user's file is refused, as ssh does.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// NotRegularError refuses a path that is not a regular file.
type NotRegularError struct {
	// What names the file ("token file").
	What string
	Path string
	Mode fs.FileMode
}

// Error names the file and what it is instead.
func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s %s is %s, not a regular file: sonartoken reads only regular files", e.What, e.Path, Kind(e.Mode))
}

// OwnerError refuses a file owned by another user.
type OwnerError struct {
	What string
	Path string
	// UID owns the file; Me is the user running sonartoken.
	UID, Me int
}

// Error names the file, its owner and the fix.
func (e *OwnerError) Error() string {
	return fmt.Sprintf("%s %s is owned by another user (uid %d, you are uid %d): sonartoken refuses it, as ssh does; use a file of your own", e.What, e.Path, e.UID, e.Me)
}

// Refused reports an Open refusal, whose message already names file and fix.
func Refused(err error) bool {
	var special *NotRegularError
	var foreign *OwnerError
	return errors.As(err, &special) || errors.As(err, &foreign)
}

// Kind names a non-regular mode for messages.
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// check refuses non-regular files and (Unix) other users' files.
func check(what, path string, fi fs.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return &NotRegularError{What: what, Path: path, Mode: fi.Mode()}
	}
	if uid, ok := owner(fi); ok {
		if me := os.Geteuid(); uid != me {
			return &OwnerError{What: what, Path: path, UID: uid, Me: me}
		}
	}
	return nil
}

// Open checks path, opens without blocking and checks again, so a swap in between is caught.
func Open(what, path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := check(what, path, fi); err != nil {
		return nil, nil, err
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, nil, err
	}
	fi, err = f.Stat()
	if err == nil {
		err = check(what, path, fi)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// Replace writes, fsyncs and renames a 0600 file over path (a link is replaced,
// not followed), so a crash leaves one whole file; read-modify-write holds a Lock.
func Replace(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // gone after the rename
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := syncFile(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("flush %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if err := syncFolder(dir); err != nil {
		return fmt.Errorf("%s is written, but flushing its folder failed: %w", path, err)
	}
	return nil
}

// Variables for the tests.
var (
	syncFile   = (*os.File).Sync
	syncFolder = syncDir
)
