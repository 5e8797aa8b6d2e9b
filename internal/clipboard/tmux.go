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

// Inside tmux, a program's OSC 52 reaches the user's terminal only when
// tmux lets it through, which its defaults do not (tmux 3.3a, tried with
// a tmux whose "terminal" was another tmux):
//
//	set-clipboard   allow-passthrough   plain OSC 52          wrapped (\ePtmux;…)
//	external (def.) off (default)       dropped               dropped
//	on              off                 kept in a paste       dropped
//	                                    buffer and forwarded
//	any             on                  forwarded only if on  forwarded, no buffer
//
// So the clipboard reads the pane's two options before a copy, sends the
// form that gets through (the wrapped one when passthrough is on: tmux
// keeps no copy), and says so when neither does, with the line that fixes
// it, instead of claiming a copy that went nowhere. tmux also drops an
// empty OSC 52, so a copy kept in its buffer is cleared there (Clear).

// TmuxOptions are the tmux options that decide whether a copy reaches the
// terminal, as they apply to the console's pane.
type TmuxOptions struct {
	// SetClipboard is set-clipboard: "on", "external" (the default) or
	// "off".
	SetClipboard string
	// Passthrough is allow-passthrough on (or all, from tmux 3.4).
	Passthrough bool
}

// Tmux asks the tmux server the console runs in. Every method runs a tmux
// command: call them from a tea.Cmd (Copy and Clear do).
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

// tmuxTimeout bounds each tmux command: a copy never waits on a stuck
// server for long.
const tmuxTimeout = 2 * time.Second

// TmuxCommand is the tmux found in PATH, talking to the server of $TMUX
// (tmux reads it) about the pane $TMUX_PANE.
type TmuxCommand struct {
	// Pane is the pane whose options apply ($TMUX_PANE); "" asks tmux's
	// current pane.
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

// Options reads both options through one format, which gives the values
// that apply to the pane (a pane's or window's own allow-passthrough
// overrides the global one that show-options -g would read).
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

// ParseTmuxOptions reads "SET-CLIPBOARD|ALLOW-PASSTHROUGH" as tmux formats
// them: allow-passthrough is 1 or 0 (tmux 3.3), or on, off or all (3.4).
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

// Buffer returns a paste buffer's content (on standard output, never in
// an argument).
func (c TmuxCommand) Buffer(ctx context.Context, name string) (string, error) {
	return c.run(ctx, "show-buffer", "-b", name)
}

// DeleteBuffer deletes a paste buffer.
func (c TmuxCommand) DeleteBuffer(ctx context.Context, name string) error {
	_, err := c.run(ctx, "delete-buffer", "-b", name)
	return err
}

// TmuxBlockedError says that tmux would not pass a copy on to the
// terminal, and how to let it.
type TmuxBlockedError struct {
	Options TmuxOptions
}

// TmuxFix is the line of ~/.tmux.conf that lets copies through, and
// TmuxFixNow applies it to the running tmux.
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

// tmux returns the tmux to ask: Terminal.Tmux, or the tmux command.
func (t *Terminal) tmux() Tmux {
	if t.Tmux != nil {
		return t.Tmux
	}
	return TmuxCommand{Pane: t.getenv("TMUX_PANE")}
}

// copyTmux sends value the way the pane's tmux lets it reach the
// terminal, or returns a *TmuxBlockedError without sending anything.
func (t *Terminal) copyTmux(value string) (Method, error) {
	opts, err := t.tmux().Options(context.Background())
	plain, wrapped := Sequence(value, noEnv), Sequence(value, tmuxEnv)
	var seq string
	method := OSC52
	switch {
	case err != nil:
		// The options are unknown (no tmux in PATH, an old tmux): both
		// forms, so that whichever tmux allows gets through.
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

// clearTmux deletes the paste buffers tmux made of the copy whose
// fingerprint is fp (tmux ignores the empty OSC 52 that would clear the
// terminal's), and reports whether one held it.
func (t *Terminal) clearTmux(fp Fingerprint) (bool, error) {
	ctx := context.Background()
	tm := t.tmux()
	names, err := tm.Buffers(ctx)
	if err != nil {
		return false, fmt.Errorf("could not list tmux's paste buffers: %w", err)
	}
	cleared := false
	// The copy made a buffer at the top; a few more cover copies the
	// user made since.
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
