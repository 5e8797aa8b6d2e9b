package report

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sonartoken/sonartoken/internal/safefile"
)

// ErrExists is a file that exists without overwrite.
var ErrExists = errors.New("the file exists")

// ErrNotRegular: export writes only regular files.
var ErrNotRegular = errors.New("export writes only regular files")

// ErrFormat is a name ending in neither .csv nor .json.
var ErrFormat = errors.New("name the file .csv or .json")

// FormatOf returns "csv" or "json" from path's extension, or ErrFormat.
func FormatOf(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "csv", nil
	case ".json":
		return "json", nil
	}
	return "", fmt.Errorf("%s: %w", filepath.Base(path), ErrFormat)
}

// WriteFile writes CSV or JSON by extension at 0600, refusing non-regular
// files; an overwrite renames a new file over the old, so a failure leaves it whole.
func WriteFile(path string, r Report, overwrite bool) error {
	format, err := FormatOf(path)
	if err != nil {
		return err
	}
	fi, err := os.Lstat(path)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("%s is %s, not a regular file: %w", path, safefile.Kind(fi.Mode()), ErrNotRegular)
	case err == nil && !overwrite:
		return fmt.Errorf("%s: %w", path, ErrExists)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("export to %s: %w", path, err)
	}
	var f *os.File
	if err == nil { // overwrite: write beside, then rename over
		f, err = os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	} else {
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	}
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		return fmt.Errorf("export to %s: %w", path, err)
	}
	tmp := f.Name()
	werr := write(f, format, r)
	if err := f.Chmod(0o600); werr == nil && err != nil {
		werr = err
	}
	if err := f.Close(); werr == nil && err != nil {
		werr = err
	}
	if werr == nil && tmp != path {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("export to %s: %w", path, werr)
	}
	return nil
}

func write(f *os.File, format string, r Report) error {
	bw := bufio.NewWriter(f)
	var err error
	if format == "csv" {
		err = WriteCSV(bw, r)
	} else {
		err = WriteJSON(bw, r)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}
