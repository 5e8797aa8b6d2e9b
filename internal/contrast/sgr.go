package contrast

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Pen is a cell's colour: the default, a palette index or 24-bit.
type Pen struct {
	Kind  PenKind
	Index int // PenIndex: 0 to 255
	RGB   RGB // PenRGB
}

// PenKind says which of Pen's fields holds the colour.
type PenKind int

// The kinds of Pen.
const (
	PenDefault PenKind = iota // the terminal's default foreground or background
	PenIndex                  // a palette colour (38;5;N, 30-37, 90-97)
	PenRGB                    // a 24-bit colour (38;2;R;G;B)
)

// Attr is the state a run of text is drawn with.
type Attr struct {
	Fg, Bg               Pen
	Bold, Faint, Reverse bool
}

// Run is text drawn with one Attr.
type Run struct {
	Attr Attr
	Text string
	Line int // 1-based
}

// Runs splits a capture into runs of text with their SGR attributes; other escapes are skipped.
func Runs(capture string) []Run {
	var runs []Run
	var a Attr
	var text strings.Builder
	line := 1
	flush := func() {
		if text.Len() > 0 {
			runs = append(runs, Run{Attr: a, Text: text.String(), Line: line})
			text.Reset()
		}
	}
	for i := 0; i < len(capture); i++ {
		c := capture[i]
		switch {
		case c == '\n':
			flush()
			line++
		case c == 0x1b && i+1 < len(capture) && capture[i+1] == '[':
			j := i + 2
			for j < len(capture) && (capture[j] < 0x40 || capture[j] > 0x7e) {
				j++
			}
			if j >= len(capture) {
				i = j
				continue
			}
			if capture[j] == 'm' {
				flush()
				a = applySGR(a, capture[i+2:j])
			}
			i = j
		case c == 0x1b && i+1 < len(capture) && capture[i+1] == ']':
			// An OSC (a hyperlink): skip to its BEL or ST.
			j := i + 2
			for j < len(capture) && capture[j] != 0x07 && !(capture[j] == 0x1b && j+1 < len(capture) && capture[j+1] == '\\') {
				j++
			}
			if j < len(capture) && capture[j] == 0x1b {
				j++
			}
			i = j
		default:
			text.WriteByte(c)
		}
	}
	flush()
	return runs
}

func applySGR(a Attr, params string) Attr {
	if params == "" {
		return Attr{}
	}
	ps := strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' })
	num := func(k int) int {
		if k >= len(ps) {
			return -1
		}
		n, err := strconv.Atoi(ps[k])
		if err != nil {
			return -1
		}
		return n
	}
	for k := 0; k < len(ps); k++ {
		n := num(k)
		switch {
		case n == 0:
			a = Attr{}
		case n == 1:
			a.Bold = true
		case n == 2:
			a.Faint = true
		case n == 22:
			a.Bold, a.Faint = false, false
		case n == 7:
			a.Reverse = true
		case n == 27:
			a.Reverse = false
		case n >= 30 && n <= 37:
			a.Fg = Pen{Kind: PenIndex, Index: n - 30}
		case n >= 90 && n <= 97:
			a.Fg = Pen{Kind: PenIndex, Index: n - 90 + 8}
		case n == 39:
			a.Fg = Pen{}
		case n >= 40 && n <= 47:
			a.Bg = Pen{Kind: PenIndex, Index: n - 40}
		case n >= 100 && n <= 107:
			a.Bg = Pen{Kind: PenIndex, Index: n - 100 + 8}
		case n == 49:
			a.Bg = Pen{}
		case n == 38 || n == 48:
			var p Pen
			switch num(k + 1) {
			case 5:
				p = Pen{Kind: PenIndex, Index: num(k + 2)}
				k += 2
			case 2:
				p = Pen{Kind: PenRGB, RGB: RGB{uint8(num(k + 2)), uint8(num(k + 3)), uint8(num(k + 4))}}
				k += 4
			}
			if n == 38 {
				a.Fg = p
			} else {
				a.Bg = p
			}
		}
	}
	return a
}

// Finding is text whose contrast is below AA or cannot be known.
type Finding struct {
	Run   Run
	Fg    RGB // the colour the text is drawn in, as far as known
	Bg    RGB // the colour it is drawn on
	Ratio float64
	// Why is set when the contrast cannot be known (a theme colour, faint text).
	Why string
}

// Where is the finding's line and text.
func (f Finding) Where() string {
	s := strings.TrimSpace(f.Run.Text)
	if r := []rune(s); len(r) > 30 {
		s = string(r[:30]) + "…"
	}
	return fmt.Sprintf("line %d %q", f.Run.Line, s)
}

// What is what is wrong: why the contrast is unknown, or the ratio.
func (f Finding) What() string {
	if f.Why != "" {
		return f.Why
	}
	return fmt.Sprintf("%s on %s %.2f:1", f.Fg, f.Bg, f.Ratio)
}

// Pair is one colour of text on one background, with where it was seen.
type Pair struct {
	Fg, Bg RGB
	Ratio  float64
	Runs   int    // how many runs
	Sample string // the first run's text
}

// Report is the check of one capture against one terminal background.
type Report struct {
	Pairs    []Pair // every colour pair seen, lowest contrast first
	Findings []Finding
}

// Check measures every run of visible text against these terminal defaults; a
// theme colour or faint text is a finding, its colour being the terminal's.
func Check(capture string, termFg, termBg RGB) Report {
	var rep Report
	seen := map[[2]RGB]int{}
	for _, r := range Runs(capture) {
		if strings.IndexFunc(r.Text, func(c rune) bool { return !unicode.IsSpace(c) }) < 0 {
			continue
		}
		fg, fgWhy := resolve(r.Attr.Fg, termFg)
		bg, bgWhy := resolve(r.Attr.Bg, termBg)
		if r.Attr.Reverse {
			fg, bg = bg, fg
			fgWhy, bgWhy = bgWhy, fgWhy
		}
		why := fgWhy + bgWhy
		if r.Attr.Faint {
			why = "faint text: its colour is the terminal's choice"
		}
		ratio := Ratio(fg, bg)
		if why != "" || ratio < AA {
			rep.Findings = append(rep.Findings, Finding{Run: r, Fg: fg, Bg: bg, Ratio: ratio, Why: why})
		}
		k := [2]RGB{fg, bg}
		if i, ok := seen[k]; ok {
			rep.Pairs[i].Runs++
			continue
		}
		seen[k] = len(rep.Pairs)
		rep.Pairs = append(rep.Pairs, Pair{Fg: fg, Bg: bg, Ratio: ratio, Runs: 1, Sample: strings.TrimSpace(r.Text)})
	}
	sort.SliceStable(rep.Pairs, func(i, j int) bool { return rep.Pairs[i].Ratio < rep.Pairs[j].Ratio })
	return rep
}

func resolve(p Pen, def RGB) (RGB, string) {
	switch p.Kind {
	case PenIndex:
		if Basic(p.Index) {
			return Xterm(p.Index), fmt.Sprintf("colour%d is one of the terminal theme's 16 colours", p.Index)
		}
		return Xterm(p.Index), ""
	case PenRGB:
		return p.RGB, ""
	}
	return def, ""
}
