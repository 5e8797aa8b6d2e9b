package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestReviewWithoutUsersSearch runs `sonartoken review` against a server
// whose api/users/search is gone: on 10.6 it lists the users with API v2
// and prints the same report; on 9.9, which has no API v2, it fails with
// the 404 in words.
func TestReviewWithoutUsersSearch(t *testing.T) {
	report := func(opts sonarsim.Options) (result, *testEnv) {
		e := newTestEnv(t, opts)
		e.issue(sonarsim.TokenSpec{Login: "dev", Name: "dev-ci", CreatedAt: now.Add(-200 * 24 * time.Hour), ExpiresAt: ptr(now.Add(10 * 24 * time.Hour))})
		return e.run("review", "--concurrency", "2"), e
	}
	want, _ := report(sonarsim.Options{})
	want.expect(t, ExitOK)
	got, e := report(sonarsim.Options{WithoutUsersSearch: true})
	got.expect(t, ExitOK)
	if got.stdout != want.stdout {
		t.Errorf("stdout through API v2:\n%s\nwant:\n%s", got.stdout, want.stdout)
	}
	v2 := 0
	for _, r := range e.sim.Requests() {
		if r.Path == "/api/v2/users-management/users" {
			v2++
		}
	}
	if v2 == 0 {
		t.Error("no API v2 request")
	}

	old, _ := report(sonarsim.Options{Version: "9.9", WithoutUsersSearch: true})
	old.expect(t, ExitNotFound)
	if !strings.Contains(old.stderr, "does not offer api/users/search") {
		t.Errorf("stderr on 9.9:\n%s", old.stderr)
	}
}
