package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/secrettest"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// newEchoEnv is newTestEnv behind a server that echoes the Authorization
// header in shape with status on paths (secrettest.Echo).
func newEchoEnv(t *testing.T, version string, shape secrettest.Shape, status int, paths ...string) *testEnv {
	t.Helper()
	sim := sonarsim.New(sonarsim.Options{Empty: true, Version: version, Now: func() time.Time { return now }})
	srv := httptest.NewServer(secrettest.Echo(sim.Handler(), shape, status, paths...))
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	e := &testEnv{t: t, sim: sim, url: srv.URL, vars: map[string]string{
		"SONAR_HOST_URL": srv.URL,
		"SONAR_TOKEN":    sim.AdminToken(),
		"XDG_STATE_HOME": t.TempDir(),
	}}
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "laptop", CreatedAt: now.Add(-time.Hour)})
	return e
}

// TestEchoedTokenNeverShown: a server or proxy that copies the
// Authorization header into its errors (JSON messages, an HTML page, a
// redirect's Location) gets no piece of the token onto standard error,
// into the audit log's error field, into sonartoken log's output (table
// and JSON), or into the --debug log, with Basic (9.9) and Bearer (10.6).
func TestEchoedTokenNeverShown(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache) // os.UserCacheDir: the --debug log
	var all []string
	for _, version := range []string{"9.9", "10.6"} {
		for _, shape := range secrettest.Shapes {
			name := version + "/" + string(shape)
			// A 500 is retried: the debug log records each failure's words.
			status := http.StatusBadRequest
			if shape == secrettest.JSON {
				status = http.StatusInternalServerError
			}
			e := newEchoEnv(t, version, shape, status, "api/user_tokens/search")
			token := []string{e.vars["SONAR_TOKEN"]}
			all = append(all, token...)

			r := e.run("--debug", "list")
			if r.code == ExitOK {
				t.Fatalf("%s: list passed against the echo", name)
			}
			secrettest.AssertNoPiecesIn(t, name+": list's stderr", []byte(r.stderr), token)
			secrettest.AssertNoPiecesIn(t, name+": list's stdout", []byte(r.stdout), token)

			// The search answers; the revoke echoes.
			e = newEchoEnv(t, version, shape, status, "api/user_tokens/revoke")
			token = []string{e.vars["SONAR_TOKEN"]}
			all = append(all, token...)
			r = e.run("--debug", "revoke", "--yes", "laptop")
			if r.code == ExitOK {
				t.Fatalf("%s: revoke passed against the echo", name)
			}
			secrettest.AssertNoPiecesIn(t, name+": revoke's stderr", []byte(r.stderr), token)

			audit, err := os.ReadFile(filepath.Join(e.vars["XDG_STATE_HOME"], "sonartoken", "audit.jsonl"))
			if err != nil || len(audit) == 0 {
				t.Fatalf("%s: no audit line: %v", name, err)
			}
			secrettest.AssertNoPiecesIn(t, name+": the audit log", audit, token)
			for _, args := range [][]string{{"log"}, {"log", "--json"}} {
				r := e.run(args...).expect(t, ExitOK)
				secrettest.AssertNoPiecesIn(t, name+": "+args[len(args)-1], []byte(r.stdout+r.stderr), token)
			}
		}
	}
	debug, err := os.ReadFile(filepath.Join(cache, "sonartoken", "debug.log"))
	if err != nil || len(debug) == 0 {
		t.Fatalf("no debug log: %v", err)
	}
	secrettest.AssertNoPiecesIn(t, "the debug log", debug, all)
}
