package ui

import (
	"github.com/sonartoken/sonartoken/ui/revoke"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/review"
)

// TestEndToEndBulkRevokeWarnsOfConsoleToken: against sonarsim over HTTP,
// the review's bulk revocation of every token warns that the console's
// own token (sonarsim's "sonartoken-console", found from the server's
// expiry header and the value's prefix) may be among them, keeps it in
// the bulk, and the server then receives its revocation; a bulk of the
// expired tokens only does not warn.
func TestEndToEndBulkRevokeWarnsOfConsoleToken(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 7, Users: 4, Tokens: 16})
	m := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Review: true, Concurrency: 2,
		Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeOfValue(sim.AdminToken())}, 80, 24)
	if m.Page() != PageReview || m.Review().State() != review.StateDone {
		t.Fatalf("page %v, review %v, error %q", m.Page(), m.Review().State(), m.Status().Error())
	}
	if _, ok := c.TokenExpiration(); !ok {
		t.Fatal("sonarsim sent no expiry header for the console's token")
	}
	m = press(m, "1", "a", "d")
	if m.Mode() != ModeConfirm || strings.Contains(dialogWords(m.View()), "signed in with") {
		t.Fatalf("expired tokens only: mode %v:\n%s", m.Mode(), m.View())
	}
	m = press(m, "n", "0", "a", "d")
	if m.Mode() != ModeConfirm || !strings.Contains(dialogWords(m.View()), revoke.SignOutWarning) {
		t.Fatalf("every token: no warning at 80x24:\n%s", m.View())
	}
	sim.ResetRequests()
	press(m, "y")
	var revokes []sonarsim.Request
	for _, r := range sim.Requests() {
		if strings.HasSuffix(r.Path, "api/user_tokens/revoke") {
			revokes = append(revokes, r)
		}
	}
	if len(revokes) == 0 || revokes[len(revokes)-1].Params.Get("name") != "sonartoken-console" {
		t.Fatalf("the console's token, which the user chose, must be revoked, and last: %d revocations", len(revokes))
	}
	// Revoked last, it turns none of the others into a 401.
	for _, r := range revokes {
		if r.Status != 204 {
			t.Errorf("revoke of %q (%s) answered %d", r.Params.Get("name"), r.Params.Get("login"), r.Status)
		}
	}
}

// TestEndToEndBulkRevokeWithoutTheExpiryHeader: a proxy that drops the
// SonarQube-Authentication-Token-Expiration header hid the console's own
// token (sonarsim's "sonartoken-console", which expires): the bulk did
// not warn, revoked it among the others and turned the rest into 401s.
// Now every unexpired user token of the admin may be the console's: the
// bulk warns, and revokes those last, the most recently used (the
// console's own, which sonarsim marks used as it authenticates) at the
// very end.
func TestEndToEndBulkRevokeWithoutTheExpiryHeader(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	opts := sonarsim.Options{Seed: 7, Users: 4, Tokens: 16, Now: clock}
	sim := sonarsim.New(opts)
	h := sim.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			if k != http.CanonicalHeaderKey(client.ExpirationHeader) {
				w.Header()[k] = v
			}
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	c := simClientAs(t, sim, srv.URL, sim.AdminToken())
	m := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Review: true, Concurrency: 2,
		Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeOfValue(sim.AdminToken())}, 80, 24)
	if m.Page() != PageReview || m.Review().State() != review.StateDone {
		t.Fatalf("page %v, review %v, error %q", m.Page(), m.Review().State(), m.Status().Error())
	}
	if _, ok := c.TokenExpiration(); ok {
		t.Fatal("the proxy let the expiry header through")
	}
	var console model.Token
	for _, tok := range sim.Tokens("admin") {
		if tok.Name == "sonartoken-console" {
			console = model.Token{Login: "admin", Name: tok.Name, ExpiresAt: tok.ExpiresAt}
		}
	}
	if console.ExpiresAt == nil {
		t.Fatal("sonarsim's console token has no expiry: nothing shows the header was needed")
	}
	m = press(m, "0", "a", "d")
	if m.Mode() != ModeConfirm || !strings.Contains(dialogWords(m.View()), revoke.SignOutWarning) {
		t.Fatalf("every token: no warning at 80x24:\n%s", m.View())
	}
	sim.ResetRequests()
	press(m, "y")
	var revokes []sonarsim.Request
	for _, r := range sim.Requests() {
		if strings.HasSuffix(r.Path, "api/user_tokens/revoke") {
			revokes = append(revokes, r)
		}
	}
	if len(revokes) == 0 {
		t.Fatal("nothing revoked")
	}
	// Revoked last, it turns none of the others into a 401.
	for _, r := range revokes {
		if r.Status != 204 {
			t.Errorf("revoke of %q (%s) answered %d", r.Params.Get("name"), r.Params.Get("login"), r.Status)
		}
	}
	if last := revokes[len(revokes)-1]; last.Params.Get("name") != console.Name {
		t.Errorf("the last revoke is of %q, want the console's token", last.Params.Get("name"))
	}
}
