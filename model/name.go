package model

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
)

// MaxNameLength counts UTF-16 code units before trimming, as the server does.
const MaxNameLength = 100

// ValidateName checks a new name as the server does, in its order and words.
func ValidateName(name, login string, existing []string) error {
	if n := len(utf16.Encode([]rune(name))); n > MaxNameLength {
		return fmt.Errorf("'name' length (%d) is longer than the maximum authorized (%d)", n, MaxNameLength)
	}
	trimmed := TrimName(name)
	if trimmed == "" {
		//lint:ignore ST1005 SonarQube's own error message, word for word
		return fmt.Errorf("The 'name' parameter is missing")
	}
	for _, e := range existing {
		if e == trimmed {
			//lint:ignore ST1005 SonarQube's own error message, word for word
			return fmt.Errorf("A user token for login '%s' and name '%s' already exists", login, trimmed)
		}
	}
	return nil
}

// TrimName trims as Java's Character.isWhitespace, which differs from
// strings.TrimSpace on no-break spaces and U+001C to U+001F.
func TrimName(name string) string { return strings.TrimFunc(name, javaIsWhitespace) }

func javaIsWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f:
		return true
	case 0x00a0, 0x2007, 0x202f:
		return false
	}
	return unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp)
}
