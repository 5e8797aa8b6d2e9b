package client

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fastRetry keeps retry tests quick.
var fastRetry = RetryPolicy{Max: 3, Base: time.Millisecond, Cap: 5 * time.Millisecond, MaxElapsed: 2 * time.Second}

// env is a sonarsim server behind a real loopback listener and a client
// connected to it.
type env struct {
	sim *sonarsim.Server
	srv *httptest.Server
	c   *Client
}

// newEnv starts sonarsim with o over HTTP and connects a client with the
// admin's token. Everything is closed when the test ends.
func newEnv(t testing.TB, o sonarsim.Options) *env {
	t.Helper()
	sim := sonarsim.New(o)
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() {
		_ = sim.Close()
		srv.Close()
	})
	c := newClient(t, srv.URL, sim.AdminToken())
	if _, err := c.Connect(context.Background()); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	sim.ResetRequests()
	return &env{sim: sim, srv: srv, c: c}
}

// newClient builds a client for url authenticating with token ("" for
// none), whose idle connections are closed when the test ends.
func newClient(t testing.TB, url, token string) *Client {
	t.Helper()
	hc := &http.Client{Transport: mustTransport(t)}
	c, err := New(Options{BaseURL: url, Token: model.NewSecret(token), HTTPClient: hc, Retry: fastRetry, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(hc.CloseIdleConnections)
	return c
}

func mustTransport(t testing.TB) *http.Transport {
	t.Helper()
	tr, err := transport("", false)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// userClient returns a connected client authenticated as a new user of
// e's server with a user token.
func (e *env) userClient(t testing.TB, spec sonarsim.UserSpec) *Client {
	t.Helper()
	if err := e.sim.AddUser(spec); err != nil {
		t.Fatal(err)
	}
	v, err := e.sim.IssueToken(sonarsim.TokenSpec{Login: spec.Login, Name: "console"})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, e.srv.URL, v)
	c.SetVersion(e.c.Version())
	return c
}

// requestsTo returns the logged requests to path.
func (e *env) requestsTo(path string) []sonarsim.Request {
	var out []sonarsim.Request
	for _, r := range e.sim.Requests() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

var versions = []string{"8.9", "9.9", "10.6", "2025.1"}

// canned answers every request with status, content type and body.
func canned(t testing.TB, status int, contentType, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// quietLog discards a test server's error log (TLS handshake noise).
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

// settle waits until the simulator's request log stops growing. The
// simulator logs a request when its handler returns, which for a large
// answer is after the client has read it all.
func (e *env) settle() {
	n, stable := -1, 0
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline) && stable < 4; {
		if m := len(e.sim.Requests()); m == n {
			stable++
		} else {
			n, stable = m, 0
		}
		time.Sleep(2 * time.Millisecond)
	}
}
