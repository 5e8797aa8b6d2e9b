package ui

import "testing"

func TestTrimPadding(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"abc   \n  de  \n", "abc\n  de\n"},
		{"   ", ""},
		{"abc", "abc"},
		{"\x1b[1mabc\x1b[0m    ", "\x1b[1mabc\x1b[0m"},
		{"\x1b[1mabc\x1b[m  \nx ", "\x1b[1mabc\x1b[m\nx"},
		// A style still on at the end: its spaces may be coloured.
		{"\x1b[44mabc   ", "\x1b[44mabc   "},
		{"\x1b[44mabc   \x1b[0m", "\x1b[44mabc   \x1b[0m"},
		{"\x1b[0m\x1b[44m   ", "\x1b[0m\x1b[44m   "},
		// A hyperlink or another sequence last: left alone.
		{"\x1b]8;;http://x\x07a  ", "\x1b]8;;http://x\x07a  "},
		{"a\n\nb  ", "a\n\nb"},
		{"\x1b[1mabc\x1b[0m def   ", "\x1b[1mabc\x1b[0m def"},
		{"\x1b[1mabc\x1b[0mdef\x1b[32m   ", "\x1b[1mabc\x1b[0mdef\x1b[32m   "},
	} {
		if got := trimPadding(c.in); got != c.want {
			t.Errorf("trimPadding(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
