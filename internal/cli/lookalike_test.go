package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// lookalikes are token names that all read "ci-prod" on a terminal that
// draws invisible code points as nothing, with the escape each must show.
var lookalikes = []struct{ name, shown string }{
	{"ci-prod", "ci-prod"},
	{"ci-\u200bprod", `ci-\u200bprod`},
	{"ci-prod\u2060", `ci-prod\u2060`},
	{"\ufeffci-prod", `\ufeffci-prod`},
	{"ci\u00ad-prod", `ci\u00ad-prod`},
	{"ci-prod\u3164", `ci-prod\u3164`},
	{"ci-pr\U000e006fod", `ci-pr\U000e006fod`},
}

// TestLookalikeNamesToldApart: names that differ only by an invisible code
// point show apart, with the ^ note, in the table, the revoke dry run, CSV
// and Markdown; JSON keeps them exact.
func TestLookalikeNamesToldApart(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, l := range lookalikes {
		e.issue(sonarsim.TokenSpec{Login: "dev", Name: l.name, CreatedAt: now.Add(-400 * 24 * time.Hour), ExpiresAt: ptr(now.Add(-24 * time.Hour))})
	}
	for _, args := range [][]string{
		{"list", "--login", "dev"},
		{"review", "--login", "dev"},
		{"review", "--login", "dev", "--status", "expired", "--revoke"},
		{"review", "--login", "dev", "--format", "csv"},
		{"list", "--login", "dev", "--format", "markdown"},
	} {
		r := e.run(args...).expect(t, ExitOK)
		for _, l := range lookalikes {
			if !strings.Contains(r.stdout, l.shown) {
				t.Errorf("%v: stdout lacks %s:\n%s", args, l.shown, r.stdout)
			}
		}
		for _, l := range lookalikes[1:] {
			if strings.Contains(r.stdout, l.name) {
				t.Errorf("%v: stdout holds the raw name %q:\n%s", args, l.name, r.stdout)
			}
		}
		if args[0] == "list" && len(args) == 3 && !strings.Contains(r.stderr, "6 tokens hold control or invisible characters") {
			t.Errorf("%v: stderr does not explain the escapes:\n%s", args, r.stderr)
		}
	}

	r := e.run("list", "--login", "dev", "--json").expect(t, ExitOK)
	var got []reports.Token
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, tok := range got {
		names[tok.Name] = true
	}
	for _, l := range lookalikes {
		if !names[l.name] {
			t.Errorf("--json lost the exact name %q: %v", l.name, names)
		}
	}
	if !strings.Contains(r.stdout, `ci-\u200bprod`) || strings.Contains(r.stdout, "\u200b") {
		t.Errorf("--json does not escape U+200B as \\u200b:\n%s", r.stdout)
	}
}
