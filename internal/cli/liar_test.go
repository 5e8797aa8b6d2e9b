//go:build linux

package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// lie puts a hostile proxy in front of e's server: every request goes
// through edit, which may change it (r) and the answer's JSON (body, nil
// for an answer without one) before it reaches the client.
func lie(e *testEnv, edit func(r *http.Request, body map[string]any)) {
	h := e.sim.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		must(e.t, r.ParseForm())
		edit(r, nil)
		r.URL.RawQuery = r.Form.Encode()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		var body map[string]any
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || json.Unmarshal(rec.Body.Bytes(), &body) != nil {
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		edit(r, body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Code)
		must(e.t, json.NewEncoder(w).Encode(body))
	}))
	e.t.Cleanup(srv.Close)
	e.vars["SONAR_HOST_URL"] = srv.URL
}

// repeatPageOne makes api/users/search answer page 1 whatever page is
// asked, with total as its total.
func repeatPageOne(total int) func(r *http.Request, body map[string]any) {
	return func(r *http.Request, body map[string]any) {
		if r.URL.Path != "/api/users/search" {
			return
		}
		if body == nil {
			r.Form.Set("p", "1")
			return
		}
		body["paging"].(map[string]any)["total"] = total
	}
}

// expiredUsers adds users u000 to u(n-1), each with one expired token.
func expiredUsers(e *testEnv, n int) {
	for i := range n {
		login := "u00" + string(rune('0'+i))
		must(e.t, e.sim.AddUser(sonarsim.UserSpec{Login: login}))
		e.issue(sonarsim.TokenSpec{Login: login, Name: "old-" + login, CreatedAt: now.Add(-400 * 24 * time.Hour), ExpiresAt: ptr(now.Add(-24 * time.Hour))})
	}
}

func (e *testEnv) countRequests(path string) int {
	n := 0
	for _, r := range e.sim.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

const repeatsFault = "the review is incomplete: the report above lacks the users after those listed, as the list of users stopped: The server's paging repeats itself after page 1: page "

// TestReviewEndsWhenThePagingRepeats: with a total of 1e9 and the same
// users on every page, review --json never ended (3.3 GB at 60 s). It
// now prints every token read, each once, names the fault and exits 1.
func TestReviewEndsWhenThePagingRepeats(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	expiredUsers(e, 3)
	lie(e, repeatPageOne(1_000_000_000))
	r := e.run("review", "--json").expect(t, ExitError)
	logins := reviewLogins(t, r.stdout)
	want := map[string]int{"admin": 4, "u000": 1, "u001": 1, "u002": 1}
	for login, n := range want {
		if logins[login] != n {
			t.Errorf("%s has %d tokens in the report, want %d: %v", login, logins[login], n, logins)
		}
	}
	if !strings.HasPrefix(r.stderr, "sonartoken: "+repeatsFault) || !strings.Contains(r.stderr, "of api/users/search lists only users that page 1 listed already.") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if n := e.countRequests("/api/user_tokens/search"); n != 4 {
		t.Errorf("%d token searches, want one per user with tokens (4)", n)
	}
}

// TestReviewRevokesEachTokenOnce: 3 tokens of users listed on each of 4
// pages (a total of 2000 at 500 a page) were revoked 4 times each: 12
// revokes and 12 audit lines for 3 tokens. Now: one each, and exit 1.
func TestReviewRevokesEachTokenOnce(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	expiredUsers(e, 3)
	lie(e, repeatPageOne(2000))
	r := e.run("review", "--status", "expired", "--type", "user", "--revoke", "--yes").expect(t, ExitError)
	if n := e.countRequests("/api/user_tokens/revoke"); n != 4 {
		t.Errorf("%d revokes, want 4 (admin's expired-ci and the 3 users' tokens)\n%s", n, r.stdout)
	}
	if got := e.auditEntries(); len(got) != 4 {
		t.Errorf("%d audit lines, want 4", len(got))
	}
	if !strings.Contains(r.stdout, "Revoked 4 tokens.") || !strings.HasPrefix(r.stderr, "sonartoken: "+repeatsFault) {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}
