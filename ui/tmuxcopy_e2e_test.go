package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/clipboard"
)

// tmuxServer is the tmux the console runs in, as the clipboard asks it:
// its options only (tests never ask the machine's tmux).
type tmuxServer struct{ opts clipboard.TmuxOptions }

func (s tmuxServer) Options(context.Context) (clipboard.TmuxOptions, error) { return s.opts, nil }
func (tmuxServer) Buffers(context.Context) ([]string, error)                { return nil, nil }
func (tmuxServer) Buffer(context.Context, string) (string, error)           { return "", nil }
func (tmuxServer) DeleteBuffer(context.Context, string) error               { return nil }

// TestCopyInTmuxSaysWhatHappened generates a token against sonarsim over
// HTTP in a console running in tmux over SSH, and presses c: under tmux's
// defaults (set-clipboard external, allow-passthrough off) nothing reaches
// the terminal, so the reveal says so with the line that fixes it, keeps
// the value on screen and does not claim a copy; with set-clipboard on the
// sequence goes out and the reveal says tmux keeps a copy.
func TestCopyInTmuxSaysWhatHappened(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	for _, tc := range []struct {
		name    string
		opts    clipboard.TmuxOptions
		want    []string
		sent    bool
		claimed bool
	}{
		{"defaults", clipboard.TmuxOptions{SetClipboard: "external"},
			[]string{"Not copied: tmux does not pass copies on to your terminal", `"set -g set-clipboard on"`, "~/.tmux.conf", `"tmux set -g set-clipboard on"`}, false, false},
		{"set-clipboard on", clipboard.TmuxOptions{SetClipboard: "on"},
			[]string{"✓ Sent to your terminal's clipboard through tmux, which keeps it in a paste buffer"}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := simClient(t, "10.6")
			var out bytes.Buffer
			term := &clipboard.Terminal{Out: &out, Tmux: tmuxServer{tc.opts},
				Getenv: func(k string) string {
					return map[string]string{"TMUX": "/tmp/tmux-1000/default,42,0", "TMUX_PANE": "%1", "SSH_TTY": "/dev/pts/3"}[k]
				}}
			m := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Clipboard: term}, 100, 30)
			m = generateNamed(m, "in-tmux")
			if m.Mode() != ModeReveal {
				t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
			}
			value := m.Reveal().ValueLine()
			m = press(m, "c")
			view := flat(m.View())
			for _, w := range tc.want {
				if !strings.Contains(view, w) {
					t.Errorf("the reveal lacks %q:\n%s", w, m.View())
				}
			}
			if got := out.Len() > 0; got != tc.sent {
				t.Errorf("sequence written: %v, want %v (%q)", got, tc.sent, out.String())
			}
			if got := strings.Contains(view, "✓"); got != tc.claimed {
				t.Errorf("✓ shown: %v, want %v:\n%s", got, tc.claimed, m.View())
			}
			if !strings.Contains(m.View(), value) {
				t.Error("the value left the screen")
			}
			// The words wrap inside the dialog, never past its frame.
			if w := lipglossWidth(m.dialogView()); w > m.innerWidth() {
				t.Errorf("the reveal is %d cells wide in %d:\n%s", w, m.innerWidth(), m.View())
			}
			if !tc.claimed {
				// Closing asks once more: nothing was copied.
				m = press(m, "esc")
				if m.Mode() != ModeReveal || !strings.Contains(m.View(), "Nothing was copied") {
					t.Fatalf("esc closed a reveal whose copy failed:\n%s", m.View())
				}
				var logged bool
				for _, e := range m.Status().Log() {
					logged = logged || strings.Contains(e.Text, clipboard.TmuxFix)
				}
				if !logged {
					t.Error("the message log lacks the fix")
				}
			}
		})
	}
}
