package sonarsim

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestCloudIgnoresLogin: on Cloud the login parameter of the three token
// endpoints is ignored: every call acts on the caller's own tokens, even
// an administrator's call naming another user.
func TestCloudIgnoresLogin(t *testing.T) {
	f := newFixture(t, Options{Cloud: true})
	admin := f.tok["admin"]

	r := f.get("/api/user_tokens/search", admin, vals("login", "alice"))
	wantStatus(t, r, http.StatusOK)
	if m := r.json(t); m["login"] != "admin" || strings.Contains(r.body, `"main"`) {
		t.Errorf("search with login=alice answered %s", r.body)
	}

	r = f.post("/api/user_tokens/generate", admin, vals("name", "mine", "login", "alice"))
	wantStatus(t, r, http.StatusOK)
	if m := r.json(t); m["login"] != "admin" {
		t.Errorf("generate with login=alice answered %s", r.body)
	}

	// Revoking "main" for alice revokes nothing of hers.
	wantStatus(t, f.post("/api/user_tokens/revoke", admin, vals("name", "main", "login", "alice")), http.StatusNoContent)
	if toks := f.s.Tokens("alice"); len(toks) != 1 {
		t.Errorf("alice's tokens %v", toks)
	}
	wantStatus(t, f.post("/api/user_tokens/revoke", admin, vals("name", "mine", "login", "alice")), http.StatusNoContent)
	for _, tok := range f.s.Tokens("admin") {
		if tok.Name == "mine" {
			t.Error("revoke with login=alice did not revoke the caller's own token")
		}
	}
}

