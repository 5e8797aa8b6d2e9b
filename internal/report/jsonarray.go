package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSONArray writes what writeJSON writes for the slice, one element at a time.
func WriteJSONArray[T any](w io.Writer, n int, elem func(i int) T) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	if n == 0 {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("[\n")
		for i := range n {
			buf.Reset()
			if err := enc.Encode(elem(i)); err != nil {
				return fmt.Errorf("write JSON: %w", err)
			}
			b := EscapeJSONControls(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
			bw.WriteString("  ")
			bw.Write(b)
			if i < n-1 {
				bw.WriteString(",\n")
			} else {
				bw.WriteString("\n]\n")
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
