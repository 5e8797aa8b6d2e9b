package report

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
)

// TestCSVEscapesAnUnknownType: a token type this version does not know is
// kept as the server sent it; in CSV, which list --format csv prints on
// the terminal, it goes through model.Printable like every other cell
// from the server, so an escape sequence in it is shown, not obeyed.
func TestCSVEscapesAnUnknownType(t *testing.T) {
	r := Report{Now: now, Within: model.DefaultExpiringWithin, Tokens: []model.Token{
		{Login: "ada", Name: "ci", Type: model.TokenType("EVIL\x1b]52;c;aGk=\a"), CreatedAt: now},
	}}
	var b strings.Builder
	if err := WriteCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\a") {
		t.Fatalf("raw control characters in the CSV: %q", b.String())
	}
	if want := model.Printable("EVIL\x1b]52;c;aGk=\a"); !strings.Contains(b.String(), want) {
		t.Errorf("CSV %q lacks the type as Printable shows it, %q", b.String(), want)
	}
}

// TestCSVCellNeutralisesFormulas: a cell a spreadsheet would read as a
// formula gets a leading quote, also when the formula starts after spaces
// or a no-break space, or with the fullwidth or small forms of = + - @
// that spreadsheets fold to ASCII.
func TestCSVCellNeutralisesFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"ci":                        "ci",
		"=1+1":                      "'=1+1",
		"+1":                        "'+1",
		"-1":                        "'-1",
		"@SUM(A1)":                  "'@SUM(A1)",
		" =HYPERLINK(\"http://x\")": "' =HYPERLINK(\"http://x\")",
		"   +1":                     "'   +1",
		"\u00a0=1+1":                "'\u00a0=1+1",
		" \u00a0 -cmd":              "' \u00a0 -cmd",
		"\u3000=1":                  "'\u3000=1",
		"\u202f@x":                  "'\u202f@x",
		"＝1+1":                      "'＝1+1",
		"＋1":                        "'＋1",
		"－1":                        "'－1",
		"＠SUM(A1)":                  "'＠SUM(A1)",
		"﹦1":                        "'﹦1",
		"﹢1":                        "'﹢1",
		"﹣1":                        "'﹣1",
		"﹫x":                        "'﹫x",
		"\t=1":                      `\t=1`, // Printable: a backslash, no formula
		"a=1":                       "a=1",
		"  ":                        "  ",
		"":                          "",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}
