package sonarsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

const genPath = "/api/user_tokens/generate"
const searchPath = "/api/user_tokens/search"
const revokePath = "/api/user_tokens/revoke"

// TestGenerateErrors pins every row of the reference's generate error table.
func TestGenerateErrors(t *testing.T) {
	f := newFixture(t, Options{})
	if _, err := f.s.IssueToken(TokenSpec{Login: "alice", Name: "taken"}); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("n", 101)
	cases := []struct {
		name   string
		method string
		who    string // login whose token authenticates, or a raw token value prefixed "raw:"
		params url.Values
		status int
		msg    string // "" for an empty 401
	}{
		{"bad token", "POST", "raw:squ_0000000000000000000000000000000000000000", vals("name", "x"), 401, ""},
		{"sent as GET", "GET", "alice", vals("name", "x"), 405, "HTTP method POST is required"},
		{"name missing", "POST", "alice", vals(), 400, "The 'name' parameter is missing"},
		{"name blank", "POST", "alice", vals("name", "   "), 400, "The 'name' parameter is missing"},
		{"name empty", "POST", "alice", vals("name", ""), 400, "The 'name' parameter is missing"},
		{"name too long", "POST", "alice", vals("name", long), 400, "'name' length (101) is longer than the maximum authorized (100)"},
		{"name too long before trim", "POST", "alice", vals("name", " "+strings.Repeat("n", 99)+" "), 400, "'name' length (101) is longer than the maximum authorized (100)"},
		{"name length in UTF-16 units", "POST", "alice", vals("name", strings.Repeat("😀", 51)), 400, "'name' length (102) is longer than the maximum authorized (100)"},
		{"unknown type", "POST", "alice", vals("name", "x", "type", "ROOT_TOKEN"), 400, "Value of parameter 'type' (ROOT_TOKEN) must be one of: [USER_TOKEN, GLOBAL_ANALYSIS_TOKEN, PROJECT_ANALYSIS_TOKEN]"},
		{"global for another user (admin)", "POST", "admin", vals("name", "x", "type", "GLOBAL_ANALYSIS_TOKEN", "login", "scanner"), 400, "A Global Analysis Token cannot be generated for another user."},
		{"project for another user", "POST", "admin", vals("name", "x", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", "p1", "login", "pscan"), 400, "A Project Analysis Token cannot be generated for another user."},
		{"project without projectKey", "POST", "pscan", vals("name", "x", "type", "PROJECT_ANALYSIS_TOKEN"), 400, "A projectKey is needed when creating Project Analysis Token"},
		{"projectKey unknown", "POST", "pscan", vals("name", "x", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", "nope"), 404, "Project key 'nope' not found"},
		{"global without scan", "POST", "alice", vals("name", "x", "type", "GLOBAL_ANALYSIS_TOKEN"), 403, "Insufficient privileges"},
		{"global by admin without scan", "POST", "boss", vals("name", "x", "type", "GLOBAL_ANALYSIS_TOKEN"), 403, "Insufficient privileges"},
		{"project without any scan", "POST", "alice", vals("name", "x", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", "p1"), 403, "Insufficient privileges"},
		{"project with scan on another project", "POST", "pscan", vals("name", "x", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", "p2"), 403, "Insufficient privileges"},
		{"date not ISO", "POST", "alice", vals("name", "x", "expirationDate", "15/07/2025"), 400, "Supplied date format for parameter expirationDate is wrong. Please supply date in the ISO 8601 date format (YYYY-MM-DD)"},
		{"date impossible", "POST", "alice", vals("name", "x", "expirationDate", "2025-02-30"), 400, "Supplied date format for parameter expirationDate is wrong. Please supply date in the ISO 8601 date format (YYYY-MM-DD)"},
		{"date today", "POST", "alice", vals("name", "x", "expirationDate", "2025-06-15"), 400, "The minimum value for parameter expirationDate is 2025-06-16."},
		{"date in the past", "POST", "alice", vals("name", "x", "expirationDate", "2020-01-01"), 400, "The minimum value for parameter expirationDate is 2025-06-16."},
		{"another login without admin", "POST", "alice", vals("name", "x", "login", "scanner"), 403, "Insufficient privileges"},
		{"admin token session is not admin", "POST", "raw:global-admin", vals("name", "x", "login", "alice"), 403, "Insufficient privileges"},
		{"login unknown", "POST", "admin", vals("name", "x", "login", "nobody"), 404, "User with login 'nobody' doesn't exist"},
		{"duplicate name", "POST", "alice", vals("name", "taken"), 400, "A user token for login 'alice' and name 'taken' already exists"},
		{"duplicate name after trim", "POST", "alice", vals("name", "  taken "), 400, "A user token for login 'alice' and name 'taken' already exists"},
		{"duplicate name for another user", "POST", "admin", vals("name", "taken", "login", "alice"), 400, "A user token for login 'alice' and name 'taken' already exists"},
		// Order of checks: type and permissions come before the name.
		{"type checked before name", "POST", "alice", vals("type", "GLOBAL_ANALYSIS_TOKEN"), 403, "Insufficient privileges"},
		{"date checked before name", "POST", "alice", vals("expirationDate", "x"), 400, "Supplied date format for parameter expirationDate is wrong. Please supply date in the ISO 8601 date format (YYYY-MM-DD)"},
		{"name checked before login", "POST", "alice", vals("login", "scanner"), 400, "The 'name' parameter is missing"},
	}
	globalAdmin, err := f.s.IssueToken(TokenSpec{Login: "admin", Name: "ga", Type: TypeGlobalAnalysis})
	must(t, err)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			auth := f.tok[c.who]
			if v, ok := strings.CutPrefix(c.who, "raw:"); ok {
				auth = v
				if v == "global-admin" {
					auth = globalAdmin
				}
			}
			r := f.req(c.method, genPath, auth, c.params)
			if c.msg == "" {
				wantEmpty401(t, r)
				return
			}
			wantError(t, r, c.status, c.msg)
		})
	}
}

func TestGenerateMaxLifetime(t *testing.T) {
	f := newFixture(t, Options{MaxTokenLifetime: "30 days"})
	wantError(t, f.post(genPath, f.tok["alice"], vals("name", "x", "expirationDate", "2025-07-16")), 400,
		"Tokens expiring after 2025-07-15 are not allowed. Please use a valid expiration date.")
	wantError(t, f.post(genPath, f.tok["alice"], vals("name", "x")), 400,
		"Tokens expiring after 2025-07-15 are not allowed. Please use an expiration date.")
	r := f.post(genPath, f.tok["alice"], vals("name", "x", "expirationDate", "2025-07-15"))
	wantStatus(t, r, 200)
	if got := r.json(t)["expirationDate"]; got != "2025-07-15T00:00:00+0000" {
		t.Errorf("expirationDate %v", got)
	}
	// "No expiration" enforces nothing.
	g := newFixture(t, Options{MaxTokenLifetime: "No expiration"})
	wantStatus(t, g.post(genPath, g.tok["alice"], vals("name", "x")), 200)
	// 8.9 knows no such setting.
	h := newFixture(t, Options{Version: "8.9", MaxTokenLifetime: "30 days"})
	wantStatus(t, h.post(genPath, h.tok["alice"], vals("name", "x")), 200)
}

func TestGenerateAnonymousAllowed(t *testing.T) {
	f := newFixture(t, Options{AllowAnonymous: true})
	wantError(t, f.post(genPath, "", vals("name", "x")), 401, "Authentication is required")
	wantError(t, f.get(searchPath, "", nil), 401, "Authentication is required")
	wantError(t, f.post(revokePath, "", vals("name", "x")), 401, "Authentication is required")
	// Without forceAuthentication off, no credentials is an empty 401.
	g := newFixture(t, Options{})
	wantEmpty401(t, g.post(genPath, "", vals("name", "x")))
	wantEmpty401(t, g.get(searchPath, "", nil))
}

func TestGenerateSuccessShapes(t *testing.T) {
	f := newFixture(t, Options{})
	r := f.post(genPath, f.tok["pscan"], vals("name", "  ci  ", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", " p1 ", "expirationDate", "2025-09-01"))
	wantStatus(t, r, 200)
	m := r.json(t)
	want := map[string]any{"login": "pscan", "name": "ci", "createdAt": "2025-06-15T10:30:00+0000",
		"type": "PROJECT_ANALYSIS_TOKEN", "projectKey": "p1", "expirationDate": "2025-09-01T00:00:00+0000"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	if tok, _ := m["token"].(string); !regexp.MustCompile(`^sqp_[0-9a-f]{40}$`).MatchString(tok) {
		t.Errorf("token %q", tok)
	}
	if len(m) != 7 {
		t.Errorf("fields %v", m)
	}
	// A user token without expiration has neither projectKey nor expirationDate.
	m = f.post(genPath, f.tok["alice"], vals("name", "plain")).json(t)
	if _, ok := m["projectKey"]; ok {
		t.Error("projectKey present")
	}
	if _, ok := m["expirationDate"]; ok {
		t.Error("expirationDate present")
	}
	if tok, _ := m["token"].(string); !strings.HasPrefix(tok, "squ_") || len(tok) != 44 {
		t.Errorf("token %q", tok)
	}
	// Global analysis tokens start with sqa_.
	m = f.post(genPath, f.tok["scanner"], vals("name", "g", "type", "GLOBAL_ANALYSIS_TOKEN")).json(t)
	if tok, _ := m["token"].(string); !strings.HasPrefix(tok, "sqa_") {
		t.Errorf("token %q", tok)
	}
	// The new token works at once and the value is not stored anywhere readable.
	tok := m["token"].(string)
	wantStatus(t, f.get("/api/users/current", tok, nil), 200)
	for _, req := range f.s.Requests() {
		for _, vs := range req.Params {
			for _, v := range vs {
				if strings.Contains(v, tok) {
					t.Fatal("token value in request log")
				}
			}
		}
	}
}

func TestSearchErrors(t *testing.T) {
	f := newFixture(t, Options{})
	wantEmpty401(t, f.get(searchPath, "squ_bad", nil))
	wantError(t, f.post(searchPath, f.tok["alice"], nil), 405, "HTTP method GET is required")
	wantError(t, f.get(searchPath, f.tok["alice"], vals("login", "scanner")), 403, "Insufficient privileges")
	wantError(t, f.get(searchPath, f.tok["admin"], vals("login", "nobody")), 404, "User with login 'nobody' doesn't exist")
	wantError(t, f.get(searchPath, f.tok["alice"], vals("login", "nobody")), 403, "Insufficient privileges")
}

func TestSearchShapes(t *testing.T) {
	f := newFixture(t, Options{})
	day := 24 * time.Hour
	exp := testNow.Add(-day).Truncate(day)
	future := testNow.Add(10 * day).Truncate(day)
	used := testNow.Add(-time.Hour)
	_, err := f.s.IssueToken(TokenSpec{Login: "pscan", Name: "old", ExpiresAt: &exp, CreatedAt: testNow.Add(-100 * day)})
	must(t, err)
	_, err = f.s.IssueToken(TokenSpec{Login: "pscan", Name: "proj", Type: TypeProjectAnalysis, ProjectKey: "p1", ExpiresAt: &future, LastUsed: &used})
	must(t, err)
	r := f.get(searchPath, f.tok["pscan"], nil)
	wantStatus(t, r, 200)
	// Newest first; "proj" and "main" were created at the same second,
	// "proj" later.
	want := `{"login":"pscan","userTokens":[` +
		`{"name":"proj","createdAt":"2025-06-15T10:30:00+0000","lastConnectionDate":"2025-06-15T09:30:00+0000","type":"PROJECT_ANALYSIS_TOKEN","project":{"key":"p1","name":"Project One"},"expirationDate":"2025-06-25T00:00:00+0000","isExpired":false},` +
		`{"name":"main","createdAt":"2025-06-15T10:30:00+0000","lastConnectionDate":"2025-06-15T10:30:00+0000","type":"USER_TOKEN"},` +
		`{"name":"old","createdAt":"2025-03-07T10:30:00+0000","type":"USER_TOKEN","expirationDate":"2025-06-14T00:00:00+0000","isExpired":true}]}`
	if r.body != want {
		t.Fatalf("body\n%s\nwant\n%s", r.body, want)
	}
	// An empty list is [] and own login counts as self.
	g := newFixture(t, Options{})
	must(t, g.s.AddUser(UserSpec{Login: "empty"}))
	r = g.get(searchPath, g.tok["admin"], vals("login", "empty"))
	if r.body != `{"login":"empty","userTokens":[]}` {
		t.Fatalf("body %s", r.body)
	}
	wantStatus(t, g.get(searchPath, g.tok["alice"], vals("login", "alice")), 200)
}

func TestRevoke(t *testing.T) {
	f := newFixture(t, Options{})
	wantEmpty401(t, f.post(revokePath, "squ_bad", vals("name", "main")))
	wantError(t, f.get(revokePath, f.tok["alice"], vals("name", "main")), 405, "HTTP method POST is required")
	wantError(t, f.post(revokePath, f.tok["alice"], vals()), 400, "The 'name' parameter is missing")
	wantError(t, f.post(revokePath, f.tok["alice"], vals("name", " ")), 400, "The 'name' parameter is missing")
	wantError(t, f.post(revokePath, f.tok["alice"], vals("name", "main", "login", "scanner")), 403, "Insufficient privileges")
	wantError(t, f.post(revokePath, f.tok["admin"], vals("name", "main", "login", "nobody")), 404, "User with login 'nobody' doesn't exist")

	// Unknown name: 204 all the same.
	r := f.post(revokePath, f.tok["alice"], vals("name", "no-such-token"))
	wantStatus(t, r, 204)
	if r.body != "" {
		t.Errorf("204 body %q", r.body)
	}
	// Admin revokes scanner's token; scanner's token then fails with an empty 401.
	wantStatus(t, f.post(revokePath, f.tok["admin"], vals("name", " main ", "login", "scanner")), 204)
	if len(f.s.Tokens("scanner")) != 0 {
		t.Fatal("token not revoked")
	}
	wantEmpty401(t, f.get("/api/users/current", f.tok["scanner"], nil))
	// Self revoke with own login.
	wantStatus(t, f.post(revokePath, f.tok["alice"], vals("name", "main", "login", "alice")), 204)
	wantEmpty401(t, f.get(searchPath, f.tok["alice"], nil))
}

// TestPermissions pins the rules of the reference's Permissions table.
func TestPermissions(t *testing.T) {
	f := newFixture(t, Options{})
	gen := func(who string, kv ...string) resp {
		return f.post(genPath, f.tok[who], vals(append([]string{"name", who + "-" + strings.Join(kv, "-")}, kv...)...))
	}
	t.Run("user token for yourself: anyone", func(t *testing.T) {
		wantStatus(t, gen("alice"), 200)
	})
	t.Run("global analysis token: yourself with global scan", func(t *testing.T) {
		wantStatus(t, gen("scanner", "type", "GLOBAL_ANALYSIS_TOKEN"), 200)
		wantStatus(t, gen("alice", "type", "GLOBAL_ANALYSIS_TOKEN"), 403)
	})
	t.Run("project analysis token: project scan or global scan", func(t *testing.T) {
		wantStatus(t, gen("pscan", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", "p1"), 200)
		wantStatus(t, gen("scanner", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", "p2"), 200)
		wantStatus(t, gen("pscan", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", "p2"), 403)
	})
	t.Run("other user needs admin, user tokens only", func(t *testing.T) {
		wantStatus(t, gen("admin", "login", "alice"), 200)
		wantStatus(t, gen("boss", "login", "alice"), 200)
		wantStatus(t, gen("scanner", "login", "alice"), 403)
		wantStatus(t, gen("admin", "login", "scanner", "type", "GLOBAL_ANALYSIS_TOKEN"), 400)
		wantStatus(t, f.get(searchPath, f.tok["boss"], vals("login", "alice")), 200)
		wantStatus(t, f.post(revokePath, f.tok["boss"], vals("login", "alice", "name", "x")), 204)
	})
	t.Run("own login counts as self", func(t *testing.T) {
		wantStatus(t, gen("scanner", "login", "scanner", "type", "GLOBAL_ANALYSIS_TOKEN"), 200)
	})
	t.Run("admin for a deactivated user", func(t *testing.T) {
		wantStatus(t, f.get(searchPath, f.tok["admin"], vals("login", "gone")), 200)
	})
	t.Run("analysis token sessions lose admin", func(t *testing.T) {
		ga, err := f.s.IssueToken(TokenSpec{Login: "admin", Name: "ga", Type: TypeGlobalAnalysis})
		must(t, err)
		pa, err := f.s.IssueToken(TokenSpec{Login: "admin", Name: "pa", Type: TypeProjectAnalysis, ProjectKey: "p1"})
		must(t, err)
		perms := func(tok string) string {
			m := f.get("/api/users/current", tok, nil).json(t)
			var out []string
			for _, p := range m["permissions"].(map[string]any)["global"].([]any) {
				out = append(out, p.(string))
			}
			return strings.Join(out, ",")
		}
		if got := perms(f.tok["admin"]); got != "admin,profileadmin,gateadmin,scan,provisioning" {
			t.Errorf("user token perms %q", got)
		}
		if got := perms(ga); got != "scan,provisioning" {
			t.Errorf("global token perms %q", got)
		}
		if got := perms(pa); got != "" {
			t.Errorf("project token perms %q", got)
		}
		wantStatus(t, f.get(searchPath, ga, vals("login", "alice")), 403)
		wantStatus(t, f.get(searchPath, pa, vals("login", "alice")), 403)
		wantStatus(t, f.get(searchPath, ga, nil), 200)
		// A project token session scans only its project.
		m := f.get("/api/projects/search_my_scannable_projects", pa, nil).json(t)
		if ps := m["projects"].([]any); len(ps) != 1 {
			t.Errorf("project token scannable %v", ps)
		}
	})
	t.Run("tokensCount for admins or oneself", func(t *testing.T) {
		count := func(tok, login string) (any, bool) {
			m := f.get("/api/users/search", tok, vals("q", login)).json(t)
			for _, u := range m["users"].([]any) {
				um := u.(map[string]any)
				if um["login"] == login {
					v, ok := um["tokensCount"]
					return v, ok
				}
			}
			t.Fatalf("%s not listed", login)
			return nil, false
		}
		if _, ok := count(f.tok["admin"], "alice"); !ok {
			t.Error("admin does not see tokensCount")
		}
		if _, ok := count(f.tok["alice"], "alice"); !ok {
			t.Error("alice does not see her tokensCount")
		}
		if _, ok := count(f.tok["alice"], "scanner"); ok {
			t.Error("alice sees scanner's tokensCount")
		}
	})
}

func TestRevokedAndExpiredTokens401(t *testing.T) {
	f := newFixture(t, Options{})
	exp := testNow.Add(-1e9)
	expired, err := f.s.IssueToken(TokenSpec{Login: "alice", Name: "exp", ExpiresAt: &exp})
	must(t, err)
	for name, tok := range map[string]string{
		"unknown":     "squ_1111111111111111111111111111111111111111",
		"expired":     expired,
		"deactivated": f.tok["gone"],
	} {
		t.Run(name, func(t *testing.T) {
			wantEmpty401(t, f.get("/api/users/current", tok, nil))
			wantEmpty401(t, f.get("/api/nope/nope", tok, nil))
			m := f.get("/api/authentication/validate", tok, nil).json(t)
			if m["valid"] != false {
				t.Errorf("validate %v", m)
			}
		})
	}
	t.Run("password login", func(t *testing.T) {
		wantEmpty401(t, f.get("/api/users/current", "Basic YWRtaW46YWRtaW4=", nil))
	})
	t.Run("revoked", func(t *testing.T) {
		wantStatus(t, f.post(revokePath, f.tok["admin"], vals("login", "alice", "name", "main")), 204)
		wantEmpty401(t, f.get(searchPath, f.tok["alice"], nil))
	})
	_ = http.StatusOK
}

func TestSearchOrder(t *testing.T) {
	names := func(f *fixture) string {
		t.Helper()
		r := f.get(searchPath, f.tok["admin"], vals("login", "alice"))
		wantStatus(t, r, 200)
		var b struct {
			UserTokens []struct{ Name string } `json:"userTokens"`
		}
		must(t, json.Unmarshal([]byte(r.body), &b))
		var out []string
		for _, tk := range b.UserTokens {
			out = append(out, tk.Name)
		}
		return strings.Join(out, " ")
	}
	issue := func(f *fixture) {
		day := 24 * time.Hour
		// Inserted in an order that is neither by name nor by date.
		for _, s := range []struct {
			name string
			age  time.Duration
		}{{"b-middle", 5 * day}, {"a-newest", 0}, {"c-oldest", 30 * day}} {
			_, err := f.s.IssueToken(TokenSpec{Login: "alice", Name: s.name, CreatedAt: testNow.Add(-day - s.age)})
			must(t, err)
		}
		// Generated through the API now: the newest of all.
		wantStatus(t, f.post(genPath, f.tok["alice"], vals("name", "0-now")), 200)
	}
	f := newFixture(t, Options{})
	issue(f)
	// "main" was issued by the fixture at testNow, before "0-now".
	if got, want := names(f), "0-now main a-newest b-middle c-oldest"; got != want {
		t.Errorf("10.6 order %q, want %q", got, want)
	}
	g := newFixture(t, Options{Version: "8.9"})
	issue(g)
	if got, want := names(g), "main b-middle a-newest c-oldest 0-now"; got != want {
		t.Errorf("8.9 order %q, want %q", got, want)
	}
}
