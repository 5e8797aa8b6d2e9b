package ui

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/tokens"
)

// TestLookalikeNamesShowApart: token names that differ from "ci-prod"
// only by an invisible code point show their escape in the token table,
// and their row carries the ^ marker; the plain one does not.
func TestLookalikeNamesShowApart(t *testing.T) {
	t.Parallel()
	f := newFake()
	f.tokens = nil
	shown := map[string]string{
		"ci-prod":           "ci-prod",
		"ci-\u200bprod":     `ci-\u200bprod`,
		"ci-prod\u2060":     `ci-prod\u2060`,
		"\ufeffci-prod":     `\ufeffci-prod`,
		"ci\u00ad-prod":     `ci\u00ad-prod`,
		"ci-prod\u3164":     `ci-prod\u3164`,
		"ci-pr\U000e006fod": `ci-pr\U000e006fod`,
	}
	for name := range shown {
		f.tokens = append(f.tokens, model.Token{Login: "ada", Name: name, Type: model.TypeUser, CreatedAt: testNow})
	}
	v := newModelOpts(t, Options{Service: f, Now: clock, StaticCursor: true}, 120, 30).View()
	mark := string(tokens.OddMarker)
	lines := strings.Split(v, "\n")
	for name, want := range shown {
		var row string
		for _, l := range lines {
			if strings.Contains(l, " "+want+" ") || strings.Contains(l, mark+want+" ") {
				row = l
			}
		}
		switch {
		case row == "":
			t.Errorf("no row shows %s:\n%s", want, v)
		case name == "ci-prod" && strings.Contains(row, mark):
			t.Errorf("the plain name's row is marked: %q", row)
		case name != "ci-prod" && !strings.Contains(row, mark):
			t.Errorf("the row of %s is not marked: %q", want, row)
		}
		if name != "ci-prod" && strings.Contains(v, name) {
			t.Errorf("the view holds the raw %q", name)
		}
	}
}
