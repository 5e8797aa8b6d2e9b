package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestRotateRefusedNewTokenKeepsTheOld: when the server refuses the new
// token (the sim's fault), rotate revokes it before its value goes
// anywhere, keeps the old token, and says why and how to finish; with
// --exec, COMMAND never runs.
func TestRotateRefusedNewTokenKeepsTheOld(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{RefuseNewTokens: true})
	before := e.tokenNames("admin")
	for _, args := range [][]string{
		{"rotate", "laptop"},
		{"rotate", "laptop", "--exec", "cat > \"$DIR/got\""},
	} {
		dir := t.TempDir()
		r := e.runWith(runOpts{environ: execEnviron(dir)}, args...).expect(t, ExitError)
		for _, want := range []string{
			`the new token "laptop-20260301" does not sign in: the server refused the new token (HTTP 401).`,
			`The new token was revoked before its value was handed to anyone, and the old token "laptop" is kept unchanged.`,
			"Once the server accepts new tokens, rotate again with: sonartoken rotate laptop",
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, r.stderr)
			}
		}
		if r.stdout != "" {
			t.Errorf("%v: the value went to stdout: %q", args, r.stdout)
		}
		if _, err := os.Stat(filepath.Join(dir, "got")); err == nil {
			t.Errorf("%v: COMMAND ran", args)
		}
		if got := e.tokenNames("admin"); strings.Join(got, ",") != strings.Join(before, ",") {
			t.Errorf("%v: tokens %v, want %v", args, got, before)
		}
	}
	// The audit log says the rotation failed.
	r := e.run("log", "--json").expect(t, ExitOK)
	if !strings.Contains(r.stdout, `"action": "rotate"`) || !strings.Contains(r.stdout, `"outcome": "failed"`) || !strings.Contains(r.stdout, "does not sign in") {
		t.Errorf("audit log:\n%s", r.stdout)
	}
}

// TestRotateRefusedAndRevokeFails: if revoking the refused new token
// fails too, the message gives the exact command that revokes it, quoted
// for the shell.
func TestRotateRefusedAndRevokeFails(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{RefuseNewTokens: true})
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "it's ci"})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, PathPrefix: "/api/user_tokens/revoke", Status: 503})
	r := e.run("rotate", "it's ci").expect(t, ExitError)
	for _, want := range []string{
		`does not sign in`,
		`The old token "it's ci" is kept, and the value was handed to no one, but revoking the new token failed`,
		`Both tokens exist now. Revoke the new one with: sonartoken revoke 'it'\''s ci-20260301'`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// TestRotateChecksEveryType: a project analysis token's replacement is
// checked too (api/users/current answers every type), as the owner.
func TestRotateChecksEveryType(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.sim.ResetRequests()
	r := e.run("rotate", "scan-app").expect(t, ExitOK)
	if !strings.Contains(r.stderr, "The new token signs in as admin.") {
		t.Errorf("stderr: %s", r.stderr)
	}
	checked := false
	for _, q := range e.sim.Requests() {
		if q.Path == "/api/users/current" && q.Login == "admin" && q.Status == 200 {
			checked = true
		}
	}
	if !checked {
		t.Error("no check of the new token")
	}
	for _, tok := range e.sim.Tokens("admin") {
		if tok.Name == "scan-app-20260301" && tok.LastUsed == nil {
			t.Error("the new token was not the one checked")
		}
	}
}
