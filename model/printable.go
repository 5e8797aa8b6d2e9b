package model

import (
	"strings"
	"unicode/utf8"
)

// Printable returns s safe to show on a terminal: every character that a
// terminal would act on, or that would reorder or split what follows, is
// replaced by a visible escape. Strings from outside (token names, logins,
// display names, project keys and names, server messages) go through it
// before any view or table shows them, so a name such as "x\x1b]52;c;…\a"
// cannot write the clipboard, retitle the window or clear the screen.
//
// The notation, documented in the README:
//
//   - \a \b \t \n \v \f \r and \e for BEL, BS, TAB, LF, VT, FF, CR and ESC;
//   - \xNN for the other C0 controls, DEL (\x7f), and each byte that is not
//     valid UTF-8 (\x80 to \xff);
//   - \uNNNN for the C1 controls U+0080 to U+009F, the bidirectional marks,
//     embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A to
//     U+202E, U+2066 to U+2069), the line and paragraph separators U+2028
//     and U+2029, and the code points a terminal draws as nothing or that
//     only change their neighbours (Default_Ignorable_Code_Point: the soft
//     hyphen U+00AD, the zero-width space, joiners and word joiner
//     U+200B to U+200D and U+2060 to U+206F, the Hangul fillers U+115F,
//     U+1160, U+3164 and U+FFA0, the variation selectors U+180B to U+180F
//     and U+FE00 to U+FE0F, U+034F, U+17B4, U+17B5, U+FEFF, U+FFF0 to
//     U+FFF8, and the interlinear annotation marks U+FFF9 to U+FFFB), so
//     that "ci-prod" and "ci-\u200bprod" never read alike;
//   - \UNNNNNNNN for those above U+FFFF: the tag characters U+E0000 to
//     U+E0FFF, U+1BCA0 to U+1BCA3 and U+1D173 to U+1D17A;
//   - \\ for a backslash, in a string that has one of the above only, so
//     that ordinary names (DOMAIN\login) show as they are.
//
// A string without any of these comes back unchanged (NeedsEscaping is
// false). The result holds none of these characters, so a newline never
// splits a table row; together with NeedsEscaping it tells any two
// strings apart.
func Printable(s string) string {
	if !NeedsEscaping(s) {
		return s
	}
	return escape(s, true)
}

// escape is Printable of a string that needs it; backslashes are doubled
// when doubleBackslash is set.
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

// NeedsEscaping reports whether Printable changes s: whether s holds a
// control character, a bidirectional control, a line or paragraph
// separator, an invisible (default-ignorable) code point, or bytes that
// are not UTF-8. Views mark such a row (a "^" the help explains) so that
// an odd name stands out.
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

// AnyNeedsEscaping reports whether any of ss needs escaping (a row's
// marker looks at all its cells).
func AnyNeedsEscaping(ss ...string) bool {
	for _, s := range ss {
		if NeedsEscaping(s) {
			return true
		}
	}
	return false
}

// PrintableLines is Printable for a message of several lines: each line is
// made printable on its own and the newlines between them are kept, and a
// backslash stays one, so that a message that quotes a name already made
// printable (Quote) is not escaped twice. For error messages and notes,
// never for a table cell.
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

// EscapedRune reports whether Printable shows the valid rune r as an
// escape, for writers of other notations (JSON) that must escape the same
// characters.
func EscapedRune(r rune) bool { return escaped(r) }

// escaped reports whether Printable shows the valid rune r as an escape:
// a control character, or a code point that draws nothing or reorders,
// joins or hides its neighbours (the Default_Ignorable_Code_Point property
// of Unicode, which includes the bidirectional controls, plus U+2028,
// U+2029 and U+FFF9 to U+FFFB).
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

// Quote is s in double quotes, through Printable: the quoting of a token
// name in a message, in the same notation as the tables.
func Quote(s string) string { return `"` + Printable(s) + `"` }
