//go:build !linux && !darwin

package termbg

import (
	"os"
	"time"
)

// askTerminal asks nothing where there is no tmux or screen to ask.
func askTerminal(_, _ *os.File, _ time.Duration) []byte { return nil }
