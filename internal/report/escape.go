package report

import "unicode/utf8"

// EscapeJSONControls rewrites, in JSON text written by encoding/json, the
// characters a terminal acts on that encoding/json leaves raw: DEL, the C1
// controls U+0080 to U+009F and the bidirectional controls (U+061C,
// U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), each as \uXXXX.
// encoding/json already escapes C0 and U+2028/U+2029. The value a JSON
// reader gets is unchanged: outside strings JSON text is ASCII, so these
// characters can only sit inside strings, where \uXXXX means the same.
// b must be valid UTF-8, which encoding/json guarantees.
func EscapeJSONControls(b []byte) []byte {
	if !jsonNeedsEscaping(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf && c != 0x7f {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if jsonEscaped(r) {
			out = append(out, '\\', 'u',
				hexDigit(r>>12), hexDigit(r>>8), hexDigit(r>>4), hexDigit(r))
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

func jsonNeedsEscaping(b []byte) bool {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			if b[i] == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if jsonEscaped(r) {
			return true
		}
		i += size
	}
	return false
}

func jsonEscaped(r rune) bool {
	return r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x061c || r == 0x200e || r == 0x200f ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func hexDigit(r rune) byte { return "0123456789abcdef"[r&0xf] }
