package model

import (
	"strings"
	"unicode/utf8"
)

// Printable replaces everything a terminal would act on, or that would reorder,
// hide or split text, by a visible escape (README), so a hostile name cannot act
// and "ci-prod" never reads as "ci-\u200bprod". Clean strings come back unchanged.
func Printable(s string) string {
	if !NeedsEscaping(s) {
		return s
	}
	return escape(s, true)
}

// escape is Printable of a string that needs it.
func escape(s string, doubleBackslash bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			writeHex(&b, 'x', uint32(s[i]), 2)
		case r == '\\' && doubleBackslash:
			b.WriteString(`\\`)
		case escaped(r):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// NeedsEscaping reports whether Printable changes s; views mark such rows.
func NeedsEscaping(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || escaped(r) {
			return true
		}
		i += size
	}
	return false
}

// AnyNeedsEscaping reports whether any of ss needs escaping.
func AnyNeedsEscaping(ss ...string) bool {
	for _, s := range ss {
		if NeedsEscaping(s) {
			return true
		}
	}
	return false
}

// PrintableLines makes each line printable, keeping newlines and single
// backslashes so a Quoted name is not escaped twice; never for a table cell.
func PrintableLines(s string) string {
	if !NeedsEscaping(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if NeedsEscaping(l) {
			lines[i] = escape(l, false)
		}
	}
	return strings.Join(lines, "\n")
}

// EscapedRune reports whether Printable escapes r, for other notations (JSON).
func EscapedRune(r rune) bool { return escaped(r) }

// escaped: controls, Default_Ignorable_Code_Point (bidi included), U+2028,
// U+2029 and U+FFF9 to U+FFFB.
func escaped(r rune) bool {
	if r < 0xad { // ASCII and most of Latin-1: two comparisons
		return r < 0x20 || r >= 0x7f && r <= 0x9f
	}
	switch {
	case r == 0xad, r == 0x034f, r == 0x061c, r == 0x115f, r == 0x1160,
		r == 0x17b4, r == 0x17b5, r >= 0x180b && r <= 0x180f:
	case r >= 0x200b && r <= 0x200f, r >= 0x2028 && r <= 0x202e, r >= 0x2060 && r <= 0x206f:
	case r == 0x3164, r >= 0xfe00 && r <= 0xfe0f, r == 0xfeff, r == 0xffa0, r >= 0xfff0 && r <= 0xfffb:
	case r >= 0x1bca0 && r <= 0x1bca3, r >= 0x1d173 && r <= 0x1d17a, r >= 0xe0000 && r <= 0xe0fff:
	default:
		return false
	}
	return true
}

const hexDigits = "0123456789abcdef"

func writeEscape(b *strings.Builder, r rune) {
	switch r {
	case '\a':
		b.WriteString(`\a`)
	case '\b':
		b.WriteString(`\b`)
	case '\t':
		b.WriteString(`\t`)
	case '\n':
		b.WriteString(`\n`)
	case '\v':
		b.WriteString(`\v`)
	case '\f':
		b.WriteString(`\f`)
	case '\r':
		b.WriteString(`\r`)
	case 0x1b:
		b.WriteString(`\e`)
	default:
		switch {
		case r < 0x80:
			writeHex(b, 'x', uint32(r), 2)
		case r <= 0xffff:
			writeHex(b, 'u', uint32(r), 4)
		default:
			writeHex(b, 'U', uint32(r), 8)
		}
	}
}

func writeHex(b *strings.Builder, kind byte, v uint32, digits int) {
	b.WriteByte('\\')
	b.WriteByte(kind)
	for i := digits - 1; i >= 0; i-- {
		b.WriteByte(hexDigits[(v>>(4*i))&0xf])
	}
}

// Quote is s in double quotes, through Printable.
func Quote(s string) string { return `"` + Printable(s) + `"` }
