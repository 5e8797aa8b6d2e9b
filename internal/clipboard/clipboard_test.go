package clipboard

import (
	"bytes"
	"errors"
	"testing"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

const val = "squ_0123456789abcdef0123456789abcdef01234567"

// base64 of val.
const b64 = "c3F1XzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc="

func TestSequence(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"plain", map[string]string{"TERM": "xterm-256color"}, "\x1b]52;c;" + b64 + "\x07"},
		{"tmux", map[string]string{"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen"}, "\x1bPtmux;\x1b\x1b]52;c;" + b64 + "\x07\x1b\\"},
		{"screen", map[string]string{"TERM": "screen.xterm-256color"}, "\x1bP\x1b]52;c;" + b64 + "\x07\x1b\\"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sequence(val, env(tt.env)); got != tt.want {
				t.Errorf("Sequence = %q, want %q", got, tt.want)
			}
		})
	}
}

type recorder struct {
	calls []string
	err   error
}

func (r *recorder) copy(v string) error {
	r.calls = append(r.calls, v)
	return r.err
}

func TestCopy(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		available  bool
		sysErr     error
		wantMethod Method
		wantSys    int
		wantOut    string
	}{
		{"local with utility", map[string]string{}, true, nil, System, 1, ""},
		{"local without utility", map[string]string{}, false, nil, OSC52, 0, "\x1b]52;c;" + b64 + "\x07"},
		{"utility fails", map[string]string{}, true, errors.New("no display"), OSC52, 1, "\x1b]52;c;" + b64 + "\x07"},
		{"ssh tty", map[string]string{"SSH_TTY": "/dev/pts/1"}, true, nil, OSC52, 0, "\x1b]52;c;" + b64 + "\x07"},
		{"ssh connection in tmux", map[string]string{"SSH_CONNECTION": "1 2 3 4", "TMUX": "x"}, true, nil, OSC52, 0, "\x1bPtmux;\x1b\x1b]52;c;" + b64 + "\x07\x1b\\"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			rec := &recorder{err: tt.sysErr}
			avail := tt.available
			w := &Terminal{Out: &out, Getenv: env(tt.env), SystemAvailable: func() bool { return avail }, SystemCopy: rec.copy,
				Tmux: &fakeTmux{opts: TmuxOptions{SetClipboard: "external", Passthrough: true}}}
			m, err := w.Copy(val)
			if err != nil {
				t.Fatal(err)
			}
			if m != tt.wantMethod {
				t.Errorf("method = %v, want %v", m, tt.wantMethod)
			}
			if len(rec.calls) != tt.wantSys {
				t.Errorf("system copies = %d, want %d", len(rec.calls), tt.wantSys)
			}
			if out.String() != tt.wantOut {
				t.Errorf("out = %q, want %q", out.String(), tt.wantOut)
			}
		})
	}
}

func TestCopyEmpty(t *testing.T) {
	w := &Terminal{Out: &bytes.Buffer{}, Getenv: env(nil), SystemAvailable: func() bool { return false }}
	if m, err := w.Copy(""); err == nil || m != None {
		t.Fatalf("Copy(\"\") = %v, %v; want None and an error", m, err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }

func TestCopyWriteFails(t *testing.T) {
	w := &Terminal{Out: failWriter{}, Getenv: env(map[string]string{"SSH_TTY": "x"})}
	if m, err := w.Copy(val); err == nil || m != None {
		t.Fatalf("Copy = %v, %v; want None and an error", m, err)
	}
}

func TestMethodDescribe(t *testing.T) {
	if System.Describe() != "Copied to the clipboard." || OSC52.Describe() != "Sent to your terminal's clipboard: paste to check." {
		t.Fatal("unexpected wording")
	}
}
