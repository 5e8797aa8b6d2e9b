package ui

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/review"
)

// TestEndToEndReviewOfALyingServer: behind a proxy whose api/users/search
// answers page 1 to every page with a total of 1e9, the console's review
// scan never ended. It now ends with the users read, each once, says how
// many of the claimed total it scanned, and names the server's fault.
func TestEndToEndReviewOfALyingServer(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim := sonarsim.New(sonarsim.Options{Seed: 7, Users: 6, Tokens: 20, Now: clock})
	h := sim.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/users/search" {
			h.ServeHTTP(w, r)
			return
		}
		q := r.URL.Query()
		q.Set("p", "1")
		r.URL.RawQuery = q.Encode()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Error(err)
			return
		}
		body["paging"].(map[string]any)["total"] = 1_000_000_000
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	c := simClientAs(t, sim, srv.URL, sim.AdminToken())
	m := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Review: true, Concurrency: 2,
		Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeOfValue(sim.AdminToken())}, 120, 40)
	if m.Page() != PageReview || m.Review().State() != review.StateDone {
		t.Fatalf("page %v, review %v, error %q", m.Page(), m.Review().State(), m.Status().Error())
	}
	if got, want := m.Review().Table().Len(), len(sim.AllTokens()); got != want {
		t.Errorf("the review lists %d tokens, the server has %d", got, want)
	}
	words := dialogWords(m.View())
	for _, want := range []string{"Scanned 6 of 1000000000 users", "the user list: The server's paging repeats itself after page 1"} {
		if !strings.Contains(words, want) {
			t.Errorf("the review lacks %q:\n%s", want, m.View())
		}
	}
	m = press(m, "!")
	if words := dialogWords(m.View()); !strings.Contains(words, "lists only users that page 1 listed already. A proxy in front of SonarQube may drop the page parameter") {
		t.Errorf("the message log:\n%s", m.View())
	}
}
