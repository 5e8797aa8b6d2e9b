package report

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sonartoken/sonartoken/model"
)

// EscapeJSONControls escapes as \uXXXX what encoding/json leaves raw but a terminal
// acts on or hides; the decoded value is unchanged.
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
			if r > 0xffff {
				hi, lo := utf16.EncodeRune(r)
				out = appendU(appendU(out, hi), lo)
			} else {
				out = appendU(out, r)
			}
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
	return r != utf8.RuneError && r >= 0x7f && r != 0x2028 && r != 0x2029 && model.EscapedRune(r)
}

// appendU appends r, at most U+FFFF, as \uXXXX.
func appendU(out []byte, r rune) []byte {
	return append(out, '\\', 'u', hexDigit(r>>12), hexDigit(r>>8), hexDigit(r>>4), hexDigit(r))
}

func hexDigit(r rune) byte { return "0123456789abcdef"[r&0xf] }
