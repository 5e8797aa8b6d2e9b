package sonarsim

import (
	"net/http"
	"strings"
	"testing"
)

func TestContextPath(t *testing.T) {
	f := newFixture(t, Options{ContextPath: "/sonarqube"})
	tok := f.tok["alice"]

	r := f.get("/sonarqube/api/server/version", "", nil)
	wantStatus(t, r, 200)
	if r.body != f.s.Version() {
		t.Errorf("version %q", r.body)
	}
	r = f.get("/sonarqube/api/user_tokens/search", tok, nil)
	wantStatus(t, r, 200)
	if !strings.Contains(r.body, `"login":"alice"`) {
		t.Errorf("search %s", r.body)
	}
	wantStatus(t, f.post("/sonarqube/api/user_tokens/generate", tok, vals("name", "ctx")), 200)
	// Inside the context, SonarQube's own messages name the path below it.
	wantError(t, f.get("/sonarqube/api/foo", tok, nil), 404, "Unknown url : /api/foo")

	// Outside the context path, the root included: 404, not the API.
	for _, p := range []string{"/", "/api/server/version", "/api/user_tokens/search", "/sonarqubex/api/server/version", "/sonar/api/server/version"} {
		r := f.get(p, tok, nil)
		if r.status != http.StatusNotFound || strings.Contains(r.body, "userTokens") {
			t.Errorf("%s: %d %q", p, r.status, r.body)
		}
	}
	// The request log and the faults see the path below the context.
	found := false
	for _, req := range f.s.Requests() {
		if req.Path == genPath && req.Status == 200 {
			found = true
		}
	}
	if !found {
		t.Errorf("generate not logged as %s: %+v", genPath, f.s.Requests())
	}
}

func TestContextPathURL(t *testing.T) {
	s := New(Options{Empty: true, ContextPath: "/sonarqube"})
	u, err := s.Start("127.0.0.1:0")
	must(t, err)
	defer s.Close()
	if !strings.HasSuffix(u, "/sonarqube") || s.URL() != u {
		t.Fatalf("URL %q (%q)", u, s.URL())
	}
	res, err := http.Get(u + "/api/server/version")
	must(t, err)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("status %d", res.StatusCode)
	}
	// "/" is the root, as sonar.web.context=/ is.
	r := New(Options{Empty: true, ContextPath: "/"})
	u, err = r.Start("127.0.0.1:0")
	must(t, err)
	defer r.Close()
	if strings.HasSuffix(u, "/") {
		t.Errorf("root URL %q", u)
	}
}

func TestValidContextPath(t *testing.T) {
	for _, ok := range []string{"", "/", "/sonarqube", "/a/b"} {
		if err := ValidContextPath(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for bad, msg := range map[string]string{
		"sonarqube":   "must start with a slash",
		"/sonarqube/": "must not end with a slash",
	} {
		if err := ValidContextPath(bad); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("New accepted a context path without a leading slash")
		}
	}()
	New(Options{Empty: true, ContextPath: "sonarqube"})
}
