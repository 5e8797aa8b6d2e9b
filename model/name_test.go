package model

import (
	"strings"
	"testing"
)

func TestValidateName(t *testing.T) {
	emoji := "😀" // one rune, two UTF-16 code units, as Java counts it
	tests := []struct {
		name     string
		in       string
		existing []string
		want     string
	}{
		{"ok", "CI token", nil, ""},
		{"missing", "", nil, "The 'name' parameter is missing"},
		{"whitespace only", " \t\n ", nil, "The 'name' parameter is missing"},
		{"Java whitespace U+001F only", "\x1f\x1c", nil, "The 'name' parameter is missing"},
		{"no-break space is not whitespace in Java", "\u00a0", nil, ""},
		{"exactly 100", strings.Repeat("a", 100), nil, ""},
		{"101", strings.Repeat("a", 101), nil, "'name' length (101) is longer than the maximum authorized (100)"},
		{"length counted before trimming", " " + strings.Repeat("a", 99) + " ", nil, "'name' length (101) is longer than the maximum authorized (100)"},
		{"101 spaces: length checked first", strings.Repeat(" ", 101), nil, "'name' length (101) is longer than the maximum authorized (100)"},
		{"50 emoji are 100 Java chars", strings.Repeat(emoji, 50), nil, ""},
		{"50 emoji and one letter are 101", strings.Repeat(emoji, 50) + "a", nil, "'name' length (101) is longer than the maximum authorized (100)"},
		{"100 accented letters are 100 (BMP)", strings.Repeat("é", 100), nil, ""},
		{"duplicate", "CI", []string{"other", "CI"}, "A user token for login 'alice' and name 'CI' already exists"},
		{"duplicate after trimming", "  CI  ", []string{"CI"}, "A user token for login 'alice' and name 'CI' already exists"},
		{"case differs: not a duplicate", "ci", []string{"CI"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateName(tt.in, "alice", tt.existing)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("ValidateName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTrimName(t *testing.T) {
	tests := map[string]string{
		"  a b  ":         "a b",
		"\u00a0a\u00a0":   "\u00a0a\u00a0",
		"\u2003a\u3000":   "a",
		"\x1ca\x1f":       "a",
		"\u0085a":         "\u0085a",
		"\u2028a\u2029\t": "a",
	}
	for in, want := range tests {
		if got := TrimName(in); got != want {
			t.Errorf("TrimName(%q) = %q, want %q", in, got, want)
		}
	}
}
