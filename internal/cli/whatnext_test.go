package cli

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// nothingConfigured removes the server and the token from the
// environment: a new user's first run (the harness has no configuration
// file and no keychain).
var nothingConfigured = runOpts{vars: map[string]string{"SONAR_HOST_URL": "", "SONAR_TOKEN": ""}}

// TestNothingConfiguredSaysWhatToDo: every command that needs a server,
// and the console without a terminal, name sonartoken auth login and
// --demo when no server is configured, and exit 2.
func TestNothingConfiguredSaysWhatToDo(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, args := range [][]string{
		{}, {"list"}, {"review"}, {"generate", "x"}, {"revoke", "x", "--yes"}, {"rotate", "x"}, {"auth", "status"},
	} {
		r := e.runWith(nothingConfigured, args...).expect(t, ExitUsage)
		for _, want := range []string{"no SonarQube server is configured", "sonartoken auth login", "sonartoken --demo", "SONAR_HOST_URL"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%v: no %q in:\n%s", args, want, r.stderr)
			}
		}
		if strings.Contains(r.stderr, "--help") {
			t.Errorf("%v: the help is no answer to a missing server:\n%s", args, r.stderr)
		}
	}
	// A server without a token names auth login too.
	r := e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": ""}}, "list").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "no token") || !strings.Contains(r.stderr, "sonartoken auth login") {
		t.Errorf("no token:\n%s", r.stderr)
	}
}

// TestMistypedCommandSuggests: a mistyped command gets cobra's
// suggestions, also when a flag of the meant command follows, and under
// auth; a word near no command lists them.
func TestMistypedCommandSuggests(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"lst"}, "sonartoken: unknown command \"lst\". Did you mean list?\nRun 'sonartoken --help' for usage.\n"},
		{[]string{"lst", "--json"}, "Did you mean list?"},
		{[]string{"--url", "http://x", "lst"}, "Did you mean list?"},
		{[]string{"rewoke", "laptop"}, "Did you mean revoke?"},
		{[]string{"auth", "logn"}, `unknown command "logn" for auth. Did you mean login?`},
		{[]string{"frobnicate"}, "Its commands: auth, completion, generate, list, log, review, revoke, rotate, sim, version."},
		{[]string{"list", "extra"}, `sonartoken: list takes no arguments, but was given "extra".`},
	} {
		r := e.run(c.args...).expect(t, ExitUsage)
		if !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: no %q in:\n%s", c.args, c.want, r.stderr)
		}
	}
	// A hostile word is escaped.
	r := e.run("l\x1b]52;c;aGk=\x07st").expect(t, ExitUsage)
	if strings.ContainsAny(r.stderr, "\x1b\x07") {
		t.Errorf("a control character reached the terminal: %q", r.stderr)
	}
	// auth alone still shows its help.
	if r := e.run("auth").expect(t, ExitOK); !strings.Contains(r.stdout, "Available Commands") {
		t.Errorf("auth: %s", r.stdout)
	}
}

// TestMissingArgumentSentence: a missing argument gets a sentence and
// the usage line, the same way for every command that takes one.
func TestMissingArgumentSentence(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"revoke"}, "sonartoken: revoke needs NAME, the name of the token to revoke.\nUsage: sonartoken revoke NAME [flags]\n"},
		{[]string{"generate"}, "sonartoken: generate needs NAME, the name of the new token.\nUsage: sonartoken generate NAME [flags]\n"},
		{[]string{"rotate"}, "sonartoken: rotate needs NAME, the name of the token to replace.\nUsage: sonartoken rotate NAME [flags]\n"},
		{[]string{"completion"}, "sonartoken: completion needs bash|zsh|fish|powershell, the shell to write the script for."},
		{[]string{"completion", "tcsh"}, `sonartoken: completion: "tcsh" is not one of bash, zsh, fish or powershell.`},
		{[]string{"generate", "my", "token"}, `sonartoken: generate takes one NAME, but was given 2: "my" "token". Quote a NAME that has spaces: sonartoken generate 'my token'`},
	} {
		r := e.run(c.args...).expect(t, ExitUsage)
		if !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: no %q in:\n%s", c.args, c.want, r.stderr)
		}
		if strings.Contains(r.stderr, "arg(s)") {
			t.Errorf("%v: cobra's words:\n%s", c.args, r.stderr)
		}
	}
}

// TestRevokeNamesTheNearest: a name the user has no token of gets the
// nearest existing names, escaped.
func TestRevokeNamesTheNearest(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "laptop-2023", CreatedAt: now})
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "laptop-22\x1b[2J", CreatedAt: now})
	r := e.run("revoke", "laptop-223", "--yes").expect(t, ExitNotFound)
	want := `admin has no token named "laptop-223". Did you mean "laptop-2023", "laptop" or "laptop-22\e[2J"? (see sonartoken list)`
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}
	if strings.Contains(r.stderr, "\x1b") {
		t.Errorf("a control character reached the terminal: %q", r.stderr)
	}
	r = e.run("revoke", "zzzzzz", "--yes").expect(t, ExitNotFound)
	if strings.Contains(r.stderr, "Did you mean") {
		t.Errorf("a name near none: %s", r.stderr)
	}
}

// TestRevokeAsks: on a terminal revoke asks, and only yes revokes; without
// a terminal it needs --yes and exits 2 before connecting.
func TestRevokeAsks(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, answer := range []string{"\n", "n\n", "no\n", ""} {
		r := e.runWith(runOpts{stdin: answer, stdinTerminal: true}, "revoke", "laptop").expect(t, ExitError)
		if !strings.Contains(r.stderr, `Revoke User Token "laptop" for admin`) || !strings.Contains(r.stderr, "[y/N]") || !strings.Contains(r.stderr, "Nothing revoked.") {
			t.Errorf("answer %q: %s", answer, r.stderr)
		}
		if !e.hasToken("admin", "laptop") {
			t.Fatalf("answer %q revoked laptop", answer)
		}
	}
	e.sim.ResetRequests()
	r := e.run("revoke", "laptop").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "standard input is not a terminal: pass --yes") {
		t.Errorf("without a terminal: %s", r.stderr)
	}
	if len(e.sim.Requests()) != 0 {
		t.Errorf("without a terminal and --yes, revoke asked the server: %v", e.sim.Requests())
	}
	e.runWith(runOpts{stdin: "y\n", stdinTerminal: true}, "revoke", "laptop").expect(t, ExitOK)
	if e.hasToken("admin", "laptop") {
		t.Fatal("y did not revoke laptop")
	}
	e.runWith(runOpts{stdinTerminal: true}, "revoke", "scan-app", "-y").expect(t, ExitOK)
	if e.hasToken("admin", "scan-app") {
		t.Fatal("-y did not revoke scan-app")
	}
}
