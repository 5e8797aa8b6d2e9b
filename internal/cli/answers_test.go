//go:build linux

package cli

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// answerFor makes token searches for the login asked answer those of
// instead (a proxy that drops or rewrites the login parameter).
func answerFor(asked, instead string) func(r *http.Request, body map[string]any) {
	return func(r *http.Request, body map[string]any) {
		if r.URL.Path == "/api/user_tokens/search" && body == nil && r.Form.Get("login") == asked {
			r.Form.Set("login", instead)
		}
	}
}

// TestReviewRefusesAnotherUsersTokens: a search for dev answered with
// admin's tokens was listed, and revoked, as dev's. Now dev's tokens are
// missing from the report, said so, and nothing is revoked under dev.
func TestReviewRefusesAnotherUsersTokens(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "dev-old", CreatedAt: now.Add(-400 * 24 * time.Hour), ExpiresAt: ptr(now.Add(-24 * time.Hour))})
	lie(e, answerFor("dev", "admin"))
	const refusal = `The server answered api/user_tokens/search for the tokens of "dev" with the tokens of "admin": the answer was refused, and none of its tokens is listed or revoked as another user's.`

	r := e.run("review", "--login", "dev", "--status", "expired", "--revoke", "--yes").expect(t, ExitError)
	if !strings.Contains(r.stderr, refusal) || strings.Contains(r.stdout, "expired-ci") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	r = e.run("review", "--json").expect(t, ExitError)
	logins := reviewLogins(t, r.stdout)
	if logins["dev"] != 0 || logins["admin"] != 4 {
		t.Errorf("the report lists %v", logins)
	}
	if !strings.Contains(r.stderr, "the tokens of 1 user, which could not be read:\n  dev: "+refusal) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	r = e.run("list", "--login", "dev").expect(t, ExitError)
	if !strings.Contains(r.stderr, refusal) {
		t.Errorf("list stderr:\n%s", r.stderr)
	}
	if n := e.countRequests("/api/user_tokens/revoke"); n != 0 {
		t.Errorf("%d revokes sent", n)
	}
	if !e.hasToken("admin", "expired-ci") || !e.hasToken("dev", "dev-old") {
		t.Errorf("tokens revoked: admin %v, dev %v", e.tokenNames("admin"), e.tokenNames("dev"))
	}
}

// TestListRefusesAnotherUsersTokensAsOwn: the signed-in user's own
// tokens answered with another user's are refused too.
func TestListRefusesAnotherUsersTokensAsOwn(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "laptop", CreatedAt: now.Add(-time.Hour)})
	lie(e, func(r *http.Request, body map[string]any) {
		if r.URL.Path == "/api/user_tokens/search" && body == nil && r.Form.Get("login") == "" {
			r.Form.Set("login", "dev")
		}
	})
	r := e.run("list").expect(t, ExitError)
	if !strings.Contains(r.stderr, `The server answered api/user_tokens/search for your own tokens ("admin") with the tokens of "dev"`) || r.stdout != "" {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	// revoke asks the signed-in user first, then the tokens: dev's laptop
	// is not revoked as admin's.
	r = e.run("revoke", "laptop", "--yes")
	if r.code == ExitOK || !e.hasToken("dev", "laptop") || !e.hasToken("admin", "laptop") {
		t.Errorf("revoke: exit %d\n%s%s\nadmin %v, dev %v", r.code, r.stdout, r.stderr, e.tokenNames("admin"), e.tokenNames("dev"))
	}
}
