// Package clipboard puts a value on the local clipboard, or the terminal's via
// OSC 52, which reaches the user's machine over SSH; Copy does I/O (a tea.Cmd).
package clipboard

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	atotto "github.com/atotto/clipboard"
	osc52 "github.com/aymanbagabas/go-osc52/v2"
)

// Method tells which way a value went to the clipboard.
type Method int

// The ways a value can reach the clipboard.
const (
	// None means nothing was copied.
	None Method = iota
	// System means a local clipboard utility took the value; it is confirmed.
	System
	// OSC52: sent to the terminal, which cannot say whether it honoured it.
	OSC52
	// TmuxBuffer: sent to tmux (set-clipboard on), which keeps a paste buffer and forwards it.
	TmuxBuffer
)

// String names the method: none, system or osc52.
func (m Method) String() string {
	switch m {
	case System:
		return "system"
	case OSC52:
		return "osc52"
	case TmuxBuffer:
		return "tmux"
	case None:
		return "none"
	}
	return "unknown"
}

// Describe says in plain words where the value went.
func (m Method) Describe() string {
	switch m {
	case System:
		return "Copied to the clipboard."
	case OSC52:
		return "Sent to your terminal's clipboard: paste to check."
	case TmuxBuffer:
		return "Sent to your terminal's clipboard through tmux, which keeps it in a paste buffer: paste to check."
	case None:
		return "Nothing was copied."
	}
	return ""
}

// Writer copies a value to the clipboard and reports which way it went.
type Writer interface {
	Copy(value string) (Method, error)
}

// Terminal is the console's Writer; a nil field falls back to the real environment.
type Terminal struct {
	// Out receives OSC 52 sequences: the program's output (os.Stdout).
	Out io.Writer
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
	// SystemAvailable reports a local clipboard utility (!atotto.Unsupported when nil).
	SystemAvailable func() bool
	// SystemCopy writes to the local clipboard (atotto.WriteAll when nil).
	SystemCopy func(string) error
	// SystemRead reads the local clipboard (atotto.ReadAll when nil).
	SystemRead func() (string, error)
	// Tmux asks the tmux server when TMUX is set (TmuxCommand when nil).
	Tmux Tmux

	mu sync.Mutex // serialises writes to Out
}

// New writes OSC 52 to out (os.Stdout when nil).
func New(out io.Writer) *Terminal {
	if out == nil {
		out = os.Stdout
	}
	return &Terminal{Out: out}
}

var _ Writer = (*Terminal)(nil)

func (t *Terminal) getenv(k string) string {
	if t.Getenv != nil {
		return t.Getenv(k)
	}
	return os.Getenv(k)
}

// Remote reports an SSH session, where the local clipboard is the server's, not the user's.
func (t *Terminal) Remote() bool {
	return t.getenv("SSH_TTY") != "" || t.getenv("SSH_CONNECTION") != ""
}

func (t *Terminal) systemAvailable() bool {
	if t.SystemAvailable != nil {
		return t.SystemAvailable()
	}
	return !atotto.Unsupported
}

func (t *Terminal) systemCopy(v string) error {
	if t.SystemCopy != nil {
		return t.SystemCopy(v)
	}
	return atotto.WriteAll(v)
}

// Copy uses the local clipboard outside SSH, else OSC 52, or in tmux what tmux lets through.
func (t *Terminal) Copy(value string) (Method, error) {
	if value == "" {
		return None, errors.New("nothing to copy")
	}
	if !t.Remote() && t.systemAvailable() {
		if err := t.systemCopy(value); err == nil {
			return System, nil
		}
	}
	if t.getenv("TMUX") != "" {
		return t.copyTmux(value)
	}
	if err := t.writeOSC52(value); err != nil {
		return None, fmt.Errorf("could not write to the terminal's clipboard: %w", err)
	}
	return OSC52, nil
}

func (t *Terminal) writeOSC52(value string) error { return t.write(Sequence(value, t.getenv)) }

func (t *Terminal) write(seq string) error {
	out := t.Out
	if out == nil {
		out = os.Stdout
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	_, err := io.WriteString(out, seq)
	return err //nolint:wrapcheck // wrapped by Copy
}

// Sequence is the OSC 52 sequence for value, wrapped for tmux or screen.
func Sequence(value string, getenv func(string) string) string {
	seq := osc52.New(value)
	switch {
	case getenv("TMUX") != "":
		seq = seq.Tmux()
	case strings.HasPrefix(getenv("TERM"), "screen"):
		seq = seq.Screen()
	}
	return seq.String()
}
