package safefile

import (
	"fmt"
	"io/fs"
	"os"
	"time"
)

// lockWait is how long Lock waits for another process to release its
// lock; a variable for the tests.
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

// Lock takes an exclusive advisory lock on the file at path, created
// (mode 0600) when missing, for a read-modify-write of a file beside it
// that other sonartoken processes may rewrite at the same time: two auth
// logins each read hosts.toml, add their profile and write it back, and
// without the lock the one that wrote last dropped the other's profile.
// It waits up to 10 seconds for another holder (a *LockedError after
// that); unlock releases it. A symbolic link, a special file or a file of
// another user at path is refused.
//
// The lock is the operating system's on an open file: flock(2) on Unix,
// LockFileEx on Windows. The kernel releases it when its holder exits,
// however it exits, so a crash never leaves a stale lock behind, which a
// lock file created with O_EXCL would, needing a rule to break it that
// could break a live one. The lock is on a file of its own, never on the
// file it guards: Replace renames a new file over that one, and a lock on
// the old file would not exclude a process that opened the new one. The
// lock file stays, empty: removing it would let a process lock a file
// that a third one had just replaced. Lock and a lock file in the same
// process exclude each other too (each call opens its own file).
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
