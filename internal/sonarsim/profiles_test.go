package sonarsim

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestVersionProfiles(t *testing.T) {
	for _, c := range []struct{ v, full string }{
		{"8.9", "8.9.10.61524"}, {"9.9", "9.9.8.100196"}, {"", "10.6.0.92116"}, {"10.6", "10.6.0.92116"}, {"2025.1", "2025.1.0.102418"},
	} {
		e := newEnv(t, Options{Version: c.v, Empty: true})
		r := e.get("/api/server/version", "", nil)
		wantStatus(t, r, 200)
		if r.body != c.full || e.s.Version() != c.full {
			t.Errorf("%q: version %q", c.v, r.body)
		}
		if !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
			t.Errorf("content type %q", r.header.Get("Content-Type"))
		}
	}
	if ValidVersion("7.9") || !ValidVersion("9.9.8.100196") || !ValidVersion("") {
		t.Error("ValidVersion")
	}
}

func TestProfile89(t *testing.T) {
	f := newFixture(t, Options{Version: "8.9"})
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(f.s.AdminToken()) {
		t.Fatalf("admin token %q", f.s.AdminToken())
	}
	// type, projectKey and expirationDate are silently ignored: a user token.
	r := f.post(genPath, f.tok["alice"], vals("name", "x", "type", "PROJECT_ANALYSIS_TOKEN", "projectKey", "nope", "expirationDate", "garbage"))
	wantStatus(t, r, 200)
	m := r.json(t)
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(m["token"].(string)) {
		t.Errorf("token %v", m["token"])
	}
	for _, k := range []string{"type", "projectKey", "expirationDate"} {
		if _, ok := m[k]; ok {
			t.Errorf("generate has %s", k)
		}
	}
	if len(m) != 4 {
		t.Errorf("generate fields %v", m)
	}
	if got := f.s.Tokens("alice")[1]; got.Type != TypeUser || got.ExpiresAt != nil || got.Name != "x" {
		t.Errorf("stored %+v", got)
	}
	r = f.get(searchPath, f.tok["alice"], nil)
	for _, k := range []string{"type", "project", "expirationDate", "isExpired"} {
		if strings.Contains(r.body, `"`+k+`"`) {
			t.Errorf("search has %s: %s", k, r.body)
		}
	}
	wantError(t, f.get("/api/projects/search_my_scannable_projects", f.tok["alice"], nil), 404,
		"Unknown url : /api/projects/search_my_scannable_projects")
	wantError(t, f.get("/api/v2/users-management/users", f.tok["admin"], nil), 404,
		"Unknown url : /api/v2/users-management/users")
	wantEmpty401(t, f.get("/api/users/current", "Bearer "+f.tok["alice"], nil))
	if strings.Contains(f.get("/api/users/search", f.tok["admin"], nil).body, "managed") {
		t.Error("managed field on 8.9")
	}
}

func TestProfile99(t *testing.T) {
	f := newFixture(t, Options{Version: "9.9"})
	if !regexp.MustCompile(`^squ_[0-9a-f]{40}$`).MatchString(f.s.AdminToken()) {
		t.Fatalf("admin token %q", f.s.AdminToken())
	}
	// Basic only: a Bearer header is not understood, so no credentials.
	wantEmpty401(t, f.get("/api/users/current", "Bearer "+f.tok["alice"], nil))
	if m := f.get("/api/authentication/validate", "Bearer "+f.tok["alice"], nil).json(t); m["valid"] != false {
		t.Errorf("validate %v", m)
	}
	wantStatus(t, f.get("/api/users/current", f.tok["alice"], nil), 200)
	r := f.post(genPath, f.tok["alice"], vals("name", "x", "expirationDate", "2025-07-01"))
	wantStatus(t, r, 200)
	if r.json(t)["type"] != "USER_TOKEN" {
		t.Error("no type on 9.9")
	}
	wantStatus(t, f.get("/api/projects/search_my_scannable_projects", f.tok["alice"], nil), 200)
	wantStatus(t, f.get("/api/v2/users-management/users", f.tok["admin"], nil), 404)
	// With anonymous access, a Bearer request on 9.9 is anonymous.
	g := newFixture(t, Options{Version: "9.9", AllowAnonymous: true})
	if m := g.get("/api/users/current", "Bearer "+g.tok["alice"], nil).json(t); m["isLoggedIn"] != false {
		t.Errorf("current %v", m)
	}
}

func TestBearer(t *testing.T) {
	for _, v := range []string{"10.6", "2025.1"} {
		f := newFixture(t, Options{Version: v})
		for _, scheme := range []string{"Bearer ", "bearer ", "BEARER "} {
			r := f.get("/api/users/current", scheme+f.tok["alice"], nil)
			wantStatus(t, r, 200)
			if r.json(t)["login"] != "alice" {
				t.Errorf("%s: %s", v, r.body)
			}
		}
		wantEmpty401(t, f.get("/api/users/current", "Bearer squ_nope", nil))
		wantStatus(t, f.get("/api/users/current", f.tok["alice"], nil), 200) // Basic still works
		if m := f.get("/api/authentication/validate", "Bearer "+f.tok["alice"], nil).json(t); m["valid"] != true {
			t.Errorf("validate %v", m)
		}
	}
}

