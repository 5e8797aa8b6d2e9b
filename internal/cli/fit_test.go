package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"regexp"
	"slices"
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

// TestReviewAllProfilesOnTerminal: on a terminal the report of several
// servers names each by its profile, with a legend of their URLs above
// the table, and the table fits the width: at 120 columns every column
// but the long name's neighbours shows and the name is whole; at 80 the
// name is cut in the middle, its end kept; CSV and JSON keep everything.
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
		if !strings.Contains(table, "\nprod     admin") || !strings.Contains(table, "\nstaging  admin") {
			t.Errorf("at %d columns, rows without their profile:\n%s", width, r.stdout)
		}
		if whole := strings.Contains(table, longName); whole != (width == 120) || !whole && !middleCutIn(table, longName) {
			t.Errorf("at %d columns the long name is not whole (at 120) nor cut in the middle:\n%s", width, r.stdout)
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
// LOGIN column) and list fit 80 and 120 columns, the long name whole at
// 120 once the other columns went, cut in the middle at 80 with every
// other column gone but EXPIRES; piped, the plain table keeps every
// column and the name whole.
func TestReviewOneServerFitsTerminal(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: longName, CreatedAt: now.Add(-40 * 24 * time.Hour)})
	for _, width := range []int{80, 120} {
		for _, args := range [][]string{{"review"}, {"list", "--login", "dev"}} {
			r := e.runOnTerminal(nil, nil, width, args...).expect(t, 0)
			if w := widest(r.stdout); w > width {
				t.Errorf("%v at %d columns: %d wide:\n%s", args, width, w, r.stdout)
			}
			if whole := strings.Contains(r.stdout, longName); whole != (width == 120) {
				t.Errorf("%v at %d columns: the name whole: %v:\n%s", args, width, whole, r.stdout)
			}
			if width == 80 && (!middleCutIn(r.stdout, longName) || !strings.HasPrefix(headerOf(r.stdout), "NAME") && args[0] == "list") {
				t.Errorf("%v at %d columns: not cut in the middle, or NAME not first:\n%s", args, width, r.stdout)
			}
			if !strings.Contains(headerOf(r.stdout), "EXPIRES") || strings.Contains(headerOf(r.stdout), "CREATED") {
				t.Errorf("%v at %d columns: EXPIRES gone or CREATED kept before the name:\n%s", args, width, r.stdout)
			}
		}
	}
	if r := e.run("review"); !strings.Contains(r.stdout, longName) || !strings.Contains(r.stdout, "CREATED") || !strings.Contains(r.stdout, "STATUS") {
		t.Errorf("piped, a column or the name is cut:\n%s", r.stdout)
	}
}

// headerOf is the first line of a table.
func headerOf(s string) string {
	h, _, _ := strings.Cut(s, "\n")
	return h
}

// seededEnv is a test environment on the built-in server's seeded data,
// as `sonartoken sim --seed N` serves it.
func seededEnv(t *testing.T, seed int64) *testEnv {
	t.Helper()
	sim := sonarsim.New(sonarsim.Options{Seed: seed, Now: func() time.Time { return now }})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	return &testEnv{t: t, sim: sim, url: srv.URL, vars: map[string]string{
		"SONAR_HOST_URL": srv.URL,
		"SONAR_TOKEN":    sim.AdminToken(),
		"XDG_STATE_HOME": t.TempDir(),
	}}
}

// reportRows reads a command's tokens back from its JSON form.
func reportRows(t *testing.T, e *testEnv, args ...string) []tokenJSON {
	t.Helper()
	r := e.run(append(args, "--json")...).expect(t, 0)
	var toks []tokenJSON
	must(t, json.Unmarshal([]byte(r.stdout), &toks))
	if len(toks) == 0 {
		t.Fatalf("%v: no tokens", args)
	}
	return toks
}

