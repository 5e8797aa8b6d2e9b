package sonarsim

import (
	"net/http"
	"testing"
)

// TestRequestLoggedBeforeApplied checks that a request is in the request
// log by the time its handler changes anything: whoever sees the new token
// (another request, the state itself) also finds the generate request, with
// its login and parameters. The status follows once the answer is known.
func TestRequestLoggedBeforeApplied(t *testing.T) {
	f := newFixture(t, Options{})
	real := actions[genPath]
	var seen []Request
	probe := real
	probe.handle = func(s *Server, c call) {
		seen = s.Requests()
		real.handle(s, c)
	}
	actions[genPath] = probe
	t.Cleanup(func() { actions[genPath] = real })

	r := f.post(genPath, f.tok["alice"], vals("name", "ci"))
	if r.status != http.StatusOK {
		t.Fatalf("generate: %d %s", r.status, r.body)
	}
	if len(seen) != 1 {
		t.Fatalf("when the generate handler ran, the log held %d requests, want the generate itself: %+v", len(seen), seen)
	}
	if got := seen[0]; got.Path != genPath || got.Login != "alice" || got.Params.Get("name") != "ci" || got.Status != 0 {
		t.Errorf("logged before applying: %+v, want %s by alice with name=ci and no status yet", got, genPath)
	}
	after := f.s.Requests()
	if len(after) != 1 || after[0].Status != http.StatusOK {
		t.Errorf("after the answer the log holds %+v, want one entry with status 200", after)
	}
}

// TestRequestLogFinishAfterReset checks that the status of a request in
// flight during ResetRequests lands nowhere, rather than on a newer entry.
func TestRequestLogFinishAfterReset(t *testing.T) {
	s := New(Options{Empty: true})
	old := s.record(Request{Path: "/old"})
	s.ResetRequests()
	s.record(Request{Path: "/new"})
	s.finish(old, http.StatusTeapot)
	got := s.Requests()
	if len(got) != 1 || got[0].Path != "/new" || got[0].Status != 0 {
		t.Errorf("log after a stale finish: %+v, want /new untouched", got)
	}
}
