package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

func TestReview(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.issue(sonarsim.TokenSpec{Login: "dev", Name: "dev-ci", CreatedAt: now.Add(-200 * 24 * time.Hour), ExpiresAt: ptr(now.Add(10 * 24 * time.Hour))})
	must(t, e.sim.AddUser(sonarsim.UserSpec{Login: "gone"}))
	e.issue(sonarsim.TokenSpec{Login: "gone", Name: "old"})
	must(t, e.sim.DeactivateUser("gone"))

	r := e.run("review").expect(t, ExitOK)
	// SIGNED IN is each owner's last sign-in: admin's is this review's.
	want := `LOGIN  SIGNED IN   NAME                TYPE     PROJECT  LAST USE    CREATED     EXPIRES     STATUS
admin  2026-03-01  expired-ci          User     -        2026-02-27  2025-12-31  2026-02-28  expired
admin  2026-03-01  laptop              User     -        never       2025-12-31  2026-03-04  expiring
admin  2026-03-01  scan-app            Project  The App  2026-02-27  2025-12-31  never       no-expiration
admin  2026-03-01  sonartoken-console  User     -        2026-03-01  2026-03-01  2026-05-30  active
dev    never       dev-ci              User     -        never       2025-08-13  2026-03-11  active
`
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}

	// A wider window makes dev-ci expiring; filters narrow.
	r = e.run("review", "--expiring-within", "14d", "--status", "expiring,expired", "--json", "--concurrency", "1").expect(t, ExitOK)
	var got []map[string]any
	must(t, json.Unmarshal([]byte(r.stdout), &got))
	var names []string
	for _, o := range got {
		names = append(names, o["login"].(string)+"/"+o["name"].(string)+"/"+o["status"].(string))
	}
	if strings.Join(names, " ") != "admin/expired-ci/expired admin/laptop/expiring dev/dev-ci/expiring" {
		t.Errorf("got %v", names)
	}
	r = e.run("review", "--type", "project", "--json").expect(t, ExitOK)
	if strings.Count(r.stdout, `"name": "scan-app"`) != 1 || strings.Count(r.stdout, `"login"`) != 1 {
		t.Errorf("--type project: %s", r.stdout)
	}
	r = e.run("review", "--unused-for", "90d", "--login", "dev").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "dev-ci") || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("--unused-for: %s", r.stdout)
	}

	dev := e.devToken()
	r = e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": dev}}, "review").expect(t, ExitForbidden)
	if !strings.Contains(r.stderr, "review needs the Administer System permission") || strings.Contains(r.stderr, "Analysis tokens") {
		t.Errorf("non-admin review: %s", r.stderr)
	}
	global := e.issue(sonarsim.TokenSpec{Login: "admin", Name: "admin-scan", Type: "GLOBAL_ANALYSIS_TOKEN", CreatedAt: now})
	r = e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": global}}, "review").expect(t, ExitForbidden)
	if !strings.Contains(r.stderr, "review needs the Administer System permission") || !strings.Contains(r.stderr, "Global Analysis Token never carries it") {
		t.Errorf("review with an administrator's analysis token: %s", r.stderr)
	}
	e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": dev}}, "review", "--login", "dev").expect(t, ExitOK)
	e.run("review", "--status", "stale").expect(t, ExitUsage)
	e.run("review", "--concurrency", "0").expect(t, ExitUsage)
	e.run("review", "--expiring-within", "soon").expect(t, ExitUsage)
}
