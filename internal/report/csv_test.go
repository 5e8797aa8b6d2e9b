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
