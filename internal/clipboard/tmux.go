package clipboard

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Inside tmux, OSC 52 reaches the terminal only as set-clipboard and
// allow-passthrough allow (the defaults drop it), so the options are read first
// and, when no form gets through, the user gets the fixing line, not a false copy.

// TmuxOptions decide whether a copy reaches the terminal from the console's pane.
type TmuxOptions struct {
	// SetClipboard is "on", "external" (the default) or "off".
	SetClipboard string
	// Passthrough is allow-passthrough on (or all, from tmux 3.4).
	Passthrough bool
}

// Tmux asks the console's tmux server; every method runs tmux: call from a tea.Cmd.
type Tmux interface {
	// Options reads the pane's set-clipboard and allow-passthrough.
	Options(ctx context.Context) (TmuxOptions, error)
	// Buffers lists the paste buffers' names, newest first.
	Buffers(ctx context.Context) ([]string, error)
	// Buffer returns the content of the named paste buffer.
	Buffer(ctx context.Context, name string) (string, error)
	// DeleteBuffer deletes the named paste buffer.
	DeleteBuffer(ctx context.Context, name string) error
}

// tmuxTimeout: a copy never waits long on a stuck server.
const tmuxTimeout = 2 * time.Second

// TmuxCommand is tmux from PATH, about the pane $TMUX_PANE.
type TmuxCommand struct {
	// Pane is the pane whose options apply; "" is tmux's current pane.
	Pane string
}

var _ Tmux = TmuxCommand{}

func (c TmuxCommand) run(ctx context.Context, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, tmuxTimeout)
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, "tmux", args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(errOut.String()); msg != "" {
			return "", fmt.Errorf("tmux %s: %w: %s", args[0], err, msg)
		}
		return "", fmt.Errorf("tmux %s: %w", args[0], err)
	}
	return out.String(), nil
}

// Options reads both through one format, which resolves the pane's own values.
func (c TmuxCommand) Options(ctx context.Context) (TmuxOptions, error) {
	args := []string{"display-message", "-p"}
	if c.Pane != "" {
		args = append(args, "-t", c.Pane)
	}
	out, err := c.run(ctx, append(args, "#{set-clipboard}|#{allow-passthrough}")...)
	if err != nil {
		return TmuxOptions{}, err
	}
	return ParseTmuxOptions(out)
}

// ParseTmuxOptions reads "SET-CLIPBOARD|ALLOW-PASSTHROUGH" (1/0 in 3.3, on/off/all in 3.4).
func ParseTmuxOptions(s string) (TmuxOptions, error) {
	sc, pt, ok := strings.Cut(strings.TrimSpace(s), "|")
	switch sc {
	case "on", "external", "off":
	default:
		ok = false
	}
	if !ok {
		return TmuxOptions{}, fmt.Errorf("tmux options: unexpected answer %q", s)
	}
	return TmuxOptions{SetClipboard: sc, Passthrough: pt == "1" || pt == "on" || pt == "all"}, nil
}

// Buffers lists the paste buffers, newest first.
func (c TmuxCommand) Buffers(ctx context.Context) ([]string, error) {
	out, err := c.run(ctx, "list-buffers", "-F", "#{buffer_name}")
	if err != nil {
		return nil, err
	}
	return strings.Fields(out), nil
}

// Buffer returns a paste buffer's content, on standard output, never in an argument.
func (c TmuxCommand) Buffer(ctx context.Context, name string) (string, error) {
	return c.run(ctx, "show-buffer", "-b", name)
}

// DeleteBuffer deletes a paste buffer.
func (c TmuxCommand) DeleteBuffer(ctx context.Context, name string) error {
	_, err := c.run(ctx, "delete-buffer", "-b", name)
	return err
}

// TmuxBlockedError says tmux would not pass a copy on, and how to let it.
type TmuxBlockedError struct {
	Options TmuxOptions
}

// TmuxFix is the ~/.tmux.conf line that lets copies through; TmuxFixNow applies it now.
const (
	TmuxFix    = "set -g set-clipboard on"
	TmuxFixNow = "tmux set -g set-clipboard on"
)

func (e *TmuxBlockedError) Error() string {
	return fmt.Sprintf("tmux does not pass copies on to your terminal (set-clipboard %s, allow-passthrough off). "+
		"Add %q to ~/.tmux.conf, and run %q to apply it now.", e.Options.SetClipboard, TmuxFix, TmuxFixNow)
}

// ErrTmuxBlocked matches a *TmuxBlockedError with errors.Is.
var ErrTmuxBlocked = errors.New("tmux does not pass copies on to the terminal")

// Is implements errors.Is for ErrTmuxBlocked.
func (e *TmuxBlockedError) Is(target error) bool { return target == ErrTmuxBlocked }

func (t *Terminal) tmux() Tmux {
	if t.Tmux != nil {
		return t.Tmux
	}
	return TmuxCommand{Pane: t.getenv("TMUX_PANE")}
}

// copyTmux sends value as the pane's tmux lets it through, or nothing.
func (t *Terminal) copyTmux(value string) (Method, error) {
	opts, err := t.tmux().Options(context.Background())
	plain, wrapped := Sequence(value, noEnv), Sequence(value, tmuxEnv)
	var seq string
	method := OSC52
	switch {
	case err != nil:
		// Options unknown: both forms, so whichever tmux allows gets through.
		seq = wrapped + plain
	case opts.Passthrough:
		seq = wrapped // tmux keeps no copy of it
	case opts.SetClipboard == "on":
		seq, method = plain, TmuxBuffer
	default:
		return None, &TmuxBlockedError{Options: opts}
	}
	if err := t.write(seq); err != nil {
		return None, fmt.Errorf("could not write to the terminal's clipboard: %w", err)
	}
	return method, nil
}

func noEnv(string) string { return "" }

func tmuxEnv(k string) string {
	if k == "TMUX" {
		return "1"
	}
	return ""
}

// clearTmux deletes the paste buffers holding the copy.
func (t *Terminal) clearTmux(fp Fingerprint) (bool, error) {
	ctx := context.Background()
	tm := t.tmux()
	names, err := tm.Buffers(ctx)
	if err != nil {
		return false, fmt.Errorf("could not list tmux's paste buffers: %w", err)
	}
	cleared := false
	// The copy's buffer is at the top; a few more cover later copies.
	for _, name := range names[:min(len(names), 20)] {
		got, err := tm.Buffer(ctx, name)
		if err != nil {
			continue // deleted meanwhile
		}
		sum := FingerprintOf(got)
		if subtle.ConstantTimeCompare(fp[:], sum[:]) != 1 {
			continue
		}
		if err := tm.DeleteBuffer(ctx, name); err != nil {
			return cleared, fmt.Errorf("could not delete tmux's paste buffer %s: %w", name, err)
		}
		cleared = true
	}
	return cleared, nil
}
