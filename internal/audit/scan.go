package audit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/sonartoken/sonartoken/internal/safefile"
)

// MaxLine: sonartoken writes a few KB, so a longer line was planted or corrupted.
const MaxLine = 64 << 10

// Skipped counts the lines Scan passed over.
type Skipped struct {
	// TooLong are lines longer than MaxLine.
	TooLong int
	// NotEntries are lines that are not an entry (a full disk, garbage).
	NotEntries int
}

// Total is the number of lines skipped.
func (s Skipped) Total() int { return s.TooLong + s.NotEntries }

// Scan calls fn per entry in file order, skipping and counting bad lines so one
// never hides the others; memory stays one line, and the file is read as opened.
func Scan(path string, fn func(Entry) error) (Skipped, error) {
	if err := CheckPlace(path); err != nil {
		return Skipped{}, err
	}
	fh, fi, err := safefile.Open("audit log", path)
	if err != nil {
		if safefile.Refused(err) || errors.Is(err, fs.ErrNotExist) {
			return Skipped{}, err
		}
		return Skipped{}, fmt.Errorf("read the audit log: %w", err)
	}
	defer fh.Close()
	if err := checkFile(path, fi); err != nil {
		return Skipped{}, err
	}
	return scan(io.LimitReader(fh, fi.Size()), fn)
}

func scan(r io.Reader, fn func(Entry) error) (Skipped, error) {
	var skipped Skipped
	var e, prev Entry // the entry read, and the one before, whose strings e may share
	br := bufio.NewReaderSize(r, MaxLine)
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// Longer than MaxLine: skip to the end of the line.
			skipped.TooLong++
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return skipped, fmt.Errorf("read the audit log: %w", err)
			}
			if err != nil {
				return skipped, nil
			}
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return skipped, fmt.Errorf("read the audit log: %w", err)
		}
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
			if jerr := decode(trimmed, &e, &prev); jerr != nil || e.Action == "" {
				skipped.NotEntries++
			} else if ferr := fn(e); ferr != nil {
				return skipped, ferr
			} else {
				prev = e
			}
		}
		if err != nil { // io.EOF
			return skipped, nil
		}
	}
}
