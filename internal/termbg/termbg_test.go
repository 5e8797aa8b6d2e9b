package termbg

import (
	"os"
	"testing"
	"time"
)

func TestParseReplies(t *testing.T) {
	for _, c := range []struct {
		name, in string
		known    bool
		dark     bool
	}{
		{"tmux 3.3a with window-style bg=white", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?1;2c", true, false},
		{"black, BEL", "\x1b]11;rgb:0000/0000/0000\a\x1b[?1;2c", true, true},
		{"two digits", "\x1b]11;rgb:1e/1e/2e\x1b\\\x1b[?62;22c", true, true},
		{"light grey", "\x1b]11;rgb:d0d0/d0d0/d0d0\x1b\\", true, false},
		{"scheme dark", "\x1b[?997;1n\x1b[?1;2c", true, true},
		{"scheme light", "\x1b[?997;2n\x1b[?1;2c", true, false},
		{"colour before scheme", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?997;1n\x1b[?1;2c", true, false},
		{"only DA1 (tmux 3.3a)", "\x1b[?1;2c", false, false},
		{"nothing", "", false, false},
	} {
		r, ok := ParseReplies([]byte(c.in))
		if ok != c.known || r.Known != c.known || (ok && r.Dark != c.dark) {
			t.Errorf("%s: %+v %v, want known %v dark %v", c.name, r, ok, c.known, c.dark)
		}
	}
}

func TestColorFGBG(t *testing.T) {
	for in, want := range map[string][2]bool{
		"15;0": {true, true}, "0;15": {false, true}, "0;default;15": {false, true}, "7;8": {true, true},
		"0;7": {false, true}, "": {false, false}, "15": {false, false}, "15;default": {false, false},
	} {
		dark, ok := ColorFGBG(in)
		if dark != want[0] || ok != want[1] {
			t.Errorf("ColorFGBG(%q) = %v, %v; want %v, %v", in, dark, ok, want[0], want[1])
		}
	}
}

// TestDetect: outside a multiplexer the answer termenv got at start is
// used and nothing is asked; inside one, its answer, then COLORFGBG, else
// unknown.
func TestDetect(t *testing.T) {
	f := os.Stdin
	env := func(m map[string]string, cached bool, reply string) (Env, *int) {
		asked := 0
		return Env{
			Getenv: func(k string) string { return m[k] }, In: f, Out: f,
			IsTerminal: func(*os.File) bool { return true },
			Cached:     func() bool { return cached },
			Ask: func(_, _ *os.File, _ time.Duration) []byte {
				asked++
				return []byte(reply)
			},
		}, &asked
	}
	for _, c := range []struct {
		name        string
		env         map[string]string
		cached      bool
		reply       string
		known, dark bool
		wantAsked   int
	}{
		{"xterm, light answer", map[string]string{"TERM": "xterm-256color"}, false, "", true, false, 0},
		{"xterm, dark", map[string]string{"TERM": "xterm-256color"}, true, "", true, true, 0},
		{"tmux answers", map[string]string{"TERM": "tmux-256color", "TMUX": "/tmp/x"}, true, "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?1;2c", true, false, 1},
		{"tmux with TERM=xterm", map[string]string{"TERM": "xterm-256color", "TMUX": "/tmp/x"}, true, "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?1;2c", true, false, 1},
		{"tmux silent, COLORFGBG", map[string]string{"TERM": "screen", "COLORFGBG": "0;15"}, true, "\x1b[?1;2c", true, false, 1},
		{"tmux silent", map[string]string{"TERM": "tmux-256color", "TMUX": "/tmp/x"}, true, "\x1b[?1;2c", false, false, 1},
		{"dumb", map[string]string{"TERM": "dumb"}, true, "", false, false, 0},
	} {
		e, asked := env(c.env, c.cached, c.reply)
		r := Detect(e)
		if r.Known != c.known || r.Dark != c.dark || *asked != c.wantAsked {
			t.Errorf("%s: %+v asked %d times; want known %v dark %v, asked %d", c.name, r, *asked, c.known, c.dark, c.wantAsked)
		}
	}
	e, _ := env(map[string]string{"TERM": "tmux-256color"}, true, "")
	e.IsTerminal = func(*os.File) bool { return false }
	if r := Detect(e); r.Known {
		t.Errorf("not a terminal: %+v", r)
	}
}
