//go:build !unix && !windows

package safefile

import "os"

func openLock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}

// tryLock: js, wasip1 and plan9 offer no lock this package uses.
func tryLock(*os.File) (bool, error) { return true, nil }

func unlockFile(*os.File) {}

func syncDir(string) error { return nil }
