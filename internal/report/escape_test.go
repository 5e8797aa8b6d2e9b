package report

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestEscapeJSONControls(t *testing.T) {
	for in, want := range map[string]string{
		``:                             ``,
		`{"name":"plain"}`:             `{"name":"plain"}`,
		`"é ü 日本"`:                     `"é ü 日本"`,
		"\"a\x7fb\"":                   `"a\u007fb"`,
		"\"\u0085x\u009f\"":            `"\u0085x\u009f"`,
		"\"\u202eevil\u2066.\u2069\"":  `"\u202eevil\u2066.\u2069"`,
		"\"\u061c\u200e\u200f\u202a\"": `"\u061c\u200e\u200f\u202a"`,
		"\"é\u202eé\"":                 `"é\u202eé"`,
		// Invisible code points: a lookalike name keeps its exact text,
		// readable in the JSON.
		"\"ci-\u200bprod\ufeff\u00ad\u3164\"": `"ci-\u200bprod\ufeff\u00ad\u3164"`,
		"\"tag\U000e0041\"":                   `"tag\udb40\udc41"`,
		"\"emoji \U0001f600 stays\"":          "\"emoji \U0001f600 stays\"",
	} {
		got := EscapeJSONControls([]byte(in))
		if string(got) != want {
			t.Errorf("EscapeJSONControls(%q) = %q, want %q", in, got, want)
		}
		// The value a JSON reader gets is the same.
		var a, b any
		if json.Unmarshal([]byte(in), &a) == nil {
			if err := json.Unmarshal(got, &b); err != nil || !reflect.DeepEqual(a, b) {
				t.Errorf("EscapeJSONControls(%q) reads back as %v (%v), want %v", in, b, err, a)
			}
		}
	}
}
