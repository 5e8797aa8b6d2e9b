package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// Names a SonarQube user may give their tokens, display name and project
// to take over the terminal of whoever lists them.
const (
	evilName  = "evil\x1b]52;c;UFdORUQ=\a\x1b]0;PWNED\a\x1b[2J"
	bidiName  = "report\u202egpj.exe"
	c1Name    = "c1\u009b31mred\u0085"
	splitName = "two\nlines\r\tdel\x7f"
	evilUser  = "Mallory\x1b[2J\u2066"
	evilProj  = "Proj\x1b]0;TITLE\a\u202e"
)

// newHostileEnv is newTestEnv plus a user mallory whose display name,
// tokens and project carry terminal controls.
func newHostileEnv(t *testing.T) *testEnv {
	e := newTestEnv(t, sonarsim.Options{})
	must(t, e.sim.AddUser(sonarsim.UserSpec{Login: "mallory", Name: evilUser}))
	must(t, e.sim.AddProject(sonarsim.ProjectSpec{Key: "hostile", Name: evilProj, ScanLogins: []string{"mallory"}}))
	for _, n := range []string{evilName, bidiName, c1Name, splitName} {
		e.issue(sonarsim.TokenSpec{Login: "mallory", Name: n, CreatedAt: now.Add(-48 * time.Hour)})
	}
	e.issue(sonarsim.TokenSpec{Login: "mallory", Name: "on-project", Type: "PROJECT_ANALYSIS_TOKEN", ProjectKey: "hostile", CreatedAt: now.Add(-48 * time.Hour)})
	return e
}

// assertTerminalSafe fails when out holds a byte a terminal acts on: a
// control below 0x20 other than newline, DEL, a C1 control, a bidi
// control or a line separator.
func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		bad := (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
			r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) ||
			(r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029 || r == utf8.RuneError
		if bad {
			t.Fatalf("%s holds %U at byte %d:\n%q", what, r, i, out)
		}
	}
}

func TestHostileNamesListPiped(t *testing.T) {
	e := newHostileEnv(t)
	for _, args := range [][]string{
		{"list", "--login", "mallory"},
		{"review", "--login", "mallory"},
		{"review"},
	} {
		r := e.run(args...).expect(t, ExitOK)
		assertTerminalSafe(t, strings.Join(args, " ")+" stdout", r.stdout)
		assertTerminalSafe(t, strings.Join(args, " ")+" stderr", r.stderr)
		for _, want := range []string{
			`evil\e]52;c;UFdORUQ=\a\e]0;PWNED\a\e[2J`, `report\u202egpj.exe`, `c1\u009b31mred\u0085`, `two\nlines\r\tdel\x7f`,
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%v: stdout lacks %s:\n%s", args, want, r.stdout)
			}
		}
		// One line per token: the newline in a name does not split its row.
		if n := strings.Count(r.stdout, "\n"); args[0] == "list" && n != 6 {
			t.Errorf("%v: %d lines, want a title and 5 rows:\n%s", args, n, r.stdout)
		}
		if !strings.Contains(r.stderr, "4 tokens hold control or invisible characters") {
			t.Errorf("%v: stderr does not explain the escapes:\n%s", args, r.stderr)
		}
	}
}

func TestHostileNamesListTerminal(t *testing.T) {
	e := newHostileEnv(t)
	r := e.runWith(runOpts{terminal: true, vars: map[string]string{"NO_COLOR": "1"}}, "review", "--login", "mallory").expect(t, ExitOK)
	assertTerminalSafe(t, "review table", r.stdout)
	if !strings.Contains(r.stdout, `evil\e]52;c;UFdORUQ=\a\e]0;PWNED\a\e[2J`) {
		t.Errorf("the table does not show the name with visible escapes:\n%s", r.stdout)
	}
}

func TestHostileNamesJSONExactAndEscaped(t *testing.T) {
	e := newHostileEnv(t)
	for _, args := range [][]string{{"list", "--login", "mallory", "--json"}, {"review", "--login", "mallory", "--json"}} {
		r := e.run(args...).expect(t, ExitOK)
		assertTerminalSafe(t, strings.Join(args, " "), r.stdout)
		for _, esc := range []string{`\u202e`, `\u009b`, `\u0085`, `\u007f`, `\u001b`} {
			if !strings.Contains(r.stdout, esc) {
				t.Errorf("%v: JSON lacks %s:\n%s", args, esc, r.stdout)
			}
		}
		var got []tokenJSON
		must(t, json.Unmarshal([]byte(r.stdout), &got))
		names := map[string]bool{}
		for _, tok := range got {
			names[tok.Name] = true
			if tok.Project != nil && tok.Project.Name != evilProj {
				t.Errorf("project name %q, want %q", tok.Project.Name, evilProj)
			}
		}
		for _, n := range []string{evilName, bidiName, c1Name, splitName} {
			if !names[n] {
				t.Errorf("%v: JSON lost the exact name %q: %v", args, n, names)
			}
		}
	}
}

