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

// TestRotateCheckNamesTheRotationsUser: the check compares who the new
// token signs in as with the user the rotation is for (the signed-in one,
// or --login's), not with the login the generate answer names. Behind a
// proxy that names another user in the generate answer and answers
// api/users/current as that user for any token but the console's,
// rotating one's own token used to pass the check ("signs in as
// mallory") and revoke the old token; it now keeps the old token.
func TestRotateCheckNamesTheRotationsUser(t *testing.T) {
	sim := sonarsim.New(sonarsim.Options{Empty: true, Now: func() time.Time { return now }})
	t.Cleanup(func() { _ = sim.Close() })
	e := &testEnv{t: t, sim: sim}
	e.issue(sonarsim.TokenSpec{Login: "admin", Name: "laptop", CreatedAt: now.Add(-24 * time.Hour)})
	h := sim.Handler()
	admin := sim.AdminToken()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _, _ := r.BasicAuth()
		switch {
		case r.URL.Path == "/api/users/current" && user != admin && !strings.HasSuffix(r.Header.Get("Authorization"), admin):
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"isLoggedIn":true,"login":"mallory","name":"Mallory"}`))
		case r.URL.Path == "/api/user_tokens/generate":
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			var body map[string]any
			if json.Unmarshal(rec.Body.Bytes(), &body) == nil {
				body["login"] = "mallory"
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(rec.Code)
				_ = json.NewEncoder(w).Encode(body)
				return
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		default:
			h.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	e.url = srv.URL
	e.vars = map[string]string{"SONAR_HOST_URL": srv.URL, "SONAR_TOKEN": admin, "XDG_STATE_HOME": t.TempDir()}

	r := e.run("rotate", "laptop").expect(t, ExitError)
	if !strings.Contains(r.stderr, `does not sign in: the server signed the new token in as another user than admin`) || r.stdout != "" {
		t.Errorf("stdout %q\nstderr %s", r.stdout, r.stderr)
	}
	if got := strings.Join(e.tokenNames("admin"), ","); !strings.Contains(got, "laptop") || strings.Contains(got, "laptop-") {
		t.Errorf("tokens after the refused rotation: %s", got)
	}
}
