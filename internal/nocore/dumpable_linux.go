package nocore

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// notDumpable marks the process not dumpable: no core file whatever the
// limit or core_pattern (unless fs.suid_dumpable says otherwise), and no
// ptrace or /proc/PID/mem from other processes of the same user.
func notDumpable() error {
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		return fmt.Errorf("mark the process not dumpable: %w", err)
	}
	return nil
}
