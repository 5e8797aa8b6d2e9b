package safefile

import (
	"fmt"
	"io/fs"
	"os"
	"time"
)

// lockWait is a variable for the tests.
var lockWait = 10 * time.Second

// LockedError is a lock another process held for all of Lock's wait.
type LockedError struct {
	Path   string
	Waited time.Duration
}

// Error names the lock and what to do.
func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is held by another sonartoken, which is saving the same file (waited %v): try again once it is done", e.Path, e.Waited)
}

// Lock takes the OS's exclusive lock (flock, LockFileEx) on a lock file beside a
// file others may rewrite: it dies with its holder, so no stale-lock rule can
// break a live one, and it is apart because Replace renames over the guarded file.
func Lock(path string) (unlock func(), err error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return nil, &NotRegularError{What: "lock file", Path: path, Mode: fi.Mode()}
	}
	f, err := openLock(path)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	fi, err := f.Stat()
	if err == nil {
		err = check("lock file", path, fi)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	start := time.Now()
	pause := 2 * time.Millisecond
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if ok {
			break
		}
		if waited := time.Since(start); waited >= lockWait {
			f.Close()
			return nil, &LockedError{Path: path, Waited: waited.Round(time.Second)}
		}
		time.Sleep(pause)
		pause = min(2*pause, 100*time.Millisecond)
	}
	return func() {
		unlockFile(f)
		f.Close()
	}, nil
}
