//go:build !unix

package audit

import "os"

// openAppend: outside Unix the check before opening keeps special files out.
func openAppend(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
}
