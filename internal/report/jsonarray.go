package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSONArray writes n elements as a JSON array, byte for byte what
// the CLI's writeJSON writes for the same slice, without holding the whole document
// in memory: each element is encoded on its own, into a reused buffer, and
// written through a buffered writer. writeJSON of a 50,000-token review
// built the compact document, then its indented copy (tens of MB, with
// their growth copies) before writing a byte; this keeps one element.
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
