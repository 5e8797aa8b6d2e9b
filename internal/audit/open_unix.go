//go:build unix

package audit

import (
	"os"
	"syscall"
)

// openAppend opens path for appending, creating it with mode 0600; a
// symbolic link is not followed and a FIFO does not block the open.
func openAppend(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0o600)
}