// TestCloudGenerate: type and projectKey are ignored (a user token, no
// type in the answers), expirationDate is read as a date or a date-time.
func TestCloudGenerate(t *testing.T) {
	f := newFixture(t, Options{Cloud: true})
	admin := f.tok["admin"]
	r := f.post("/api/user_tokens/generate", admin, vals("name", "scan", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", "nope", "expirationDate", "2025-07-01"))
	wantStatus(t, r, http.StatusOK)
	m := r.json(t)
	if _, ok := m["type"]; ok || m["projectKey"] != nil || m["expirationDate"] != "2025-07-01T00:00:00+0000" || !strings.HasPrefix(m["token"].(string), "") {
		t.Errorf("generate answered %s", r.body)
	}
	r = f.post("/api/user_tokens/generate", admin, vals("name", "dt", "expirationDate", "2026-01-01T00:00:00+0000"))
	wantStatus(t, r, http.StatusOK)
	if m := r.json(t); m["expirationDate"] != "2026-01-01T00:00:00+0000" {
		t.Errorf("date-time expiration answered %s", r.body)
	}
	wantError(t, f.post("/api/user_tokens/generate", admin, vals("name", "bad", "expirationDate", "next week")), http.StatusBadRequest,
		"Supplied date format for parameter expirationDate is wrong. Please supply date in the ISO 8601 date format (YYYY-MM-DD)")

	r = f.get("/api/user_tokens/search", admin, nil)
	if strings.Contains(r.body, `"type"`) || strings.Contains(r.body, `"project"`) || !strings.Contains(r.body, `"expirationDate":"2025-07-01T00:00:00+0000"`) {
		t.Errorf("search answered %s", r.body)
	}
	// Bearer and Basic both authenticate.
	wantStatus(t, f.get("/api/users/current", "Bearer "+admin, nil), http.StatusOK)
	if f.s.Version() == "" {
		t.Error("api/server/version answers on Cloud too")
	}
}

// TestCloudRemovesUnusedTokens: a token unused for 60 days (from its
// creation when never used) is gone at the next request by the server's
// clock, Advance included; a use resets the count.
func TestCloudRemovesUnusedTokens(t *testing.T) {
	f := newFixture(t, Options{Cloud: true})
	day := 24 * time.Hour
	used := testNow.Add(-50 * day)
	_, err := f.s.IssueToken(TokenSpec{Login: "admin", Name: "ci", CreatedAt: testNow.Add(-100 * day), LastUsed: &used})
	must(t, err)
	_, err = f.s.IssueToken(TokenSpec{Login: "admin", Name: "stale", CreatedAt: testNow.Add(-61 * day)})
	must(t, err)
	kept, err := f.s.IssueToken(TokenSpec{Login: "admin", Name: "kept", CreatedAt: testNow.Add(-59 * day)})
	must(t, err)

	names := func() string {
		r := f.get("/api/user_tokens/search", f.tok["admin"], nil)
		wantStatus(t, r, http.StatusOK)
		var out []string
		for _, e := range r.json(t)["userTokens"].([]any) {
			out = append(out, e.(map[string]any)["name"].(string))
		}
		return strings.Join(out, ",")
	}
	if got := names(); got != "sonartoken-console,kept,ci" {
		t.Fatalf("tokens %s: stale, never used for 61 days, should be gone", got)
	}
	// kept is used half a day later: its count starts again.
	f.s.Advance(day / 2)
	wantStatus(t, f.get("/api/users/current", kept, nil), http.StatusOK)
	// 9.5 more days: ci has been unused 60 days.
	f.s.Advance(9*day + day/2)
	if got := names(); got != "sonartoken-console,kept" {
		t.Fatalf("after 10 days: %s", got)
	}
	if f.s.Now() != testNow.Add(10*day) {
		t.Errorf("Now() = %v", f.s.Now())
	}
	// A removed token no longer authenticates.
	f.s.Advance(60 * day)
	wantEmpty401(t, f.get("/api/users/current", kept, nil))
}

// TestCloudSeed: the seeded caller holds a token last used 50 days ago,
// and no seeded token is past the 60 days.
func TestCloudSeed(t *testing.T) {
	e := newEnv(t, Options{Cloud: true, Seed: 3})
	r := e.get("/api/user_tokens/search", e.s.AdminToken(), nil)
	wantStatus(t, r, http.StatusOK)
	if !strings.Contains(r.body, `{"name":"ci-nightly","createdAt":"2025-02-15T10:30:00+0000","lastConnectionDate":"2025-04-26T10:30:00+0000"}`) {
		t.Errorf("no ci-nightly last used 50 days ago: %s", r.body)
	}
	for _, tok := range e.s.AllTokens() {
		last := tok.CreatedAt
		if tok.LastUsed != nil && tok.LastUsed.After(last) {
			last = *tok.LastUsed
		}
		if !last.Add(60 * 24 * time.Hour).After(testNow) {
			t.Errorf("seeded %s/%s is past Cloud's 60 days", tok.Login, tok.Name)
		}
	}
}

// TestRefuseNewTokens: with the fault on, tokens generated through the
// API answer 401 while the seeded and issued ones work.
func TestRefuseNewTokens(t *testing.T) {
	f := newFixture(t, Options{})
	r := f.post("/api/user_tokens/generate", f.tok["admin"], vals("name", "before"))
	before := r.json(t)["token"].(string)
	f.s.SetRefuseNewTokens(true)
	r = f.post("/api/user_tokens/generate", f.tok["admin"], vals("name", "after"))
	wantStatus(t, r, http.StatusOK)
	after := r.json(t)["token"].(string)
	wantEmpty401(t, f.get("/api/users/current", after, nil))
	wantEmpty401(t, f.get("/api/users/current", "Bearer "+before, nil))
	wantStatus(t, f.get("/api/users/current", f.tok["alice"], nil), http.StatusOK)
	f.s.SetRefuseNewTokens(false)
	wantStatus(t, f.get("/api/users/current", after, nil), http.StatusOK)

	g := newFixture(t, Options{RefuseNewTokens: true})
	r = g.post("/api/user_tokens/generate", g.tok["admin"], vals("name", "x"))
	wantEmpty401(t, g.get("/api/users/current", r.json(t)["token"].(string), nil))
}

// TestCloudOptions: Cloud has no version profile and no max lifetime.
func TestCloudOptions(t *testing.T) {
	for _, o := range []Options{{Cloud: true, Version: "10.6"}, {Cloud: true, MaxTokenLifetime: "30 days"}} {
		if o.Validate() == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if err := (Options{Cloud: true}).Validate(); err != nil {
		t.Error(err)
	}
}

// TestSignInDates: the users' connection dates, to administrators and to
// the user themself only, in api/users/search and API v2.
func TestSignInDates(t *testing.T) {
	f := newFixture(t, Options{})
	lint := testNow.Add(-3 * time.Hour)
	must(t, f.s.AddUser(UserSpec{Login: "linter", SonarLintLastConnection: &lint}))
	linterTok, err := f.s.IssueToken(TokenSpec{Login: "linter", Name: "t"})
	must(t, err)

	r := f.get("/api/users/search", f.tok["admin"], vals("q", "linter"))
	if !strings.Contains(r.body, `"sonarLintLastConnectionDate":"2025-06-15T07:30:00+0000"`) || strings.Contains(r.body, `"lastConnectionDate"`) {
		t.Errorf("admin's users/search: %s", r.body)
	}
	r = f.get("/api/v2/users-management/users", f.tok["admin"], vals("q", "linter"))
	if !strings.Contains(r.body, `"sonarLintLastConnectionDate":"2025-06-15T07:30:00+0000"`) || strings.Contains(r.body, `"sonarQubeLastConnectionDate"`) {
		t.Errorf("admin's v2 users: %s", r.body)
	}
	// alice sees neither date of linter's, linter sees their own (the
	// request itself is their connection).
	for _, path := range []string{"/api/users/search", "/api/v2/users-management/users"} {
		if r := f.get(path, f.tok["alice"], vals("q", "linter")); strings.Contains(r.body, "LastConnectionDate") || strings.Contains(r.body, "lastConnectionDate") {
			t.Errorf("alice sees linter's dates in %s: %s", path, r.body)
		}
		if r := f.get(path, linterTok, vals("q", "linter")); !strings.Contains(r.body, "2025-06-15T10:30:00+0000") || !strings.Contains(r.body, "2025-06-15T07:30:00+0000") {
			t.Errorf("linter does not see their own dates in %s: %s", path, r.body)
		}
	}
	// 9.9 has no SonarLint date in api/users/search.
	g := newFixture(t, Options{Version: "9.9"})
	must(t, g.s.AddUser(UserSpec{Login: "linter", SonarLintLastConnection: &lint}))
	if r := g.get("/api/users/search", g.tok["admin"], vals("q", "linter")); strings.Contains(r.body, "sonarLint") {
		t.Errorf("9.9: %s", r.body)
	}
}

// TestSeededSignIns: the seed gives some users no sign-in and some an old
// one, deterministically from the seed, and never a sign-in before a
// token's last use.
func TestSeededSignIns(t *testing.T) {
	a := New(Options{Seed: 7, Users: 200, Now: func() time.Time { return testNow }})
	b := New(Options{Seed: 7, Users: 200, Now: func() time.Time { return testNow }})
	never, old := 0, 0
	for _, login := range a.Users() {
		ua, _ := a.User(login)
		ub, _ := b.User(login)
		if (ua.LastConnection == nil) != (ub.LastConnection == nil) || ua.LastConnection != nil && !ua.LastConnection.Equal(*ub.LastConnection) {
			t.Fatalf("%s: the same seed gave %v and %v", login, ua.LastConnection, ub.LastConnection)
		}
		switch {
		case ua.LastConnection == nil:
			never++
		case testNow.Sub(*ua.LastConnection) > 90*24*time.Hour:
			old++
		}
		for _, tok := range a.Tokens(login) {
			if tok.LastUsed != nil && (ua.LastConnection == nil || ua.LastConnection.Before(*tok.LastUsed)) {
				t.Errorf("%s: last connection %v before the use of %s", login, ua.LastConnection, tok.Name)
			}
		}
	}
	if never < 10 || old < 10 {
		t.Errorf("of 201 users, %d never signed in and %d long ago", never, old)
	}
}
