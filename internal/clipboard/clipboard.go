// Package clipboard puts a new token's value on the user's clipboard: the
// local clipboard through atotto/clipboard when there is one, or the
// terminal's clipboard through an OSC 52 escape sequence (wrapped for tmux
// and screen), which also reaches the user's own machine over SSH. Inside
// tmux it first asks tmux whether a copy can reach the terminal (tmux.go).
//
// Copy performs I/O: call it from a tea.Cmd, never from Update.
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
	// OSC52 means the value was sent to the terminal as an OSC 52 sequence;
	// the terminal may or may not honour it, and cannot say which.
	OSC52
	// TmuxBuffer means the value was sent as an OSC 52 sequence to tmux
	// (set-clipboard on), which keeps it in a paste buffer and passes it
	// on to the terminal.
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

// Terminal is the Writer used by the console. Its fields can be replaced
// in tests; the zero value of each falls back to the real environment.
type Terminal struct {
	// Out receives OSC 52 sequences: the program's output (os.Stdout).
	Out io.Writer
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
	// SystemAvailable reports whether a local clipboard utility exists
	// (!atotto.Unsupported when nil).
	SystemAvailable func() bool
	// SystemCopy writes to the local clipboard (atotto.WriteAll when nil).
	SystemCopy func(string) error
	// SystemRead reads the local clipboard (atotto.ReadAll when nil), for
	// Clear.
	SystemRead func() (string, error)
	// Tmux asks the tmux server when TMUX is set (TmuxCommand when nil).
	Tmux Tmux

	mu sync.Mutex // serialises writes to Out
}

// New returns a Terminal writing OSC 52 sequences to out, or to os.Stdout
// when out is nil.
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

// Remote reports whether the console runs in an SSH session, where the
// local clipboard belongs to the server, not to the user.
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

// Copy puts value on the clipboard. Outside SSH and with a clipboard
// utility it uses the local clipboard; otherwise, or when that fails, it
// writes an OSC 52 sequence to Out. Inside tmux (TMUX set) it sends the
// sequence tmux lets through, or sends nothing and returns a
// *TmuxBlockedError when tmux would keep it from the terminal.
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

// write sends seq to Out.
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

// Sequence returns the OSC 52 sequence that sets the system clipboard to
// value, wrapped for tmux when TMUX is set or for screen when TERM starts
// with "screen" (getenv reads the environment).
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
