//go:build !unix && !windows

package safefile

import "os"

func openLock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}

// tryLock takes no lock: these systems (js, wasip1, plan9) offer none
// that this package uses.
func tryLock(*os.File) (bool, error) { return true, nil }

func unlockFile(*os.File) {}

func syncDir(string) error { return nil }
