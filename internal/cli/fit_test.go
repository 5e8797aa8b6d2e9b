package cli

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// runOnTerminal runs a command line whose standard output is a terminal
// of the given width, with h's configuration file and keychain (nil: e's
// environment instead) and the environment vars added to e's.
func (e *testEnv) runOnTerminal(h *home, vars map[string]string, width int, args ...string) result {
	e.t.Helper()
	all := map[string]string{}
	if h == nil {
		for k, v := range e.vars {
			all[k] = v
		}
	}
	for k, v := range vars {
		all[k] = v
	}
	var out, errb bytes.Buffer
	o := IO{
		Out: &out, Err: &errb,
		Getenv:     func(k string) string { return all[k] },
		IsTerminal: func(w io.Writer) bool { return w == &out },
		Width:      func(w io.Writer) int { return map[bool]int{true: width}[w == &out] },
		Now:        func() time.Time { return now },
	}
	if h != nil {
		o.Keychain = h.kc
		o.ConfigPath = func() (string, error) { return h.path, nil }
	}
	a := &app{io: o.withDefaults(), tui: func(context.Context, tuiParams) error { return nil }}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := a.run(ctx, args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// widest is the width of s's widest line.
func widest(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, ansi.StringWidth(l))
	}
	return n
}

// longName is a token name longer than any terminal's table has room for.
const longName = "nightly-integration-suite-of-the-web-shop-and-its-many-friends-on-every-branch"

// TestReviewAllProfilesOnTerminal: on a 120-column terminal the report of
// several servers names each by its profile, with a legend of their
// URLs above the table, and the table fits the width, the long name cut
// with "…"; CSV and JSON keep the full URL.
func TestReviewAllProfilesOnTerminal(t *testing.T) {
	ts := newTwoServers(t)
	if _, err := ts.prod.IssueToken(sonarsim.TokenSpec{Login: "admin", Name: longName, CreatedAt: now.Add(-40 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"XDG_STATE_HOME": t.TempDir()}
	for _, width := range []int{120, 100, 80} {
		r := ts.e.runOnTerminal(ts.h, env, width, "review", "--all-profiles").expect(t, 0)
		if w := widest(r.stdout); w > width {
			t.Errorf("at %d columns the report is %d wide:\n%s", width, w, r.stdout)
		}
		lines := strings.Split(r.stdout, "\n")
		if len(lines) < 3 || lines[0] != "staging = "+ts.e.url || lines[1] != "prod = "+ts.prodURL {
			t.Errorf("at %d columns, no legend of the servers above the table:\n%s", width, r.stdout)
		}
		table := strings.Join(lines[2:], "\n")
		if strings.Contains(table, ts.prodURL) || strings.Contains(table, ts.e.url) {
			t.Errorf("at %d columns the table names servers by URL:\n%s", width, r.stdout)
		}
		if !strings.Contains(table, "│ prod ") || !strings.Contains(table, "│ sta") || !strings.Contains(table, "…") || width == 120 && !strings.Contains(table, "│ staging ") {
			t.Errorf("at %d columns, rows without their profile or cut name:\n%s", width, r.stdout)
		}
		if width >= 100 && (!strings.Contains(table, "│ 2026-01-20 │") || !strings.Contains(table, "│ expiring ")) {
			t.Errorf("at %d columns a day or a status is cut before the names give way:\n%s", width, r.stdout)
		}
		if width >= 100 && !strings.Contains(table, "│ nightly") {
			t.Errorf("at %d columns the names are cut shorter than the status (no-expi…):\n%s", width, r.stdout)
		}
	}
	r := ts.e.runOnTerminal(ts.h, env, 80, "review", "--all-profiles", "--format", "csv").expect(t, 0)
	if !strings.Contains(r.stdout, ts.prodURL+",") || !strings.Contains(r.stdout, longName) || strings.Contains(r.stdout, "prod =") {
		t.Errorf("csv on a terminal:\n%s", r.stdout)
	}
	r = ts.e.runOnTerminal(ts.h, env, 80, "review", "--all-profiles", "--json").expect(t, 0)
	if !strings.Contains(r.stdout, `"server": "`+ts.prodURL+`"`) || !strings.Contains(r.stdout, longName) {
		t.Errorf("json on a terminal:\n%s", r.stdout)
	}
}

// TestReviewOneServerFitsTerminal: the single server's review (with its
// LOGIN column) and list fit 80 and 120 columns, the long name cut with
// "…"; piped, the plain table keeps it whole.
func TestReviewOneServerFitsTerminal(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: longName, CreatedAt: now.Add(-40 * 24 * time.Hour)})
	for _, width := range []int{80, 120} {
		for _, args := range [][]string{{"review"}, {"list", "--login", "dev"}} {
			r := e.runOnTerminal(nil, nil, width, args...).expect(t, 0)
			if w := widest(r.stdout); w > width || !strings.Contains(r.stdout, "…") || width == 120 && !strings.Contains(r.stdout, "nightly-integration-") {
				t.Errorf("%v at %d columns: %d wide:\n%s", args, width, w, r.stdout)
			}
			if !strings.Contains(r.stdout, "LAST USE") || !strings.Contains(r.stdout, "2026-01-20") || !strings.Contains(r.stdout, "expired") && args[0] == "review" {
				t.Errorf("%v at %d columns lost a column or a row:\n%s", args, width, r.stdout)
			}
		}
	}
	if r := e.run("review"); !strings.Contains(r.stdout, longName) {
		t.Errorf("piped, the name is cut:\n%s", r.stdout)
	}
}
