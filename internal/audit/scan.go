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

// MaxLine bounds one line of the log when reading it back: a line sonartoken
// writes is at most a few KB (MaxField), so a longer one was planted or
// corrupted, and is skipped rather than read into memory.
const MaxLine = 64 << 10

// Skipped counts the lines Scan passed over.
type Skipped struct {
	// TooLong are lines longer than MaxLine.
	TooLong int
	// NotEntries are lines that are not an entry: cut by a full disk, or
	// garbage.
	NotEntries int
}

// Total is the number of lines skipped.
func (s Skipped) Total() int { return s.TooLong + s.NotEntries }

// Scan reads the log at path line by line, in file order, and calls fn
// with each entry; it stops at fn's first error and returns it. A line
// longer than MaxLine, or one that is not an entry, is skipped and
// counted: one bad line never hides the others, and memory stays bounded
// by one line whatever the file's size. Scan reads to the end of the file
// as it was when opened, not what is appended while it reads. The file
// and its folder are checked as Append checks them (CheckPlace). A
// missing file is an error matching fs.ErrNotExist.
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
