package clipboard

import (
	"bytes"
	"errors"
	"testing"
)

// fakeLocal is a local clipboard.
type fakeLocal struct {
	content string
	readErr error
	writes  int
}

func (f *fakeLocal) read() (string, error) { return f.content, f.readErr }
func (f *fakeLocal) write(v string) error  { f.writes++; f.content = v; return nil }

func localTerminal(f *fakeLocal, out *bytes.Buffer) *Terminal {
	return &Terminal{Out: out, Getenv: env(nil), SystemAvailable: func() bool { return true }, SystemCopy: f.write, SystemRead: f.read}
}

func TestClearSystemStillHolding(t *testing.T) {
	f := &fakeLocal{}
	var out bytes.Buffer
	w := localTerminal(f, &out)
	m, err := w.Copy(val)
	if err != nil || m != System {
		t.Fatal(m, err)
	}
	cleared, err := w.Clear(System, FingerprintOf(val))
	if err != nil || !cleared || f.content != "" {
		t.Fatalf("cleared %v, %v; clipboard %q", cleared, err, f.content)
	}
	if out.Len() != 0 {
		t.Fatal("a local clear wrote to the terminal")
	}
}

func TestClearSystemCopiedElse(t *testing.T) {
	f := &fakeLocal{content: "something the user copied since"}
	w := localTerminal(f, &bytes.Buffer{})
	cleared, err := w.Clear(System, FingerprintOf(val))
	if err != nil || cleared || f.content != "something the user copied since" || f.writes != 0 {
		t.Fatalf("cleared %v, %v; clipboard %q", cleared, err, f.content)
	}
}

func TestClearSystemReadFails(t *testing.T) {
	f := &fakeLocal{content: val, readErr: errors.New("no display")}
	w := localTerminal(f, &bytes.Buffer{})
	cleared, err := w.Clear(System, FingerprintOf(val))
	if err == nil || cleared || f.writes != 0 {
		t.Fatalf("cleared %v, %v", cleared, err)
	}
}

func TestClearOSC52(t *testing.T) {
	for name, tt := range map[string]struct {
		env  map[string]string
		want string
	}{
		"plain": {nil, "\x1b]52;c;\x07"},
		"tmux":  {map[string]string{"TMUX": "x"}, "\x1bPtmux;\x1b\x1b]52;c;\x07\x1b\\"},
	} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			w := &Terminal{Out: &out, Getenv: env(tt.env)}
			cleared, err := w.Clear(OSC52, FingerprintOf(val))
			if err != nil || !cleared || out.String() != tt.want {
				t.Fatalf("cleared %v, %v; wrote %q, want %q", cleared, err, out.String(), tt.want)
			}
		})
	}
}

func TestClearNone(t *testing.T) {
	w := &Terminal{Out: &bytes.Buffer{}, Getenv: env(nil)}
	if cleared, err := w.Clear(None, Fingerprint{}); cleared || !errors.Is(err, ErrCannotClear) {
		t.Fatal(cleared, err)
	}
}
