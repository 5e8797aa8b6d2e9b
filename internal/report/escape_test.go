package report

import "testing"

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
	} {
		if got := string(EscapeJSONControls([]byte(in))); got != want {
			t.Errorf("EscapeJSONControls(%q) = %q, want %q", in, got, want)
		}
	}
}
