package nocore

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// notDumpable: no core file, and no ptrace or /proc/PID/mem from the same user.
func notDumpable() error {
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		return fmt.Errorf("mark the process not dumpable: %w", err)
	}
	return nil
}
