// Package termbg learns whether the background is dark or light without making
// the user wait: termenv's answer outside tmux and screen, else the multiplexer's
// own (OSC 11, DSR 996, ended by DA1), then COLORFGBG.
package termbg

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/internal/contrast"
)

// Timeout: tmux answers in well under a millisecond.
const Timeout = 500 * time.Millisecond

// Result is what is known of the background.
type Result struct {
	Known, Dark bool
	// Source says where the answer came from, for the debug log.
	Source string
}

// Env is what Detect reads of the outside world.
type Env struct {
	Getenv func(string) string
	// In and Out are the terminal (standard input and output).
	In, Out *os.File
	// IsTerminal reports whether f is a terminal.
	IsTerminal func(f *os.File) bool
	// Cached is the answer termenv got at start (lipgloss.HasDarkBackground).
	Cached func() bool
	// Ask sends the queries and returns the replies (ask, by default).
	Ask func(in, out *os.File, timeout time.Duration) []byte
}

// Detect returns what can be known of the terminal's background.
func Detect(e Env) Result {
	term := e.Getenv("TERM")
	if e.In == nil || e.Out == nil || !e.IsTerminal(e.In) || !e.IsTerminal(e.Out) || term == "" || term == "dumb" {
		return Result{Source: "not a terminal"}
	}
	multiplexer := e.Getenv("TMUX") != "" || e.Getenv("STY") != "" || strings.HasPrefix(term, "screen") || strings.HasPrefix(term, "tmux")
	if !multiplexer {
		return Result{Known: true, Dark: e.Cached(), Source: "the terminal's answer at start (OSC 11, else COLORFGBG, else dark)"}
	}
	ask := e.Ask
	if ask == nil {
		ask = askTerminal
	}
	if r, ok := ParseReplies(ask(e.In, e.Out, Timeout)); ok {
		return r
	}
	if dark, ok := ColorFGBG(e.Getenv("COLORFGBG")); ok {
		return Result{Known: true, Dark: dark, Source: "COLORFGBG"}
	}
	return Result{Source: "the multiplexer did not say"}
}

// Query asks OSC 11, DSR 996 and DA1, whose reply comes last.
const Query = "\x1b]11;?\x1b\\" + "\x1b[?996n" + "\x1b[c"

var (
	osc11 = regexp.MustCompile(`\x1b\]11;rgba?:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})`)
	dsr   = regexp.MustCompile(`\x1b\[\?997;([12])n`)
	da1   = regexp.MustCompile(`\x1b\[\?[0-9;]*c`)
)

// answered reports whether the replies read so far end with DA1's.
func answered(b []byte) bool { return da1.Match(b) }

// ParseReplies reads the background colour first, then the colour scheme.
func ParseReplies(b []byte) (Result, bool) {
	if m := osc11.FindSubmatch(b); m != nil {
		c := contrast.RGB{R: channel(m[1]), G: channel(m[2]), B: channel(m[3])}
		// Dark when white text reads better on it than black text.
		dark := contrast.Ratio(c, contrast.White) > contrast.Ratio(c, contrast.Black)
		return Result{Known: true, Dark: dark, Source: "the multiplexer's background (OSC 11: " + c.String() + ")"}, true
	}
	if m := dsr.FindSubmatch(b); m != nil {
		return Result{Known: true, Dark: bytes.Equal(m[1], []byte("1")), Source: "the multiplexer's colour scheme (DSR 996)"}, true
	}
	return Result{}, false
}

// channel scales an X11 colour channel of 1 to 4 hex digits to 0-255.
func channel(h []byte) uint8 {
	v, _ := strconv.ParseUint(string(h), 16, 16)
	maxV := uint64(1)<<(4*len(h)) - 1
	return uint8((v*255 + maxV/2) / maxV)
}

// ColorFGBG reads COLORFGBG's last field: 0 to 6 and 8 dark, 7 and 9 to 15 light.
func ColorFGBG(v string) (dark, ok bool) {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return false, false
	}
	n, err := strconv.Atoi(v[i+1:])
	if err != nil || n < 0 || n > 15 {
		return false, false
	}
	return n < 7 || n == 8, true
}
