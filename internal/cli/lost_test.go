package cli

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

const (
	generatePath = "/api/user_tokens/generate"
	revokePath   = "/api/user_tokens/revoke"
)

// count returns how many requests the server saw on path.
func (e *testEnv) count(path string) int {
	n := 0
	for _, r := range e.sim.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// tokenCount returns how many tokens of login are named name.
func (e *testEnv) tokenCount(login, name string) int {
	n := 0
	for _, got := range e.tokenNames(login) {
		if got == name {
			n++
		}
	}
	return n
}

// usable checks that value signs in: the token exists with that value.
func (e *testEnv) usable(t *testing.T, value string) {
	t.Helper()
	e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": value}}, "list").expect(t, ExitOK)
}

func wantAll(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// TestGenerateLostAnswerRevokedOnRequest is the acceptance test of the
// CLI: the server creates the token and its answer is dropped; on a
// terminal sonartoken says the value is lost, asks, revokes the token on
// y and generates it again; the server ends with one token of that name,
// the one whose value was printed.
func TestGenerateLostAnswerRevokedOnRequest(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.sim.DropResponses(1, generatePath)
	r := e.runWith(runOpts{stdinTerminal: true, stdin: "y\n"}, "generate", "lost").expect(t, ExitOK)
	wantAll(t, "stderr", r.stderr,
		`Token "lost" was created, but its value was lost on the way and cannot be recovered.`,
		"Revoke it and generate again? [y/N]",
		`Revoked "lost"; generating it again.`,
		`Generated User Token "lost"`)
	value := strings.TrimSpace(r.stdout)
	if !strings.HasPrefix(value, "squ_") || strings.Contains(r.stderr, value) {
		t.Fatalf("stdout %q", r.stdout)
	}
	if n := e.tokenCount("admin", "lost"); n != 1 {
		t.Fatalf("%d tokens named lost", n)
	}
	if g, rv := e.count(generatePath), e.count(revokePath); g != 2 || rv != 1 {
		t.Fatalf("%d generates and %d revokes, want 2 and 1", g, rv)
	}
	e.usable(t, value)
}

// TestGenerateLostAnswerKept: on n the token stays, and the user is told
// how to revoke it.
func TestGenerateLostAnswerKept(t *testing.T) {
	for _, answer := range []string{"n\n", "\n", ""} {
		e := newTestEnv(t, sonarsim.Options{})
		e.sim.DropResponses(1, generatePath)
		r := e.runWith(runOpts{stdinTerminal: true, stdin: answer}, "generate", "lost", "--login", "dev").expect(t, ExitError)
		wantAll(t, "stderr", r.stderr, "cannot be recovered", "[y/N]", "Revoke it with: sonartoken revoke lost --login dev")
		if strings.Contains(r.stderr, "--retry-lost") {
			t.Error("a terminal user is not sent to --retry-lost")
		}
		if r.stdout != "" {
			t.Errorf("stdout %q", r.stdout)
		}
		if !e.hasToken("dev", "lost") || e.count(revokePath) != 0 {
			t.Fatalf("answer %q: the token should be kept, untouched", answer)
		}
	}
}

// TestGenerateLostAnswerScript: a script is not asked; it is told how to
// revoke the token, or with --retry-lost the token is revoked and
// generated again.
func TestGenerateLostAnswerScript(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.sim.DropResponses(1, generatePath)
	r := e.runWith(runOpts{stdin: "y\n"}, "generate", "lost").expect(t, ExitError)
	if strings.Contains(r.stderr, "[y/N]") {
		t.Error("a script was asked")
	}
	wantAll(t, "stderr", r.stderr, "cannot be recovered", "Revoke it with: sonartoken revoke lost", "--retry-lost")
	if !e.hasToken("admin", "lost") {
		t.Fatal("the token the user was told about is gone")
	}

	e.sim.DropResponses(1, generatePath)
	r = e.run("generate", "again", "--retry-lost", "--json").expect(t, ExitOK)
	wantAll(t, "stderr", r.stderr, `Token "again" was created`, `Revoked "again"`)
	if !strings.Contains(r.stdout, `"token": "squ_`) && !strings.Contains(r.stdout, `"token":"squ_`) {
		t.Fatalf("stdout %q", r.stdout)
	}
	if e.tokenCount("admin", "again") != 1 {
		t.Fatal("want exactly one token named again")
	}
}

// TestGenerateLostAnswerRetryBounded: a server that loses every answer is
// tried three times, and the last token, which exists, is reported.
func TestGenerateLostAnswerRetryBounded(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.sim.DropResponses(10, generatePath)
	r := e.run("generate", "flaky", "--retry-lost").expect(t, ExitError)
	if g := e.count(generatePath); g != maxLostAttempts {
		t.Fatalf("%d generates, want %d", g, maxLostAttempts)
	}
	wantAll(t, "stderr", r.stderr, "Revoke it with: sonartoken revoke flaky")
	if e.tokenCount("admin", "flaky") != 1 {
		t.Fatal("the reported token should be the only one left")
	}
}

// TestGenerateLostAnswerUnconfirmed: when the check fails too, the
// outcome is unknown and the user is sent to the list.
func TestGenerateLostAnswerUnconfirmed(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.sim.DropResponses(1, generatePath)
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 500, PathPrefix: "/api/user_tokens/search"})
	r := e.runWith(runOpts{stdinTerminal: true, stdin: "y\n"}, "generate", "maybe").expect(t, ExitError)
	wantAll(t, "stderr", r.stderr, "the outcome is unknown", "may have been created", "sonartoken list")
	if strings.Contains(r.stderr, "[y/N]") {
		t.Error("asked to revoke a token not known to exist")
	}
	e.sim.ClearFaults()
	if !e.hasToken("admin", "maybe") {
		t.Fatal("the test proves nothing: no token was created")
	}
}

// TestRotateLostAnswer: the new token's answer lost, the old token is
// untouched and the new one reported; with --retry-lost the rotation
// completes with one new token.
func TestRotateLostAnswer(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.sim.DropResponses(1, generatePath)
	r := e.run("rotate", "laptop").expect(t, ExitError)
	wantAll(t, "stderr", r.stderr, `Token "laptop-20260301" was created`, "sonartoken revoke laptop-20260301")
	if !e.hasToken("admin", "laptop") || !e.hasToken("admin", "laptop-20260301") {
		t.Fatalf("tokens %v", e.tokenNames("admin"))
	}
	e.run("revoke", "--yes", "laptop-20260301").expect(t, ExitOK)

	e.sim.DropResponses(1, generatePath)
	r = e.run("rotate", "laptop", "--retry-lost").expect(t, ExitOK)
	if e.hasToken("admin", "laptop") || e.tokenCount("admin", "laptop-20260301") != 1 {
		t.Fatalf("tokens %v", e.tokenNames("admin"))
	}
	e.usable(t, strings.TrimSpace(r.stdout))
}

// TestRevokeLostAnswer: a revoke whose answer is lost is confirmed by the
// list and reported as done.
func TestRevokeLostAnswer(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.sim.DropResponses(1, revokePath)
	r := e.run("revoke", "--yes", "laptop").expect(t, ExitOK)
	wantAll(t, "stderr", r.stderr, `Revoked User Token "laptop"`)
	if e.hasToken("admin", "laptop") {
		t.Fatal("not revoked")
	}
}