// cellsOf splits a line of the table without borders into its cells
// (two spaces or more apart).
func cellsOf(line string) []string {
	var out []string
	for _, c := range regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(line), -1) {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// wholeOrMiddleCut reports whether cell is s whole or s cut in the middle:
// a start of s, "…", an end of s, with at least one character each side.
func wholeOrMiddleCut(cell, s string) bool {
	if cell == s {
		return true
	}
	start, end, ok := strings.Cut(cell, "…")
	return ok && start != "" && end != "" && strings.HasPrefix(s, start) && strings.HasSuffix(s, end)
}

// middleCutIn reports whether a cell of the table out shows s cut in the
// middle.
func middleCutIn(out, s string) bool {
	for _, line := range strings.Split(out, "\n") {
		for _, c := range cellsOf(line) {
			if c != s && wholeOrMiddleCut(c, s) {
				return true
			}
		}
	}
	return false
}

// TestSeededTablesFitTerminal is the issue's acceptance against the data
// of `sonartoken sim --seed 3`: list at 80 columns shows every name whole
// within 80; at 60 (and 50) every name is whole or middle-cut and no two
// rows read the same; review at 80 shows every login and name whole.
func TestSeededTablesFitTerminal(t *testing.T) {
	e := seededEnv(t, 3)
	own := reportRows(t, e, "list")
	all := reportRows(t, e, "review")
	check := func(args []string, width int, toks []tokenJSON, whole bool) {
		t.Helper()
		r := e.runOnTerminal(nil, nil, width, args...).expect(t, 0)
		if w := widest(r.stdout); w > width {
			t.Errorf("%v at %d: %d wide:\n%s", args, width, w, r.stdout)
		}
		lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
		if len(lines) != len(toks)+1 {
			t.Fatalf("%v at %d: %d lines for %d tokens:\n%s", args, width, len(lines), len(toks), r.stdout)
		}
		seen := map[string]bool{}
		for i, tok := range toks {
			line := lines[i+1]
			if seen[line] {
				t.Errorf("%v at %d: two rows read %q", args, width, line)
			}
			seen[line] = true
			cs := cellsOf(line)
			name := cs[0]
			if args[0] == "review" {
				if cs[0] != tok.Login {
					t.Errorf("%v at %d: login %q shows as %q", args, width, tok.Login, cs[0])
				}
				name = cs[1]
			}
			if whole && name != tok.Name || !wholeOrMiddleCut(name, tok.Name) {
				t.Errorf("%v at %d: name %q shows as %q:\n%s", args, width, tok.Name, name, r.stdout)
			}
		}
	}
	check([]string{"list"}, 80, own, true)
	check([]string{"list"}, 60, own, false)
	check([]string{"list"}, 50, own, false)
	check([]string{"review"}, 80, all, true)
	check([]string{"review"}, 60, all, false)
}

// TestCutNamesStayApart: names that differ only near their end (rotated
// copies, numbered bots) are cut in the middle at 40 columns, keep the end
// that tells them apart, names that differ only in their middle show a
// window of it, no two rows read the same and no line is wider than the
// terminal; a project column went before any name was cut.
func TestCutNamesStayApart(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	names := []string{
		"release-bot-2026-12-04-rotated-1204", "release-bot-2026-12-04-rotated-1205",
		"release-bot-2026-12-04-rotated-2204", "scan-payments-api-production-eu-west",
		"scan-payments-api-production-us-west", "scan-payments-api-staging-eu-west",
	}
	// Names apart only in a middle that no cut keeping both ends shows
	// within 40 columns: a window of it (the table widened NAME past the
	// terminal for them: 45-column lines at 40).
	middle := map[string]bool{}
	for _, c := range "ABC" {
		n := strings.Repeat("p", 30) + string(c) + strings.Repeat("p", 30)
		names, middle[n] = append(names, n), true
	}
	slices.Sort(names) // list's order
	for _, n := range names {
		e.issue(sonarsim.TokenSpec{Login: "dev", Name: n, CreatedAt: now.Add(-24 * time.Hour)})
	}
	for _, width := range []int{40, 30} {
		r := e.runOnTerminal(nil, nil, width, "list", "--login", "dev").expect(t, 0)
		lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
		if h := cellsOf(lines[0]); !slices.Equal(h, []string{"NAME", "EXPIRES"}) {
			t.Errorf("at %d, columns %q, want NAME and EXPIRES only:\n%s", width, h, r.stdout)
		}
		if w := widest(r.stdout); w > width {
			t.Errorf("at %d: %d wide:\n%s", width, w, r.stdout)
		}
		seen := map[string]bool{}
		for i, n := range names {
			line := lines[i+1]
			name := cellsOf(line)[0]
			shown := wholeOrMiddleCut(name, n)
			if middle[n] {
				shown = strings.HasPrefix(name, "…") && strings.HasSuffix(name, "…") && strings.Contains(n, strings.Trim(name, "…"))
			}
			if !strings.Contains(name, "…") || !shown {
				t.Errorf("at %d: %q shows as %q", width, n, name)
			}
			if seen[name] {
				t.Errorf("at %d: two names read %q:\n%s", width, name, r.stdout)
			}
			seen[name] = true
		}
	}
}

// TestBordersAndDropOrder: from 100 columns a table whose every column
// fits keeps its borders; below, columns stand two spaces apart and go in
// the documented order: STATUS (EXPIRES then says expired, in N days,
// never), CREATED, the expired day, LAST USE, PROJECT, TYPE.
func TestBordersAndDropOrder(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.runOnTerminal(nil, nil, 120, "list").expect(t, 0)
	if !strings.Contains(r.stdout, "╭") || !strings.Contains(r.stdout, "│ STATUS") {
		t.Errorf("at 120, no borders:\n%s", r.stdout)
	}
	for _, c := range []struct {
		width   int
		headers []string
		expired string
	}{
		{99, []string{"NAME", "TYPE", "PROJECT", "LAST USE", "CREATED", "EXPIRES", "STATUS"}, "2026-02-28"},
		{80, []string{"NAME", "TYPE", "PROJECT", "LAST USE", "CREATED", "EXPIRES"}, "expired 2026-02-28"},
		{70, []string{"NAME", "TYPE", "PROJECT", "LAST USE", "EXPIRES"}, "expired 2026-02-28"},
		{60, []string{"NAME", "TYPE", "PROJECT", "LAST USE", "EXPIRES"}, "expired"},
		{52, []string{"NAME", "TYPE", "PROJECT", "EXPIRES"}, "expired"},
		{44, []string{"NAME", "TYPE", "EXPIRES"}, "expired"},
		{30, []string{"NAME", "EXPIRES"}, "expired"},
		{25, []string{"NAME", "EXPIRES"}, "expired"},
	} {
		r := e.runOnTerminal(nil, nil, c.width, "list").expect(t, 0)
		lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
		if h := cellsOf(lines[0]); !slices.Equal(h, c.headers) || strings.ContainsAny(r.stdout, "│╭") {
			t.Errorf("at %d: columns %q, want %q:\n%s", c.width, h, c.headers, r.stdout)
			continue
		}
		if w := widest(r.stdout); w > c.width {
			t.Errorf("at %d: %d wide:\n%s", c.width, w, r.stdout)
		}
		row := cellsOf(lines[1]) // expired-ci
		if row[0] != "expired-ci" || !slices.Contains(row, c.expired) {
			t.Errorf("at %d: the expired row reads %q, want a cell %q:\n%s", c.width, row, c.expired, r.stdout)
		}
		if c.width < 99 && !strings.Contains(r.stdout, "in 3 days") {
			t.Errorf("at %d: the expiring token does not say when:\n%s", c.width, r.stdout)
		}
	}
}

// TestHostileNamesFitTerminal: names with escapes and wide characters
// fit by what they show: an escape widens a name, a wide character counts
// two cells, a cut never shows half of an escape, and no line is wider
// than the terminal.
func TestHostileNamesFitTerminal(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	names := []string{
		"evil\x1b]52;c;UFdORUQ=\a-ci-token-with-an-escape",
		"\u202egnp.exe-reversed-name-of-a-long-token",
		"日本語のトークン名とても長いトークンの名前です",
		"ｆｕｌｌｗｉｄｔｈ－ｔｏｋｅｎ－ｎａｍｅ",
	}
	for _, n := range names {
		e.issue(sonarsim.TokenSpec{Login: "dev", Name: n, CreatedAt: now.Add(-24 * time.Hour)})
	}
	for _, width := range []int{120, 80, 60, 40, 30} {
		r := e.runOnTerminal(nil, map[string]string{"NO_COLOR": "1"}, width, "list", "--login", "dev").expect(t, 0)
		assertTerminalSafe(t, "list", r.stdout)
		if w := widest(r.stdout); w > width {
			t.Errorf("at %d: %d wide:\n%s", width, w, r.stdout)
		}
		for _, line := range strings.Split(r.stdout, "\n") {
			if i := strings.Index(line, `\x1`); i >= 0 && !strings.HasPrefix(line[i:], `\x1b`) || strings.Contains(line, `\u202…`) || strings.Contains(line, `\…`) {
				t.Errorf("at %d: half an escape in %q", width, line)
			}
		}
		if width >= 80 && !strings.Contains(r.stdout, names[2]) {
			t.Errorf("at %d: the wide name is cut:\n%s", width, r.stdout)
		}
	}
}

// TestLongProjectCutNotDropped: a long project name is cut in the middle
// rather than its column dropped while the column keeps 12 cells; the
// names stay whole; narrower, the column goes.
func TestLongProjectCutNotDropped(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	must(t, e.sim.AddProject(sonarsim.ProjectSpec{Key: "admin-console", Name: "Payments Administration Console", ScanLogins: []string{"admin"}}))
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "scan-admin", Type: "PROJECT_ANALYSIS_TOKEN", ProjectKey: "admin-console", CreatedAt: now.Add(-24 * time.Hour)})
	r := e.runOnTerminal(nil, nil, 80, "list").expect(t, 0)
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if h := cellsOf(lines[0]); !slices.Equal(h, []string{"NAME", "TYPE", "PROJECT", "LAST USE", "EXPIRES"}) || widest(r.stdout) > 80 {
		t.Fatalf("at 80: columns %q, %d wide:\n%s", h, widest(r.stdout), r.stdout)
	}
	if !middleCutIn(r.stdout, "Payments Administration Console") || !strings.Contains(r.stdout, "The App") || !strings.Contains(r.stdout, "sonartoken-console") {
		t.Errorf("at 80 the project is not cut in the middle, or a short one or a name is cut:\n%s", r.stdout)
	}
	r = e.runOnTerminal(nil, nil, 44, "list").expect(t, 0)
	if h := cellsOf(headerOf(r.stdout)); !slices.Equal(h, []string{"NAME", "TYPE", "EXPIRES"}) {
		t.Errorf("at 44: columns %q:\n%s", h, r.stdout)
	}
}
