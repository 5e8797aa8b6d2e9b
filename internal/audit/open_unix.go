//go:build unix

package audit

import (
	"os"
	"syscall"
)

// openAppend follows no symbolic link and does not block on a FIFO.
func openAppend(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0o600)
}
