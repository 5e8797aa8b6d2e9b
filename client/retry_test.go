package client

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

func statuses(rs []sonarsim.Request) []int {
	out := make([]int, len(rs))
	for i, r := range rs {
		out[i] = r.Status
	}
	return out
}

// A Retry-After longer than the policy allows one wait to be is not
// shortened: the client gives up at once and the user is told (waiting
// the asked time is TestFaultRetryAfter's case).
func TestRetryAfterLongerThanPolicyGivesUp(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 503, RetryAfter: "1", Count: 2, PathPrefix: "/api/user_tokens/search"})
	start := time.Now()
	_, err := e.c.SearchTokens(context.Background(), "")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusServiceUnavailable {
		t.Fatalf("SearchTokens err = %v, want the 503", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("took %v: the client waited although Retry-After exceeds its 5 ms cap", d)
	}
	if got := statuses(e.requestsTo("/api/user_tokens/search")); len(got) != 1 || got[0] != 503 {
		t.Errorf("statuses %v, want one 503", got)
	}
}

func TestRetryAfterNeverShortened(t *testing.T) {
	for _, c := range []time.Duration{time.Second, time.Minute} {
		if got := (RetryPolicy{Cap: c}.withDefaults()).backoff(0, 2*time.Second); got != 2*time.Second {
			t.Errorf("Cap %v: backoff with Retry-After 2s = %v, want 2s (a longer wait than Cap gives up in do)", c, got)
		}
	}
	p := RetryPolicy{Base: 10 * time.Millisecond, Cap: 40 * time.Millisecond}.withDefaults()
	for attempt := range 6 {
		d := p.backoff(attempt, 0)
		ceiling := min(p.Base<<attempt, p.Cap)
		if d < ceiling/2 || d > ceiling {
			t.Errorf("attempt %d: %v outside [%v, %v]", attempt, d, ceiling/2, ceiling)
		}
	}
	for _, tt := range []struct {
		h    string
		want time.Duration
	}{{"", 0}, {"3", 3 * time.Second}, {"-1", 0}, {"soon", 0}} {
		r := &response{header: http.Header{}}
		if tt.h != "" {
			r.header.Set("Retry-After", tt.h)
		}
		if got := retryAfter(r); got != tt.want {
			t.Errorf("Retry-After %q = %v", tt.h, got)
		}
	}
	r := &response{header: http.Header{"Retry-After": {time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}}}
	if got := retryAfter(r); got < 59*time.Minute {
		t.Errorf("HTTP-date Retry-After = %v", got)
	}
}

func TestGetRetriedOnConnectionReset(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultReset, Count: 1, PathPrefix: "/api/users/current"})
	me, err := e.c.CurrentUser(context.Background())
	if err != nil || me.Login != "admin" {
		t.Fatalf("CurrentUser = %+v, %v", me, err)
	}
	if n := len(e.requestsTo("/api/users/current")); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestGetRetriesGiveUp(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 503, PathPrefix: "/api/user_tokens/search"})
	_, err := e.c.SearchTokens(context.Background(), "")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 503 || !ae.Temporary() {
		t.Fatalf("err = %v", err)
	}
	if n := len(e.requestsTo("/api/user_tokens/search")); n != 1+fastRetry.Max {
		t.Errorf("%d requests, want %d", n, 1+fastRetry.Max)
	}
	// Not retried: 4xx.
	for _, status := range []int{400, 404} {
		e.sim.ClearFaults()
		e.sim.ResetRequests()
		e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: status, PathPrefix: "/api/user_tokens/search"})
		if _, err := e.c.SearchTokens(context.Background(), ""); err == nil {
			t.Fatalf("%d: no error", status)
		}
		if n := len(e.requestsTo("/api/user_tokens/search")); n != 1 {
			t.Errorf("%d retried: %d requests", status, n)
		}
	}
	// Max -1 disables retries.
	e.sim.ClearFaults()
	e.sim.ResetRequests()
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 503, PathPrefix: "/api/user_tokens/search"})
	c := newClient(t, e.srv.URL, e.sim.AdminToken())
	c.retry = RetryPolicy{Max: -1}.withDefaults()
	c.SetVersion(e.c.Version())
	if _, err := c.SearchTokens(context.Background(), ""); err == nil {
		t.Fatal("no error")
	}
	if n := len(e.requestsTo("/api/user_tokens/search")); n != 1 {
		t.Errorf("Max -1: %d requests", n)
	}
}

func TestPostsNeverRetried(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	ctx := context.Background()

	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 503, RetryAfter: "0", Count: 1, PathPrefix: "/api/user_tokens/generate"})
	_, err := e.c.Generate(ctx, GenerateRequest{Name: "a"})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 503 || MayHaveReachedServer(err) {
		t.Errorf("503: %v (reached %v)", err, MayHaveReachedServer(err))
	}

	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultReset, Count: 1, PathPrefix: "/api/user_tokens/revoke"})
	err = e.c.Revoke(ctx, "", "a")
	var te *TransportError
	if !errors.As(err, &te) || !MayHaveReachedServer(err) {
		t.Errorf("reset: %v", err)
	}

	// A dropped answer: the token was created, the client cannot know.
	e.sim.DropResponses(1, "/api/user_tokens/generate")
	_, err = e.c.Generate(ctx, GenerateRequest{Name: "b"})
	if err == nil || !MayHaveReachedServer(err) {
		t.Errorf("dropped: %v", err)
	}
	found := false
	for _, ti := range e.sim.Tokens("admin") {
		found = found || ti.Name == "b"
	}
	if !found {
		t.Error("the dropped generate did not take effect")
	}
	if n := len(e.requestsTo("/api/user_tokens/generate")); n != 2 {
		t.Errorf("%d generate requests, want 2 (none retried)", n)
	}
	if n := len(e.requestsTo("/api/user_tokens/revoke")); n != 1 {
		t.Errorf("%d revoke requests, want 1", n)
	}
}

func TestCancelStopsRetrying(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 503, RetryAfter: "1", PathPrefix: "/api/user_tokens/search"})
	c := newClient(t, e.srv.URL, e.sim.AdminToken())
	c.SetVersion(e.c.Version())
	c.retry = RetryPolicy{Max: 10, Cap: 10 * time.Second, MaxElapsed: 30 * time.Second}.withDefaults()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.SearchTokens(ctx, "")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestHangTimesOut(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultHang, PathPrefix: "/api/users/current"})
	c := newClient(t, e.srv.URL, e.sim.AdminToken())
	c.SetVersion(e.c.Version())
	c.timeout = 30 * time.Millisecond
	c.retry = RetryPolicy{Max: 1, Base: time.Millisecond, Cap: time.Millisecond}.withDefaults()
	_, err := c.CurrentUser(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if d := Describe(err); d != "The server did not answer in time. It may be overloaded or unreachable." {
		t.Errorf("Describe = %q", d)
	}
	expectKind(t, err, KindTimeout)
	// The server logs a hung request once it sees the client go away.
	deadline := time.Now().Add(2 * time.Second)
	for len(e.requestsTo("/api/users/current")) < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := len(e.requestsTo("/api/users/current")); n != 2 {
		t.Errorf("%d requests, want 2 (timeouts of GETs are retried)", n)
	}
}
