package sonarsim

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// testNow is the fixed instant of most tests: 2025-06-15 10:30 UTC.
var testNow = time.Date(2025, 6, 15, 10, 30, 0, 0, time.UTC)

// clock is a settable clock for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a server under test with its HTTP front.
type env struct {
	t   *testing.T
	s   *Server
	ts  *httptest.Server
	clk *clock
}

func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	clk := newClock(testNow)
	if opts.Now == nil {
		opts.Now = clk.Now
	}
	s := New(opts)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &env{t: t, s: s, ts: ts, clk: clk}
}

// fixture is an empty server with a known cast of users and projects.
//
//	admin   global admin + scan (built in)
//	alice   no global permission
//	scanner global scan
//	pscan   scan on project p1 only
//	boss    global admin without scan
//	gone    deactivated
type fixture struct {
	*env
	tok map[string]string // login -> USER_TOKEN value ("admin" -> AdminToken)
}

func newFixture(t *testing.T, opts Options) *fixture {
	t.Helper()
	opts.Empty = true
	e := newEnv(t, opts)
	f := &fixture{env: e, tok: map[string]string{"admin": e.s.AdminToken()}}
	must(t, e.s.AddUser(UserSpec{Login: "alice", Name: "Alice Example", Email: "alice@example.com"}))
	must(t, e.s.AddUser(UserSpec{Login: "scanner", Name: "Scan Ner", Scan: true}))
	must(t, e.s.AddUser(UserSpec{Login: "pscan", Name: "Project Scanner"}))
	must(t, e.s.AddUser(UserSpec{Login: "boss", Name: "The Boss", Admin: true}))
	must(t, e.s.AddUser(UserSpec{Login: "gone", Name: "Gone Away", Deactivated: true}))
	must(t, e.s.AddProject(ProjectSpec{Key: "p1", Name: "Project One", ScanLogins: []string{"pscan"}}))
	must(t, e.s.AddProject(ProjectSpec{Key: "p2", Name: "project two"}))
	for _, l := range []string{"alice", "scanner", "pscan", "boss", "gone"} {
		v, err := e.s.IssueToken(TokenSpec{Login: l, Name: "main"})
		must(t, err)
		f.tok[l] = v
	}
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// resp is a decoded answer.
type resp struct {
	status int
	body   string
	header http.Header
}

func (r resp) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	return m
}

// errMsg returns the single error message of an error body.
func (r resp) errMsg(t *testing.T) string {
	t.Helper()
	var b struct {
		Errors []struct {
			Msg string `json:"msg"`
		} `json:"errors"`
	}
	if err := json.Unmarshal([]byte(r.body), &b); err != nil || len(b.Errors) != 1 {
		t.Fatalf("not a single-error body: %q (%v)", r.body, err)
	}
	return b.Errors[0].Msg
}

// req sends a request; auth is "" (none), a token (Basic), or
// "Bearer <token>" / any header value starting with a scheme and a space.
func (e *env) req(method, path, auth string, params url.Values) resp {
	e.t.Helper()
	u := e.ts.URL + path
	var body io.Reader
	if method == http.MethodPost && params != nil {
		body = strings.NewReader(params.Encode())
	} else if params != nil {
		u += "?" + params.Encode()
	}
	r, err := http.NewRequest(method, u, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	switch {
	case auth == "":
	case strings.Contains(auth, " "):
		r.Header.Set("Authorization", auth)
	default:
		r.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(auth+":")))
	}
	res, err := http.DefaultClient.Do(r)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, body: string(b), header: res.Header}
}

func (e *env) get(path, auth string, params url.Values) resp {
	e.t.Helper()
	return e.req(http.MethodGet, path, auth, params)
}

func (e *env) post(path, auth string, params url.Values) resp {
	e.t.Helper()
	return e.req(http.MethodPost, path, auth, params)
}

// vals builds url.Values from key, value pairs.
func vals(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func wantStatus(t *testing.T, r resp, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d (body %q)", r.status, status, r.body)
	}
}

func wantError(t *testing.T, r resp, status int, msg string) {
	t.Helper()
	wantStatus(t, r, status)
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	if got := r.errMsg(t); got != msg {
		t.Fatalf("msg %q, want %q", got, msg)
	}
}

func wantEmpty401(t *testing.T, r resp) {
	t.Helper()
	wantStatus(t, r, http.StatusUnauthorized)
	if r.body != "" {
		t.Fatalf("401 body %q, want empty", r.body)
	}
}

// URL returns the base URL of the listener started by Start, or "".
func (s *Server) URL() string {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	return s.url
}

// Projects returns the keys of every project, sorted by project name.
func (s *Server) Projects() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, len(s.st.projList))
	for i, p := range s.st.projList {
		out[i] = p.key
	}
	return out
}
