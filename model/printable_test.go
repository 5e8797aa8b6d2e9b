package model

// FuzzPrintable runs its seeds with go test; to fuzz for 30 seconds:
//
//	go test -run '^$' -fuzz '^FuzzPrintable$' -fuzztime 30s ./model/

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ci-token", "ci-token"},
		{"CORP\\jdoe", "CORP\\jdoe"},
		{"Zoë Ångström 日本", "Zoë Ångström 日本"},
		{"", ""},
		{"evil\x1b]52;c;UFdORUQ=\a\x1b]0;PWNED\a\x1b[2J", `evil\e]52;c;UFdORUQ=\a\e]0;PWNED\a\e[2J`},
		{"two\nlines\r\n", `two\nlines\r\n`},
		{"tab\there", `tab\there`},
		{"nul\x00 del\x7f us\x1f", `nul\x00 del\x7f us\x1f`},
		{"c1 \u0085 csi \u009b", `c1 \u0085 csi \u009b`},
		{"txt.exe\u202Egpj", `txt.exe\u202egpj`},
		{"iso\u2066late\u2069 mark\u200f\u061c", `iso\u2066late\u2069 mark\u200f\u061c`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		{"bad\xff\xc3", `bad\xff\xc3`},
		{"back\\slash\n", `back\\slash\n`},
		{"valid \ufffd stays", "valid \ufffd stays"},
		// Invisible and default-ignorable code points: six names that all
		// read "ci-prod" tell apart.
		{"ci-\u200bprod", `ci-\u200bprod`},
		{"ci-prod\u2060", `ci-prod\u2060`},
		{"\ufeffci-prod", `\ufeffci-prod`},
		{"ci\u00ad-prod", `ci\u00ad-prod`},
		{"ci-prod\u3164", `ci-prod\u3164`},
		{"ci-\U000e0070rod", `ci-\U000e0070rod`},
		{"a\u034fb\u115f\u1160\u17b4\u17b5\u180b\u180e\u180f", `a\u034fb\u115f\u1160\u17b4\u17b5\u180b\u180e\u180f`},
		{"\u200c\u200d\u2061\u2064\u206f\ufe00\ufe0f\uffa0", `\u200c\u200d\u2061\u2064\u206f\ufe00\ufe0f\uffa0`},
		{"\U000e0001\U000e0fff\U0001bca0\U0001d173", `\U000e0001\U000e0fff\U0001bca0\U0001d173`},
		{"ann\ufff9ota\ufffb", `ann\ufff9ota\ufffb`},
		{"DOMAIN\\ci\u200b", `DOMAIN\\ci\u200b`},
		// Visible neighbours stay as they are.
		{"nbsp\u00a0é\u0300 ﬁ \u3000 \u2800 \U0001f600 \ufffc", "nbsp\u00a0é\u0300 ﬁ \u3000 \u2800 \U0001f600 \ufffc"},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got, want := NeedsEscaping(tc.in), tc.in != tc.want; got != want {
			t.Errorf("NeedsEscaping(%q) = %v, want %v", tc.in, got, want)
		}
	}
}

func TestPrintableLinesKeepsNewlines(t *testing.T) {
	got := PrintableLines("first \x1b[2J\nsecond\x07")
	if want := "first \\e[2J\nsecond\\a"; got != want {
		t.Errorf("PrintableLines = %q, want %q", got, want)
	}
	// A name quoted in a message is escaped once, whatever else the
	// message holds.
	msg := "revoke token " + Quote("evil\x1b[2J") + ": server says \x07"
	if got, want := PrintableLines(msg), `revoke token "evil\e[2J": server says \a`; got != want {
		t.Errorf("PrintableLines = %s, want %s", got, want)
	}
	if !AnyNeedsEscaping("ok", "x\u202e") || AnyNeedsEscaping("ok", "fine") {
		t.Error("AnyNeedsEscaping disagrees with NeedsEscaping")
	}
}

func TestUnknownTokenTypeLabelsArePrintable(t *testing.T) {
	typ := TokenType("NEW\x1b]0;T\a")
	if got, want := typ.ShortLabel(), `NEW\e]0;T\a`; got != want {
		t.Errorf("ShortLabel = %q, want %q", got, want)
	}
	if got, want := typ.Label(), `NEW\e]0;T\a`; got != want {
		t.Errorf("Label = %q, want %q", got, want)
	}
}

