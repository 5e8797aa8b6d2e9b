package config

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"

	"github.com/sonartoken/sonartoken/model"
)

// maxTokenBytes bounds what is read from a token file or standard input.
const maxTokenBytes = 4096

// PermissionError refuses a token or configuration file that group or
// others may access, as ssh refuses a private key: the fix is in the
// message.
type PermissionError struct {
	Path string
	Mode fs.FileMode
	// Kind names the file ("configuration file"); "" means a token file.
	Kind string
}

// Error names the file, its mode and the command that fixes it.
func (e *PermissionError) Error() string {
	kind := e.Kind
	if kind == "" {
		kind = "token file"
	}
	return fmt.Sprintf("%s %s is accessible by group or others (mode %04o); it must be readable by you alone: run chmod 600 %s", kind, e.Path, e.Mode.Perm(), shellQuote(e.Path))
}

func tokenFileRef(path string, stdin io.Reader) *tokenRef {
	if path == "-" {
		return &tokenRef{source: "standard input", read: func() (model.Secret, error) {
			if stdin == nil {
				return model.Secret{}, errors.New("--token-file -: no standard input")
			}
			return readToken(stdin, "standard input")
		}}
	}
	return &tokenRef{source: "--token-file " + path, read: func() (model.Secret, error) { return ReadTokenFile(path) }}
}

// ReadTokenFile reads a token from the first line of path, refusing a file
// that group or others may access (except on Windows, which has no such
// mode bits).
func ReadTokenFile(path string) (model.Secret, error) {
	f, err := os.Open(path)
	if err != nil {
		return model.Secret{}, fmt.Errorf("read token file: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return model.Secret{}, fmt.Errorf("read token file: %w", err)
	}
	if fi.IsDir() {
		return model.Secret{}, fmt.Errorf("token file %s is a directory", path)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return model.Secret{}, &PermissionError{Path: path, Mode: fi.Mode()}
	}
	return readToken(f, "token file "+path)
}

// readToken reads the first non-empty line, trimmed. The value never
// appears in an error.
func readToken(r io.Reader, what string) (model.Secret, error) {
	sc := bufio.NewScanner(io.LimitReader(r, maxTokenBytes))
	sc.Buffer(make([]byte, 0, 256), maxTokenBytes)
	for sc.Scan() {
		if v := strings.TrimSpace(sc.Text()); v != "" {
			if strings.ContainsAny(v, " \t") {
				return model.Secret{}, fmt.Errorf("%s: the first line holds more than a token (it contains spaces)", what)
			}
			return model.NewSecret(v), nil
		}
	}
	if err := sc.Err(); err != nil {
		return model.Secret{}, fmt.Errorf("read %s: %w", what, err)
	}
	return model.Secret{}, fmt.Errorf("%s is empty", what)
}

// shellQuote quotes a path for a command the user may paste.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./~+:@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
