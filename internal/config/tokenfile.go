package config

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/sonartoken/sonartoken/internal/safefile"
	"github.com/sonartoken/sonartoken/model"
)

// maxTokenBytes bounds what is read from a token file or standard input.
const maxTokenBytes = 4096

// PermissionError refuses a file group or others may access, as ssh does, with the fix.
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

// TokenPrompt is what --token-file - asks on a terminal.
const TokenPrompt = "Token (input hidden): "

// tokenFileRef reads path, or stdin for "-" (echo off on a terminal).
func tokenFileRef(ctx context.Context, path string, stdin io.Reader, prompt io.Writer) *tokenRef {
	if path == "-" {
		return &tokenRef{source: "standard input", read: func() (model.Secret, error) {
			if stdin == nil {
				return model.Secret{}, errors.New("--token-file -: no standard input")
			}
			if f, ok := stdin.(interface{ Fd() uintptr }); ok && term.IsTerminal(f.Fd()) {
				return readHidden(ctx, f.Fd(), prompt)
			}
			return readToken(stdin, "standard input")
		}}
	}
	return &tokenRef{source: "--token-file " + path, read: func() (model.Secret, error) { return ReadTokenFile(path) }}
}

// ReadTokenFile reads the first line, refusing non-regular files (a FIFO
// would block), other users' files and files group or others may access.
func ReadTokenFile(path string) (model.Secret, error) {
	f, fi, err := safefile.Open("token file", path)
	var special *safefile.NotRegularError
	var foreign *safefile.OwnerError
	switch {
	case errors.As(err, &special):
		return model.Secret{}, fmt.Errorf("%w (standard input is --token-file -)", err)
	case errors.As(err, &foreign):
		return model.Secret{}, err
	case err != nil:
		return model.Secret{}, fmt.Errorf("read token file: %w", err)
	}
	defer f.Close()
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return model.Secret{}, &PermissionError{Path: path, Mode: fi.Mode()}
	}
	return readToken(f, "token file "+path)
}

// readHidden reads with echo off; cancelling ctx gives up and restores echo.
func readHidden(ctx context.Context, fd uintptr, prompt io.Writer) (model.Secret, error) {
	if prompt == nil {
		prompt = io.Discard
	}
	state, err := term.GetState(fd)
	if err != nil {
		return model.Secret{}, fmt.Errorf("read the token from the terminal: %w", err)
	}
	fmt.Fprint(prompt, TokenPrompt)
	type line struct {
		b   []byte
		err error
	}
	got := make(chan line, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		got <- line{b, err}
	}()
	select {
	case l := <-got:
		fmt.Fprintln(prompt)
		if l.err != nil {
			return model.Secret{}, fmt.Errorf("read the token from the terminal: %w", l.err)
		}
		return readToken(bytes.NewReader(l.b), "the token typed")
	case <-ctx.Done():
		_ = term.Restore(fd, state)
		fmt.Fprintln(prompt)
		return model.Secret{}, fmt.Errorf("read the token from the terminal: %w", ctx.Err())
	}
}

// readToken reads the first non-empty line; the value never appears in an error.
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