func TestReplacementNameOfOddName(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	if got, want := ReplacementName("evil\x1b[2J", now, nil), `evil\e[2J-20261130`; got != want {
		t.Errorf("ReplacementName = %q, want %q", got, want)
	}
}

// unprintable reverses Printable for a string that needed escaping.
func unprintable(t *testing.T, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if i >= len(s) {
			t.Fatalf("dangling backslash in %q", s)
		}
		switch c := s[i]; c {
		case '\\':
			b.WriteByte('\\')
		case 'a', 'b', 't', 'n', 'v', 'f', 'r':
			b.WriteByte("\a\b\t\n\v\f\r"[strings.IndexByte("abtnvfr", c)])
		case 'e':
			b.WriteByte(0x1b)
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil {
				t.Fatalf("bad escape in %q: %v", s, err)
			}
			if c == 'x' {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
			i += n
		default:
			t.Fatalf("unknown escape \\%c in %q", c, s)
		}
	}
	return b.String()
}

// invisible is the Default_Ignorable_Code_Point property of Unicode,
// derived from the standard library's tables as DerivedCoreProperties.txt
// defines it, independently of escaped: Other_Default_Ignorable_Code_Point,
// format characters (Cf) and variation selectors, less white space, the
// interlinear annotation marks (which Printable escapes anyway), the
// Egyptian hieroglyph format controls and the prepended concatenation
// marks, which show.
func invisible(r rune) bool {
	if unicode.Is(unicode.White_Space, r) || r >= 0x13430 && r <= 0x1344f || unicode.Is(unicode.Prepended_Concatenation_Mark, r) {
		return false
	}
	return unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
}

// TestEveryInvisibleCodePointIsEscaped walks all of Unicode: Printable's
// list and the property agree on every code point.
func TestEveryInvisibleCodePointIsEscaped(t *testing.T) {
	for r := rune(0xa0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		if invisible(r) && !escaped(r) {
			t.Errorf("%U is default-ignorable but shows raw", r)
		}
		if escaped(r) && !invisible(r) && r != 0x2028 && r != 0x2029 && !(r >= 0xfff9 && r <= 0xfffb) {
			t.Errorf("%U is escaped but is not invisible", r)
		}
	}
}

func FuzzPrintable(f *testing.F) {
	for _, s := range []string{
		"plain", "evil\x1b]52;c;UFdORUQ=\a\x1b]0;PWNED\a\x1b[2J", "a\nb", `a\nb`, "\u202e", "\xff\xfe",
		"\u009b31m", "CORP\\jdoe", "\\\x00", "\u2066\u2069\u2028", "日本\x7f",
		// Invisible code points, at the edges of each range.
		"ci-\u200bprod", "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b\u180f", "\u200b\u200d\u2060\u206f",
		"\u3164\ufe00\ufe0f\ufeff\uffa0\ufff0\ufffb", "\U000e0000\U000e0fff\U000e1000", "\U0001bca0\U0001d17a",
		"\u00ac\u00ae\u200a\u2010\u205f\u2070\u3163\u3165\ufdff\ufe10\ufefe\uff9f\uffa1\uffef\ufffc",
		"👨\u200d👩\u200d👧 ❤\ufe0f", "\\u200b", `\u200b\`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Printable(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Printable(%q) = %q is not UTF-8", s, out)
		}
		for _, r := range out {
			if escaped(r) || invisible(r) {
				t.Fatalf("Printable(%q) = %q still holds %U", s, out, r)
			}
		}
		for _, r := range s {
			if invisible(r) && !NeedsEscaping(s) {
				t.Fatalf("NeedsEscaping(%q) is false, yet it holds the invisible %U", s, r)
			}
		}
		if NeedsEscaping(out) {
			t.Fatalf("Printable(%q) = %q needs escaping again", s, out)
		}
		if ansi.Strip(out) != out {
			t.Fatalf("Printable(%q) = %q holds an escape sequence", s, out)
		}
		if !NeedsEscaping(s) {
			if out != s {
				t.Fatalf("Printable changed the clean %q into %q", s, out)
			}
			return
		}
		// Reversible, so two odd names never show alike.
		if back := unprintable(t, out); back != s {
			t.Fatalf("Printable(%q) = %q reads back as %q", s, out, back)
		}
		// Width sane: every escape shows at least its backslash.
		if w, n := ansi.StringWidth(out), strings.Count(out, `\`); w < n {
			t.Fatalf("Printable(%q) = %q is %d cells, under %d", s, out, w, n)
		}
	})
}
