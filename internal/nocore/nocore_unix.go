//go:build unix

package nocore

import (
	"fmt"

	"golang.org/x/sys/unix"
)

func apply() error {
	if err := unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{Cur: 0, Max: 0}); err != nil {
		return fmt.Errorf("set the core file size limit to 0: %w", err)
	}
	return notDumpable()
}
