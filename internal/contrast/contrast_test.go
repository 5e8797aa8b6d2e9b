package contrast

import (
	"math"
	"strings"
	"testing"
)

func TestRatio(t *testing.T) {
	for _, c := range []struct {
		a, b RGB
		want float64
	}{
		{White, Black, 21},
		{Black, White, 21},
		{RGB{0x76, 0x76, 0x76}, White, 4.54},
		{RGB{0x76, 0x76, 0x76}, Black, 4.62},
		{RGB{0xED, 0xED, 0xED}, White, 1.17}, // the old header text on white
	} {
		if got := Ratio(c.a, c.b); math.Abs(got-c.want) > 0.005 {
			t.Errorf("Ratio(%v, %v) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

func TestXterm(t *testing.T) {
	for i, want := range map[int]string{16: "#000000", 98: "#875FD7", 131: "#AF5F5F", 231: "#FFFFFF", 232: "#080808", 243: "#767676", 255: "#EEEEEE"} {
		if got := Xterm(i).String(); got != want {
			t.Errorf("Xterm(%d) = %s, want %s", i, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	capture := "plain \x1b[38;5;243mmuted\x1b[39m \x1b[38;2;237;237;237mpale\x1b[0m\n" +
		"\x1b[7mreversed\x1b[27m \x1b[2mfaint\x1b[22m \x1b[31mred\x1b[0m \x1b[38;5;231;48;5;60mselected\x1b[0m"
	rep := Check(capture, Black, White)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.String())
	}
	want := []string{
		`line 1 "pale": #EDEDED on #FFFFFF 1.17:1`,
		`line 2 "faint": faint text: its colour is the terminal's choice`,
		`line 2 "red": colour1 is one of the terminal theme's 16 colours`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(rep.Pairs); n != 6 {
		t.Errorf("%d pairs, want 6 (plain, muted, pale, reversed, red, selected): %+v", n, rep.Pairs)
	}
	if rep.Pairs[0].Sample != "pale" {
		t.Errorf("lowest pair %+v, want pale first", rep.Pairs[0])
	}
}

// String is a finding in one line, for test failures.
func (f Finding) String() string { return f.Where() + ": " + f.What() }
