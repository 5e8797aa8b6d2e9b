package cli

import (
	"encoding/csv"
	"flag"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// updating reports -update, the flag teatest (imported by the console
// tests of this package) defines.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		must(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	must(t, err)
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./internal/cli -run %s -update to rewrite it):\n--- got\n%s\n--- want\n%s", name, t.Name(), got, want)
	}
}

// newSeededEnv is a seeded simulator (a few users and their tokens),
// with tokens whose names a spreadsheet or Markdown would act on.
func newSeededEnv(t *testing.T) *testEnv {
	t.Helper()
	sim := sonarsim.New(sonarsim.Options{Seed: 16, Users: 4, Projects: 2, Tokens: 10, TokenUserRatio: 0.5, Now: func() time.Time { return now }})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	e := &testEnv{t: t, sim: sim, url: srv.URL, vars: map[string]string{
		"SONAR_HOST_URL": srv.URL,
		"SONAR_TOKEN":    sim.AdminToken(),
		"XDG_STATE_HOME": t.TempDir(),
	}}
	created := now.Add(-10 * 24 * time.Hour)
	for _, name := range []string{"=HYPERLINK(\"http://x\",\"a\")", "+1", "-old", "@sum", "pipe|and`tick`", "*bold* [link](x) <b>"} {
		e.issue(sonarsim.TokenSpec{Login: "admin", Name: name, CreatedAt: created, ExpiresAt: ptr(now.Add(40 * 24 * time.Hour))})
	}
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "esc\x1b[2Jape", CreatedAt: created})
	return e
}

func TestReviewCSVAndMarkdownGoldens(t *testing.T) {
	e := newSeededEnv(t)
	csvOut := e.run("review", "--format", "csv").expect(t, 0).stdout
	golden(t, "review.csv", csvOut)
	md := e.run("review", "--format", "markdown").expect(t, 0).stdout
	golden(t, "review.md", md)
	golden(t, "list.csv", e.run("list", "--format", "csv").expect(t, 0).stdout)

	// The CSV reads back: a header, then one row per token, and no cell a
	// spreadsheet would take for a formula.
	rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	must(t, err)
	n := len(e.run("review", "--json").expect(t, 0).stdout)
	if n == 0 || len(rows) < 2 || strings.Join(rows[0], ",") != "login,name,type,projectKey,createdAt,lastConnectionDate,expirationDate,status,ownerLastSignIn" {
		t.Fatalf("CSV header %v, %d rows", rows[0], len(rows))
	}
	for _, r := range rows[1:] {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("cell %q starts a formula", c)
			}
			if strings.ContainsRune(c, 0x1b) {
				t.Errorf("cell %q holds an escape character", c)
			}
		}
	}
	// Every Markdown table line has as many cell borders as the header.
	var lines []string
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "|") {
			lines = append(lines, l)
		}
	}
	if len(lines) != len(rows)+1 {
		t.Errorf("%d Markdown table lines for %d CSV lines", len(lines), len(rows))
	}
	for _, l := range lines {
		if c, want := strings.Count(l, "|")-strings.Count(l, `\|`), strings.Count(lines[0], "|"); c != want {
			t.Errorf("%d cell borders, want %d: %s", c, want, l)
		}
		for _, c := range mdCells(l) {
			if _, code := mdCodeText(c); !code && strings.Contains(strings.ReplaceAll(c, "\\`", ""), "`") {
				t.Errorf("unescaped backtick outside a code span: %q", l)
			}
		}
		if strings.ContainsRune(l, 0x1b) {
			t.Errorf("escape character: %q", l)
		}
	}
}

// mdCells splits a GFM table row at its unescaped pipes, as the table
// extension does, and unescapes \| in each cell.
func mdCells(line string) []string {
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	if len(cells) > 0 {
		cells = cells[1:] // before the first pipe
	}
	return cells
}

// mdCodeText reads a cell that is a whole code span by CommonMark's rules
// (a backtick run, the text without a run of the same length, the same
// run; one space stripped from each side when both are spaces) and returns
// its text.
func mdCodeText(cell string) (string, bool) {
	n := len(cell) - len(strings.TrimLeft(cell, "`"))
	if n == 0 || len(cell) < 2*n || strings.Repeat("`", n) != cell[len(cell)-n:] {
		return "", false
	}
	inner := cell[n : len(cell)-n]
	for _, run := range strings.FieldsFunc(inner, func(r rune) bool { return r != '`' }) {
		if len(run) == n {
			return "", false
		}
	}
	if len(inner) >= 2 && inner[0] == ' ' && inner[len(inner)-1] == ' ' && strings.Trim(inner, " ") != "" {
		inner = inner[1 : len(inner)-1]
	}
	return inner, true
}

// mdAttacks are token names that Markdown or GitHub would turn into links,
// mentions, references, formatting or HTML.
var mdAttacks = []string{
	"https://evil.example/login", "http://evil.example", "www.evil.example", "ftp://evil.example",
	"@octo-org/admins", "@mona", "#123", "GH-42", "john@example.com", "mailto:a@evil.example",
	"_em_", "**strong**", "~~del~~", "a`b", "`tick", "tick`", "pipe|x", `back\|slash`,
	"<img src=x onerror=alert(1)>", "[x](https://evil.example)", "![i](https://evil.example/i.png)", ":+1:",
}