func TestHostileNamesErrorsAndStatus(t *testing.T) {
	e := newHostileEnv(t)
	// The server's own message quotes the name: "A user token for login
	// 'mallory' and name '…' already exists".
	r := e.run("generate", "--login", "mallory", evilName)
	if r.code == ExitOK {
		t.Fatalf("generating a duplicate succeeded:\n%s", r.stderr)
	}
	assertTerminalSafe(t, "generate's error", r.stderr)
	if !strings.Contains(r.stderr, `\e]52;`) {
		t.Errorf("the error does not show the name with visible escapes:\n%s", r.stderr)
	}

	// auth status names the user by its display name.
	tok := e.issue(sonarsim.TokenSpec{Login: "mallory", Name: "console", CreatedAt: now})
	r = e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": tok}}, "auth", "status").expect(t, ExitOK)
	assertTerminalSafe(t, "auth status", r.stdout+r.stderr)
	if !strings.Contains(r.stdout, `Mallory\e[2J\u2066 (mallory)`) {
		t.Errorf("auth status does not show the display name escaped:\n%s", r.stdout)
	}
}

// TestHostileNameRotate: the replacement of an odd name is named after
// its escaped form, and the messages name both alike.
func TestHostileNameRotate(t *testing.T) {
	e := newHostileEnv(t)
	r := e.run("rotate", "--login", "mallory", evilName).expect(t, ExitOK)
	assertTerminalSafe(t, "rotate's messages", r.stderr)
	want := `evil\e]52;c;UFdORUQ=\a\e]0;PWNED\a\e[2J-20260301`
	if !e.hasToken("mallory", want) || e.hasToken("mallory", evilName) {
		t.Errorf("mallory's tokens %q, want %s in place of the old one", e.tokenNames("mallory"), want)
	}
	if !strings.Contains(r.stderr, `"`+want+`"`) {
		t.Errorf("stderr does not name the replacement:\n%s", r.stderr)
	}
}

func TestEscapeJSONControls(t *testing.T) {
	in := "{\"n\":\"a\x7fb\u0080\u009f\u202a\u202e\u2066\u2069\u200e\u061c ok é 日\"}"
	want := `{"n":"a\u007fb\u0080\u009f\u202a\u202e\u2066\u2069\u200e\u061c ok é 日"}`
	if got := string(reports.EscapeJSONControls([]byte(in))); got != want {
		t.Errorf("EscapeJSONControls = %s, want %s", got, want)
	}
	var back struct{ N string }
	must(t, json.Unmarshal([]byte(want), &back))
	if back.N != "a\x7fb\u0080\u009f\u202a\u202e\u2066\u2069\u200e\u061c ok é 日" {
		t.Errorf("the escaped JSON reads back as %q", back.N)
	}
}

// TestHostileServerTokenValue: a server that answers generate with a
// value carrying controls cannot make them act on a terminal; piped, the
// value stays exact.
func TestHostileServerTokenValue(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	const evil = "squ_\x1b]52;c;UFdORUQ=\a\x1b[2J"
	h := e.sim.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/user_tokens/generate" {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		var body map[string]any
		must(t, json.Unmarshal(rec.Body.Bytes(), &body))
		body["token"] = evil
		w.Header().Set("Content-Type", "application/json")
		must(t, json.NewEncoder(w).Encode(body))
	}))
	t.Cleanup(srv.Close)
	e.vars["SONAR_HOST_URL"] = srv.URL
	r := e.runWith(runOpts{terminal: true}, "generate", "on-terminal").expect(t, ExitOK)
	assertTerminalSafe(t, "generate on a terminal", r.stdout)
	if !strings.Contains(r.stdout, `squ_\e]52;c;UFdORUQ=\a\e[2J`) {
		t.Errorf("stdout %q", r.stdout)
	}
	r = e.run("generate", "piped").expect(t, ExitOK)
	if r.stdout != evil+"\n" {
		t.Errorf("piped stdout %q, want the exact value", r.stdout)
	}
}
