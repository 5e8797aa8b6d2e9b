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
	var out []byte // nil until the first escape: b is returned as it is
	done := 0      // b[:done] is in out
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf && c != 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if jsonEscaped(r) {
			out = append(out, b[done:i]...)
			out = append(out, '\\', 'u', hexDigit(r>>12), hexDigit(r>>8), hexDigit(r>>4), hexDigit(r))
			done = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[done:]...)
}

func jsonEscaped(r rune) bool {
	return r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x061c || r == 0x200e || r == 0x200f ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func hexDigit(r rune) byte { return "0123456789abcdef"[r&0xf] }
