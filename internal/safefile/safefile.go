// Package safefile opens the files sonartoken reads its settings and
// tokens from (a token file, the configuration file,
// sonar-project.properties) without trusting what lies at the path: a
// named pipe, a device or a socket is refused before it is opened, since
// reading one may block for ever, and on Unix a file owned by another user
// is refused, as ssh refuses one. Replace writes such a file in one step.
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

// Refused reports whether err is Open refusing the file (a
// *NotRegularError or an *OwnerError), whose message already names the
// file and the fix, so that callers pass it on unwrapped.
func Refused(err error) bool {
	var special *NotRegularError
	var foreign *OwnerError
	return errors.As(err, &special) || errors.As(err, &foreign)
}

// Kind names what a mode describes, for messages: "a named pipe (FIFO)",
// "a device", "a socket", "a folder".
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

// check refuses what is not a regular file, or (on Unix) not owned by the
// user running sonartoken.
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

// Open opens path for reading once it is known to be a regular file owned
// by the user; what names the file in errors ("token file"). It checks
// the path before opening it, so that a FIFO or a device is never opened,
// then opens it without blocking and checks the opened file again, so
// that a swap between the two steps is caught too. The caller closes the
// file; the FileInfo is the opened file's.
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

// Replace writes data to path, mode 0600, through a new file beside it
// renamed over path: a reader never sees half a file, a crash leaves the
// old one whole, and a symbolic link planted at path is replaced, not
// followed. The new file's data reaches the disk before the rename
// (fsync), so that a crash after it never leaves an empty or partial file
// under the name, and on Unix the folder is flushed after it, so that the
// rename itself survives a crash. The folder must exist. Callers that
// read, change and rewrite a file other processes may rewrite too hold a
// Lock around the three.
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

// syncFile and syncFolder flush a file's data and a folder's entries;
// variables for the tests.
var (
	syncFile   = (*os.File).Sync
	syncFolder = syncDir
)