// TestMarkdownStaysText: every name a report shows is text in a GitHub
// issue, never a link, a mention, a reference or formatting. Each outside
// cell is a code span whose text is the name (as Printable shows it); when
// cmark-gfm (GitHub's own parser) is installed, its HTML is checked too.
func TestMarkdownStaysText(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, n := range mdAttacks {
		e.issue(sonarsim.TokenSpec{Login: "dev", Name: n, CreatedAt: now.Add(-time.Hour)})
	}
	md := e.run("list", "--login", "dev", "--format", "markdown").expect(t, 0).stdout
	names := map[string]bool{}
	for _, l := range strings.Split(md, "\n") {
		cells := mdCells(l)
		if len(cells) < 2 || cells[0] == "Login" || strings.HasPrefix(cells[0], "---") {
			continue
		}
		for i, c := range cells[:2] {
			text, ok := mdCodeText(c)
			if !ok {
				t.Errorf("cell %d is not a code span: %q", i, l)
			}
			if i == 1 {
				names[text] = true
			}
		}
	}
	for _, n := range mdAttacks {
		if !names[n] {
			t.Errorf("no cell reads %q:\n%s", n, md)
		}
	}

	cmark, err := exec.LookPath("cmark-gfm")
	if err != nil {
		t.Skip("cmark-gfm is not installed (apt-get install cmark-gfm): the HTML check is skipped")
	}
	cmd := exec.Command(cmark, "--extension", "table", "--extension", "autolink", "--extension", "strikethrough")
	cmd.Stdin = strings.NewReader(md)
	html, err := cmd.Output()
	must(t, err)
	body := string(html)
	for _, bad := range []string{"<a ", "<em>", "<del>", "<img", "<strong>" + "#"} {
		if strings.Contains(body, bad) {
			t.Errorf("cmark-gfm renders %s:\n%s", bad, body)
		}
	}
	if strings.Count(body, "<strong>") != 1 { // the summary's count only
		t.Errorf("cmark-gfm renders bold text:\n%s", body)
	}
	for _, n := range mdAttacks {
		esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(n)
		if !strings.Contains(body, "<td><code>"+esc+"</code></td>") {
			t.Errorf("cmark-gfm does not show %q as code:\n%s", n, body)
		}
	}
}

func TestFormatFlag(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, args := range [][]string{
		{"review", "--format", "xml"},
		{"review", "--json", "--format", "csv"},
		{"list", "--format", "yaml"},
	} {
		e.run(args...).expect(t, ExitUsage)
	}
	j := e.run("list", "--format", "json").expect(t, 0).stdout
	if j != e.run("list", "--json").expect(t, 0).stdout || !strings.Contains(j, `"name": "laptop"`) || strings.Contains(j, `"server"`) {
		t.Errorf("--format json is not --json:\n%s", j)
	}
	md := e.run("list", "--format", "markdown").expect(t, 0).stdout
	if !strings.HasPrefix(md, "**4 tokens** on 2026-03-01: 1 expired, 1 expiring within 7 days, 1 active, 1 without expiration.") {
		t.Errorf("list markdown summary:\n%s", md)
	}
	// An empty report in CSV is still a header, for the script reading it.
	out := e.run("review", "--login", "dev", "--format", "csv").expect(t, 0).stdout
	if out != strings.Join(reports.CSVHeader, ",")+",ownerLastSignIn\n" {
		t.Errorf("empty CSV %q", out)
	}
}

func TestFailOnExitsSixAfterTheReport(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"review", "--fail-on", "expired"}, ExitFailOn},
		{[]string{"review", "--status", "active,no-expiration", "--fail-on", "expired,expiring"}, 0},
		{[]string{"review", "--status", "no-expiration", "--fail-on", "no-expiration"}, ExitFailOn},
		{[]string{"list", "--fail-on", "never-used"}, ExitFailOn},
		{[]string{"list", "--unused-for", "7d", "--fail-on", "never-used,expired"}, ExitFailOn},
		{[]string{"list", "--unused-for", "30d", "--fail-on", "unused"}, ExitFailOn},
		{[]string{"list", "--unused-for", "90d", "--fail-on", "unused"}, 0},
		{[]string{"list", "--login", "dev", "--fail-on", "expired,expiring,no-expiration,never-used"}, 0},
		{[]string{"list", "--fail-on", "unused"}, ExitUsage},
		{[]string{"list", "--fail-on", "broken"}, ExitUsage},
	}
	for _, c := range cases {
		r := e.run(c.args...)
		if r.code != c.code {
			t.Errorf("%v: exit %d, want %d\nstderr: %s", c.args, r.code, c.code, r.stderr)
			continue
		}
		if c.code == ExitFailOn && (!strings.Contains(r.stdout, "NAME") || !strings.Contains(r.stderr, "(--fail-on)")) {
			t.Errorf("%v: the report or the reason is missing:\nstdout: %s\nstderr: %s", c.args, r.stdout, r.stderr)
		}
	}
	r := e.run("review", "--format", "markdown", "--fail-on", "expired").expect(t, ExitFailOn)
	if !strings.Contains(r.stdout, "| `admin` | 2026-03-01 | `expired-ci` |") {
		t.Errorf("markdown report before exit 6:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "1 reported token is expired (--fail-on)") {
		t.Errorf("stderr: %s", r.stderr)
	}
}
