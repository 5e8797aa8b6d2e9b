package cli

import (
	"io"

	reports "github.com/sonartoken/sonartoken/internal/report"
)

// writeJSONArray is report.WriteJSONArray (shared with the console's
// export).
func writeJSONArray[T any](w io.Writer, n int, elem func(i int) T) error {
	return reports.WriteJSONArray(w, n, elem)
}

// escapeJSONControls is report.EscapeJSONControls.
func escapeJSONControls(b []byte) []byte { return reports.EscapeJSONControls(b) }
