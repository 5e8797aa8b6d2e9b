//go:build unix

package safefile

import (
	"io/fs"
	"os"
	"syscall"
)

// openNonBlocking never waits on a FIFO swapped in after the check, nor takes a controlling terminal.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
}

// owner returns the file's owner.
func owner(fi fs.FileInfo) (int, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
}
