package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// endless answers every request with status and a JSON body that never
// ends (until the client hangs up), counting the bytes it sent.
func endless(t *testing.T, status int, sent *atomic.Int64) *httptest.Server {
	t.Helper()
	chunk := []byte(strings.Repeat(`{"name":"x","createdAt":"2024-01-01T00:00:00+0000"},`, 200))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"login":"x","userTokens":[`))
		for r.Context().Err() == nil {
			n, err := w.Write(chunk)
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// patientClient is newClient with a timeout far above what reading to a
// bound takes, even under the race detector on a busy machine: the tests
// of endless answers must end by the bound, never by the clock.
func patientClient(t *testing.T, url string) *Client {
	t.Helper()
	hc := &http.Client{Transport: mustTransport(t)}
	c, err := New(Options{BaseURL: url, Token: model.NewSecret("squ_x"), HTTPClient: hc, Retry: fastRetry, Timeout: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(hc.CloseIdleConnections)
	return c
}

func TestEndlessAnswerIsCutAtItsBound(t *testing.T) {
	var sent atomic.Int64
	srv := endless(t, http.StatusOK, &sent)
	c := patientClient(t, srv.URL)
	c.SetVersion(model.Version{Major: 10, Minor: 6})

	_, err := c.SearchTokens(context.Background(), "annie")
	var tl *TooLargeError
	if !errors.As(err, &tl) {
		t.Fatalf("err = %v (%T), want a *TooLargeError", err, err)
	}
	if tl.Limit != maxBody || tl.InFlight {
		t.Errorf("Limit = %d (in flight %v), want %d", tl.Limit, tl.InFlight, maxBody)
	}
	want := "The server's answer to api/user_tokens/search is larger than 8 MB, far more than SonarQube sends: is the URL SonarQube's?"
	if got := Describe(err); !strings.Contains(got, want) {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	if retryable(err) {
		t.Error("a too-large answer is retried: it would be read again")
	}
}

func TestEndlessErrorAnswerIsCutAndReported(t *testing.T) {
	var sent atomic.Int64
	srv := endless(t, http.StatusBadRequest, &sent)
	c := patientClient(t, srv.URL)
	c.SetVersion(model.Version{Major: 10, Minor: 6})

	_, err := c.SearchTokens(context.Background(), "annie")
	if got := sent.Load(); got > 8<<20 {
		t.Errorf("the client read %d MB of an error answer before giving up; want at most %d KB (and the socket's buffers)", got>>20, maxErrorBody>>10)
	}
	if !errors.Is(err, ErrNotSonarQube) && !errors.Is(err, ErrBadRequest) {
		t.Fatalf("err = %v (%T), want the 400 reported", err, err)
	}
}

// TestLargeLegitimateAnswerIsRead checks that the bound leaves room for a
// user with many tokens: 10,000 tokens with 100-character names.
func TestLargeLegitimateAnswerIsRead(t *testing.T) {
	const n = 10000
	var b strings.Builder
	b.WriteString(`{"login":"bot","userTokens":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"%s-%05d","createdAt":"2024-01-01T00:00:00+0000","lastConnectionDate":"2024-02-01T00:00:00+0000","type":"PROJECT_ANALYSIS_TOKEN","project":{"key":"some-project-key","name":"Some Project"},"expirationDate":"2027-01-01T00:00:00+0000","isExpired":false}`, strings.Repeat("n", 94), i)
	}
	b.WriteString(`]}`)
	body := b.String()
	srv := canned(t, http.StatusOK, "application/json", body)
	c := patientClient(t, srv.URL)
	c.SetVersion(model.Version{Major: 10, Minor: 6})

	toks, err := c.SearchTokens(context.Background(), "bot")
	if err != nil {
		t.Fatalf("SearchTokens of a %d-byte answer: %v", len(body), err)
	}
	if len(toks) != n {
		t.Errorf("%d tokens, want %d", len(toks), n)
	}
}

// TestInFlightBudgetSpansRequests reads endless answers with 16 requests
// at once: together they stop at the client's in-flight bound, each with
// a *TooLargeError, and the budget is whole again afterwards.
func TestInFlightBudgetSpansRequests(t *testing.T) {
	var sent atomic.Int64
	srv := endless(t, http.StatusOK, &sent)
	c := patientClient(t, srv.URL)
	c.SetVersion(model.Version{Major: 10, Minor: 6})

	errs := make(chan error, 16)
	for range 16 {
		go func() {
			_, err := c.SearchTokens(context.Background(), "annie")
			errs <- err
		}()
	}
	inFlight := 0
	for range 16 {
		var tl *TooLargeError
		if err := <-errs; !errors.As(err, &tl) {
			t.Fatalf("err = %v, want a *TooLargeError", err)
		} else if tl.InFlight {
			inFlight++
		}
	}
	if inFlight == 0 {
		t.Error("16 endless answers at once never met the in-flight bound")
	}
	if got := c.inFlight.Load(); got != 0 {
		t.Errorf("in-flight bytes after the requests = %d, want 0", got)
	}
}

// TestHugeHeadersAreRefused: a server whose answer carries megabytes of
// headers is stopped at maxHeaderBytes, in words, without retries.
func TestHugeHeadersAreRefused(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		for i := range 2000 {
			w.Header().Add(fmt.Sprintf("X-Junk-%d", i), strings.Repeat("j", 1000))
		}
		_, _ = w.Write([]byte("10.6.0.92116"))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Options{BaseURL: srv.URL, Retry: fastRetry})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.http.CloseIdleConnections)

	_, err = c.ServerVersion(context.Background())
	var tl *TooLargeError
	if !errors.As(err, &tl) || !tl.Headers {
		t.Fatalf("err = %v (%T), want a *TooLargeError of the headers", err, err)
	}
	if want := "has headers larger than 64 KB, far more than SonarQube sends"; !strings.Contains(Describe(err), want) {
		t.Errorf("Describe = %q, want %q", Describe(err), want)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("%d requests, want 1 (no retry)", n)
	}
}
