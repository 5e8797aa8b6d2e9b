package ui

import (
	"fmt"
	"io"
)

// printExitNote prints the console's exit note (an abandoned generate's
// revoke command) once the alternate screen is left.
func printExitNote(w io.Writer, m Model) {
	if note := m.ExitNote(); note != "" {
		fmt.Fprint(w, note)
	}
}
