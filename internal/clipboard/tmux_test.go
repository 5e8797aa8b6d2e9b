package clipboard

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// fakeTmux is a tmux server: its options, and its paste buffers, newest
// first.
type fakeTmux struct {
	opts    TmuxOptions
	optsErr error
	asked   int
	names   []string
	bufs    map[string]string
}

func (f *fakeTmux) Options(context.Context) (TmuxOptions, error) {
	f.asked++
	return f.opts, f.optsErr
}

func (f *fakeTmux) Buffers(context.Context) ([]string, error) {
	return append([]string(nil), f.names...), nil
}

func (f *fakeTmux) Buffer(_ context.Context, name string) (string, error) {
	v, ok := f.bufs[name]
	if !ok {
		return "", errors.New("no buffer " + name)
	}
	return v, nil
}

func (f *fakeTmux) DeleteBuffer(_ context.Context, name string) error {
	delete(f.bufs, name)
	for i, n := range f.names {
		if n == name {
			f.names = append(f.names[:i], f.names[i+1:]...)
			break
		}
	}
	return nil
}

const (
	plainSeq   = "\x1b]52;c;" + b64 + "\x07"
	wrappedSeq = "\x1bPtmux;\x1b\x1b]52;c;" + b64 + "\x07\x1b\\"
)

// TestCopyInTmux checks that a copy inside tmux is sent in the form the
// pane's options let through to the terminal (as tmux 3.3a behaves,
// tmux.go), and that under tmux's defaults nothing is claimed: the copy
// reports a *TmuxBlockedError naming the fix.
func TestCopyInTmux(t *testing.T) {
	tests := []struct {
		name       string
		opts       TmuxOptions
		optsErr    error
		wantMethod Method
		wantOut    string
		blocked    bool
	}{
		{"defaults", TmuxOptions{SetClipboard: "external"}, nil, None, "", true},
		{"set-clipboard off", TmuxOptions{SetClipboard: "off"}, nil, None, "", true},
		{"set-clipboard on", TmuxOptions{SetClipboard: "on"}, nil, TmuxBuffer, plainSeq, false},
		{"passthrough", TmuxOptions{SetClipboard: "external", Passthrough: true}, nil, OSC52, wrappedSeq, false},
		{"both on: passthrough, no buffer", TmuxOptions{SetClipboard: "on", Passthrough: true}, nil, OSC52, wrappedSeq, false},
		{"options unknown", TmuxOptions{}, errors.New("exec: tmux: not found"), OSC52, wrappedSeq + plainSeq, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			tm := &fakeTmux{opts: tt.opts, optsErr: tt.optsErr}
			w := &Terminal{Out: &out, Getenv: env(map[string]string{"TMUX": "/tmp/tmux-1000/default,1,0", "SSH_TTY": "/dev/pts/1"}), Tmux: tm}
			m, err := w.Copy(val)
			if tm.asked != 1 {
				t.Errorf("tmux asked %d times, want 1", tm.asked)
			}
			if m != tt.wantMethod {
				t.Errorf("method = %v, want %v", m, tt.wantMethod)
			}
			if out.String() != tt.wantOut {
				t.Errorf("out = %q, want %q", out.String(), tt.wantOut)
			}
			if !tt.blocked {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var be *TmuxBlockedError
			if !errors.As(err, &be) || !errors.Is(err, ErrTmuxBlocked) {
				t.Fatalf("err = %v, want a TmuxBlockedError", err)
			}
			for _, want := range []string{"set-clipboard " + tt.opts.SetClipboard, `"set -g set-clipboard on"`, "~/.tmux.conf", `"tmux set -g set-clipboard on"`} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
		})
	}
}

func TestParseTmuxOptions(t *testing.T) {
	tests := []struct {
		in   string
		want TmuxOptions
		ok   bool
	}{
		{"external|0\n", TmuxOptions{SetClipboard: "external"}, true},
		{"on|1\n", TmuxOptions{SetClipboard: "on", Passthrough: true}, true},
		{"off|all\n", TmuxOptions{SetClipboard: "off", Passthrough: true}, true},
		{"external|on", TmuxOptions{SetClipboard: "external", Passthrough: true}, true},
		{"|", TmuxOptions{}, false},
		{"no server running on /tmp/x", TmuxOptions{}, false},
	}
	for _, tt := range tests {
		got, err := ParseTmuxOptions(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseTmuxOptions(%q) = %+v, %v; want %+v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestClearTmuxBuffer checks that a copy tmux kept in a paste buffer is
// deleted from it, and nothing the user copied since.
func TestClearTmuxBuffer(t *testing.T) {
	var out bytes.Buffer
	tm := &fakeTmux{opts: TmuxOptions{SetClipboard: "on"},
		names: []string{"buffer2", "buffer1", "buffer0"},
		bufs:  map[string]string{"buffer2": "something else", "buffer1": val, "buffer0": "older"}}
	w := &Terminal{Out: &out, Getenv: env(map[string]string{"TMUX": "x"}), Tmux: tm}
	cleared, err := w.Clear(TmuxBuffer, FingerprintOf(val))
	if err != nil || !cleared {
		t.Fatalf("Clear = %v, %v", cleared, err)
	}
	if strings.Join(tm.names, ",") != "buffer2,buffer0" {
		t.Fatalf("buffers left %v, want buffer2 and buffer0", tm.names)
	}
	if out.Len() != 0 {
		t.Fatalf("Clear wrote %q to the terminal: tmux drops an empty OSC 52", out.String())
	}
	cleared, err = w.Clear(TmuxBuffer, FingerprintOf(val))
	if err != nil || cleared {
		t.Fatalf("second Clear = %v, %v; want false", cleared, err)
	}
}
