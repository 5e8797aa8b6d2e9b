package model

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// MaxNameLength is the server's limit on a token name, counted on the raw
// value in Java characters (UTF-16 code units) before trimming.
const MaxNameLength = 100

// ValidateName checks a new token's name as the server does, in the same
// order and with the same messages: required, at most 100 characters, and
// not the name of one of the user's existing tokens.
func ValidateName(name, login string, existing []string) error {
	if n := len(utf16.Encode([]rune(name))); n > MaxNameLength {
		return fmt.Errorf("'name' length (%d) is longer than the maximum authorized (%d)", n, MaxNameLength)
	}
	trimmed := strings.TrimSpace(name)
	if trimmed == "" {
		return fmt.Errorf("The 'name' parameter is missing")
	}
	for _, e := range existing {
		if e == trimmed {
			return fmt.Errorf("A user token for login '%s' and name '%s' already exists", login, trimmed)
		}
	}
	return nil
}
