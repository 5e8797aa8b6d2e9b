//go:build linux

package cli

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

func TestReviewRevokeRefusals(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, args := range [][]string{
		{"review", "--revoke"},
		{"review", "--revoke", "--yes", "--type", "user"},
		{"review", "--yes", "--status", "expired"},
		{"review", "--status", "expired", "--revoke", "--yes", "--read-only"},
		{"--read-only", "review", "--status", "expired", "--revoke"},
		{"review", "--status", "expired", "--revoke", "--fail-on", "expired"},
		{"generate", "x", "--read-only"},
		{"revoke", "laptop", "--read-only"},
		{"rotate", "laptop", "--read-only"},
	} {
		r := e.run(args...)
		if r.code != ExitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, r.code, ExitUsage, r.stderr)
		}
	}
	if !e.hasToken("admin", "expired-ci") || !e.hasToken("admin", "laptop") || e.hasToken("admin", "x") {
		t.Errorf("a refused command changed the server: %v", e.tokenNames("admin"))
	}
	for _, r := range e.sim.Requests() {
		if strings.Contains(r.Path, "revoke") || strings.Contains(r.Path, "generate") {
			t.Errorf("a refused command sent %s %s", r.Method, r.Path)
		}
	}
}

func TestReviewRevokeDryRunThenYes(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "old-dev", CreatedAt: now.Add(-400 * 24 * time.Hour), ExpiresAt: ptr(now.Add(-100 * 24 * time.Hour))})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "fresh", CreatedAt: now.Add(-time.Hour)})

	r := e.run("review", "--status", "expired", "--revoke").expect(t, 0)
	for _, want := range []string{"expired-ci", "old-dev", "Dry run: 2 tokens would be revoked. Run again with --yes to revoke them."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("dry run lacks %q:\n%s", want, r.stdout)
		}
	}
	if !e.hasToken("admin", "expired-ci") || !e.hasToken("dev", "old-dev") {
		t.Fatal("the dry run revoked")
	}

	r = e.run("review", "--status", "expired", "--revoke", "--yes").expect(t, 0)
	for _, want := range []string{`revoked admin "expired-ci"`, `revoked dev "old-dev"`, "Revoked 2 tokens."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--yes lacks %q:\n%s", want, r.stdout)
		}
	}
	if e.hasToken("admin", "expired-ci") || e.hasToken("dev", "old-dev") || !e.hasToken("dev", "fresh") || !e.hasToken("admin", "laptop") {
		t.Errorf("after --yes: admin %v, dev %v", e.tokenNames("admin"), e.tokenNames("dev"))
	}
	got := e.auditEntries()
	if len(got) != 2 || got[0].Action != audit.Revoke || got[0].Outcome != audit.OK || got[0].Name != "expired-ci" || got[1].Login != "dev" || got[1].Name != "old-dev" || got[1].Actor != "admin" {
		t.Errorf("audit: %+v", got)
	}
}

// TestReviewRevokeKeepsTheSessionToken: the console token is active, as
// are laptop and a token of dev; only the one that may be the token
// sonartoken signs in with stays, and the output says so.
func TestReviewRevokeKeepsTheSessionToken(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "dev-active", CreatedAt: now.Add(-time.Hour), ExpiresAt: ptr(now.Add(60 * 24 * time.Hour))})
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "other-active", CreatedAt: now.Add(-time.Hour), ExpiresAt: ptr(now.Add(200 * 24 * time.Hour))})
	r := e.run("review", "--status", "active", "--revoke", "--yes").expect(t, 0)
	if !strings.Contains(r.stdout, `kept admin "sonartoken-console": it may be the token sonartoken is signed in with`) {
		t.Errorf("no word of the session token:\n%s", r.stdout)
	}
	if !e.hasToken("admin", "sonartoken-console") || e.hasToken("admin", "other-active") || e.hasToken("dev", "dev-active") {
		t.Errorf("after --yes: admin %v, dev %v", e.tokenNames("admin"), e.tokenNames("dev"))
	}
	// The session still works.
	e.run("list").expect(t, 0)
}

func TestReviewRevokeReportsEachFailure(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "old-dev", CreatedAt: now.Add(-400 * 24 * time.Hour), ExpiresAt: ptr(now.Add(-100 * 24 * time.Hour))})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, PathPrefix: "/api/user_tokens/revoke", Status: 400, Body: `{"errors":[{"msg":"Revocation disabled"}]}`, Count: 1})
	r := e.run("review", "--status", "expired", "--revoke", "--yes").expect(t, ExitError)
	if !strings.Contains(r.stdout, `failed admin "expired-ci": `) || !strings.Contains(r.stdout, "Revocation disabled") || !strings.Contains(r.stdout, `revoked dev "old-dev"`) {
		t.Errorf("results:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "1 of 2 revocations failed") {
		t.Errorf("stderr: %s", r.stderr)
	}
	got := e.auditEntries()
	if len(got) != 2 || got[0].Outcome != audit.Failed || !strings.Contains(got[0].Error, "Revocation disabled") || got[1].Outcome != audit.OK {
		t.Errorf("audit: %+v", got)
	}
}

// TestReviewRevokeKeepsTheSessionTokenWithoutTheHeader: behind a proxy
// that drops the SonarQube-Authentication-Token-Expiration header,
// housekeeping printed `revoked admin "sonartoken-console"` (the token it
// was signed in with, which expires) and the session then got 401. Now
// every unexpired user token of admin's is kept, each with the reason.
func TestReviewRevokeKeepsTheSessionTokenWithoutTheHeader(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "dev-active", CreatedAt: now.Add(-time.Hour), ExpiresAt: ptr(now.Add(60 * 24 * time.Hour))})
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "other-active", CreatedAt: now.Add(-time.Hour), ExpiresAt: ptr(now.Add(200 * 24 * time.Hour))})
	var console *time.Time
	for _, tok := range e.sim.Tokens("admin") {
		if tok.Name == "sonartoken-console" {
			console = tok.ExpiresAt
		}
	}
	if console == nil {
		t.Fatal("the console's token has no expiry: the server would send no header anyway")
	}
	lie(e, func(*http.Request, map[string]any) {}) // a proxy that passes JSON on, without the header
	const why = `: it may be the token sonartoken is signed in with (the server sent no SonarQube-Authentication-Token-Expiration header, so any of admin's unexpired user tokens may be)`

	r := e.run("review", "--status", "active", "--revoke").expect(t, 0)
	for _, want := range []string{`kept admin "sonartoken-console"` + why, `kept admin "other-active"` + why, "Dry run: 1 token would be revoked."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("dry run lacks %q:\n%s", want, r.stdout)
		}
	}
	r = e.run("review", "--status", "active", "--revoke", "--yes").expect(t, 0)
	if !strings.Contains(r.stdout, `kept admin "sonartoken-console"`+why) || !strings.Contains(r.stdout, `revoked dev "dev-active"`) || strings.Contains(r.stdout, "revoked admin") {
		t.Errorf("--yes:\n%s", r.stdout)
	}
	if !e.hasToken("admin", "sonartoken-console") || !e.hasToken("admin", "other-active") || e.hasToken("dev", "dev-active") {
		t.Errorf("after --yes: admin %v, dev %v", e.tokenNames("admin"), e.tokenNames("dev"))
	}
	// The session still works.
	e.run("list").expect(t, 0)
}
