package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// flakyUsers adds users u000 to u(n-1) to e's server, each with one token
// named after them.
func flakyUsers(e *testEnv, n int) {
	for i := range n {
		login := fmt.Sprintf("u%03d", i)
		must(e.t, e.sim.AddUser(sonarsim.UserSpec{Login: login}))
		e.issue(sonarsim.TokenSpec{Login: login, Name: "tok-" + login, CreatedAt: now.Add(-24 * time.Hour)})
	}
}

// reviewLogins returns the logins of a review --json report.
func reviewLogins(t *testing.T, stdout string) map[string]int {
	t.Helper()
	var rows []struct {
		Login string `json:"login"`
	}
	if err := json.Unmarshal([]byte(stdout), &rows); err != nil {
		t.Fatalf("stdout is not a JSON array: %v\n%s", err, stdout)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Login]++
	}
	return out
}

// TestReviewSurvivesFlakyServer: one 500 among 300 users' token searches,
// and 5% of every request failing with the server's real 500, cost
// retries, not the review.
func TestReviewSurvivesFlakyServer(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{Seed: 7})
	flakyUsers(e, 300)
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusInternalServerError, Count: 1, PathPrefix: "/api/user_tokens/search"})
	e.sim.SetErrorRate(0.05)

	r := e.run("review", "--json")
	r.expect(t, ExitOK)
	logins := reviewLogins(t, r.stdout)
	for i := range 300 {
		if login := fmt.Sprintf("u%03d", i); logins[login] != 1 {
			t.Errorf("%s has %d tokens in the report, want 1", login, logins[login])
		}
	}
	if r.stderr != "" {
		t.Errorf("stderr = %q, want nothing", r.stderr)
	}
}

// TestReviewReportsTheUsersThatFailed: two users' token searches answer
// 500 whatever the retries. The review prints every other token, names the
// two users and why on standard error, and exits 1.
func TestReviewReportsTheUsersThatFailed(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	flakyUsers(e, 300)
	broken := map[string]bool{"u017": true, "u123": true}
	h := e.sim.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/user_tokens/search" && broken[r.URL.Query().Get("login")] {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"errors":[{"msg":"An error has occurred. Please contact your administrator"}]}`))
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	e.vars["SONAR_HOST_URL"] = srv.URL

	wantErr := `sonartoken: the review is incomplete: the report above lacks the tokens of 2 users, which could not be read:
  u017: The server failed (500): An error has occurred. Please contact your administrator
  u123: The server failed (500): An error has occurred. Please contact your administrator
`
	r := e.run("review", "--json").expect(t, ExitError)
	logins := reviewLogins(t, r.stdout)
	for i := range 300 {
		login := fmt.Sprintf("u%03d", i)
		if want := map[bool]int{false: 1, true: 0}[broken[login]]; logins[login] != want {
			t.Errorf("%s has %d tokens in the report, want %d", login, logins[login], want)
		}
	}
	if logins["admin"] != 4 {
		t.Errorf("admin has %d tokens in the report, want 4", logins["admin"])
	}
	if r.stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, wantErr)
	}

	// The table too: every row but theirs, the same words on stderr.
	r = e.run("review").expect(t, ExitError)
	if rows := strings.Count(r.stdout, "\n") - 1; rows != 298+4 {
		t.Errorf("%d rows in the table, want %d", rows, 298+4)
	}
	if strings.Contains(r.stdout, "tok-u017") || !strings.Contains(r.stdout, "tok-u016") {
		t.Errorf("the table:\n%s", r.stdout)
	}
	if r.stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, wantErr)
	}
}