func TestExpirationHeader(t *testing.T) {
	f := newFixture(t, Options{})
	exp := time.Date(2025, 7, 14, 0, 0, 0, 0, time.UTC)
	tok, err := f.s.IssueToken(TokenSpec{Login: "alice", Name: "exp", ExpiresAt: &exp})
	must(t, err)
	const want = "2025-07-14T00:00:00+0000"
	for _, p := range []string{"/api/users/current", searchPath, "/api/settings/values", "/api/projects/search_my_scannable_projects"} {
		if got := f.get(p, tok, nil).header.Get(expirationHeader); got != want {
			t.Errorf("%s: header %q", p, got)
		}
	}
	for _, p := range []string{"/api/server/version", "/api/authentication/validate"} {
		if got := f.get(p, tok, nil).header.Values(expirationHeader); len(got) != 0 {
			t.Errorf("skipped URL %s has header %q", p, got)
		}
	}
	if got := f.get("/api/users/current", f.tok["alice"], nil).header.Values(expirationHeader); len(got) != 0 {
		t.Errorf("token without expiration: header %q", got)
	}
	// 8.9 has no expiration at all.
	g := newFixture(t, Options{Version: "8.9"})
	if got := g.get("/api/users/current", g.tok["alice"], nil).header.Values(expirationHeader); len(got) != 0 {
		t.Errorf("8.9 header %q", got)
	}
	// 9.9 sends it, and the seeded console token expires in 90 days.
	h := newEnv(t, Options{Version: "9.9", Empty: true})
	if got := h.get("/api/users/current", h.s.AdminToken(), nil).header.Get(expirationHeader); got != "2025-09-13T00:00:00+0000" {
		t.Errorf("9.9 console header %q", got)
	}
}

func TestLastConnectionDate(t *testing.T) {
	f := newFixture(t, Options{})
	last := func() string {
		for _, tk := range f.s.Tokens("alice") {
			if tk.Name == "main" && tk.LastUsed != nil {
				return f.s.formatDateTime(*tk.LastUsed)
			}
		}
		return ""
	}
	if last() != "" {
		t.Fatal("used before any request")
	}
	f.get("/api/users/current", f.tok["alice"], nil)
	if got := last(); got != "2025-06-15T10:30:00+0000" {
		t.Fatalf("after first use %q", got)
	}
	f.clk.Advance(59 * time.Minute)
	f.get("/api/users/current", f.tok["alice"], nil)
	if got := last(); got != "2025-06-15T10:30:00+0000" {
		t.Fatalf("updated within the hour: %q", got)
	}
	f.clk.Advance(2 * time.Minute)
	r := f.get(searchPath, f.tok["alice"], nil)
	if got := last(); got != "2025-06-15T11:31:00+0000" {
		t.Fatalf("not updated after an hour: %q", got)
	}
	if !strings.Contains(r.body, `"lastConnectionDate":"2025-06-15T11:31:00+0000"`) {
		t.Errorf("search %s", r.body)
	}
	if u, _ := f.s.User("alice"); u.LastConnection == nil || !u.LastConnection.Equal(f.clk.Now()) {
		t.Errorf("user last connection %v", u.LastConnection)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.tok["alice"]
	cases := []struct{ method, path, msg string }{
		{"GET", genPath, "HTTP method POST is required"},
		{"GET", revokePath, "HTTP method POST is required"},
		{"POST", searchPath, "HTTP method GET is required"},
		{"POST", "/api/users/current", "HTTP method GET is required"},
		{"POST", "/api/server/version", "HTTP method GET is required"},
		{"PUT", genPath, "HTTP method PUT is not allowed"},
		{"DELETE", revokePath, "HTTP method DELETE is not allowed"},
		{"PATCH", searchPath, "HTTP method PATCH is not allowed"},
		{"OPTIONS", "/api/users/search", "HTTP method OPTIONS is not allowed"},
	}
	for _, c := range cases {
		wantError(t, f.req(c.method, c.path, tok, nil), http.StatusMethodNotAllowed, c.msg)
	}
	r := f.req("HEAD", searchPath, tok, nil)
	wantStatus(t, r, 405)
}

func TestMethodNotAllowed89(t *testing.T) {
	f := newFixture(t, Options{Version: "8.9"})
	tok := f.tok["alice"]
	for _, c := range []struct{ method, path, msg string }{
		{"GET", genPath, "HTTP method POST is required"},
		{"GET", revokePath, "HTTP method POST is required"},
		{"PUT", genPath, "HTTP method PUT is not allowed"},
		{"PUT", searchPath, "HTTP method PUT is not allowed"},
		{"DELETE", revokePath, "HTTP method DELETE is not allowed"},
	} {
		wantError(t, f.req(c.method, c.path, tok, nil), http.StatusMethodNotAllowed, c.msg)
	}
	// POST and HEAD on a GET action are served.
	r := f.req("POST", searchPath, tok, nil)
	wantStatus(t, r, 200)
	if !strings.Contains(r.body, `"login":"alice"`) {
		t.Errorf("POST search: %s", r.body)
	}
	wantStatus(t, f.req("POST", "/api/users/current", tok, nil), 200)
	wantStatus(t, f.req("POST", "/api/server/version", "", nil), 200)
	wantStatus(t, f.req("HEAD", searchPath, tok, nil), 200)
	wantStatus(t, f.req("PATCH", searchPath, tok, nil), 200)
}

func TestUnknownURL(t *testing.T) {
	f := newFixture(t, Options{})
	wantError(t, f.get("/api/foo/bar", f.tok["alice"], nil), 404, "Unknown url : /api/foo/bar")
	wantEmpty401(t, f.get("/api/foo/bar", "", nil)) // authentication comes first
	wantStatus(t, f.get("/api/user_tokens/search.json", f.tok["alice"], nil), 200)
}
