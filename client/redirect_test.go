package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// recorder is a hostile server's accomplice: it logs every request it gets
// with its Authorization header and method, and answers like SonarQube's
// version endpoint.
type recorder struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []string // "METHOD path auth=..."
}

func newRecorder(t *testing.T, tlsOn bool) *recorder {
	t.Helper()
	r := &recorder{}
	h := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, req.Method+" "+req.URL.Path+" auth="+req.Header.Get("Authorization")+" body="+string(body))
		r.mu.Unlock()
		_, _ = io.WriteString(w, "10.6.0.92116")
	})
	r.srv = httptest.NewUnstartedServer(h)
	r.srv.Config.ErrorLog = quietLog()
	if tlsOn {
		r.srv.StartTLS()
	} else {
		r.srv.Start()
	}
	t.Cleanup(r.srv.Close)
	return r
}

func (r *recorder) requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got...)
}

// redirector answers every request with status and a Location built from
// target and the request's path and query, as a misconfigured proxy or a
// hostile server does.
func redirector(t *testing.T, tlsOn bool, status int, target func(*http.Request) string) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.Redirect(w, req, target(req), status)
	}))
	srv.Config.ErrorLog = quietLog()
	if tlsOn {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv
}

// tlsClient builds a client of base trusting the test servers' certificate.
func tlsClient(t *testing.T, base, token string, trust *httptest.Server) *Client {
	t.Helper()
	hc := trust.Client()
	c, err := New(Options{BaseURL: base, Token: model.NewSecret(token), HTTPClient: hc, Retry: fastRetry, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(hc.CloseIdleConnections)
	return c
}

const redirectToken = "squ_redirect0123456789abcdef0123456789abcd"

// expectRedirect checks that err is a *RedirectError whose words name want
// and never the token.
func expectRedirect(t *testing.T, err error, want string) *RedirectError {
	t.Helper()
	var re *RedirectError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v (%T), want a *RedirectError", err, err)
	}
	msg := Describe(err)
	if !strings.Contains(msg, want) {
		t.Errorf("Describe = %q, want it to contain %q", msg, want)
	}
	if strings.Contains(msg+err.Error(), redirectToken) {
		t.Errorf("the token leaked into the error: %q", msg)
	}
	return re
}

func TestRedirectToAnotherPortIsNotFollowed(t *testing.T) {
	other := newRecorder(t, false)
	hostile := redirector(t, false, http.StatusTemporaryRedirect, func(r *http.Request) string { return other.srv.URL + r.URL.RequestURI() })
	c := newClient(t, hostile.URL, redirectToken)
	c.SetVersion(model.Version{Major: 10, Minor: 6})

	_, err := c.ServerVersion(context.Background())
	if got := other.requests(); len(got) != 0 {
		t.Errorf("the other port received %q; want no request (it would have carried the token)", got)
	}
	expectRedirect(t, err, "The server redirected to "+other.srv.URL+". The token was not sent there.")
	expectKind(t, err, KindRedirect)
}

func TestRedirectFromHTTPSToHTTPIsNotFollowed(t *testing.T) {
	plain := newRecorder(t, false)
	hostile := redirector(t, true, http.StatusFound, func(r *http.Request) string { return plain.srv.URL + r.URL.RequestURI() })
	c := tlsClient(t, hostile.URL, redirectToken, hostile)

	_, err := c.ServerVersion(context.Background())
	if got := plain.requests(); len(got) != 0 {
		t.Errorf("the clear-text server received %q; want nothing", got)
	}
	expectRedirect(t, err, "The server redirected to "+plain.srv.URL)
}

func TestRedirectOfAPostIsNeverReplayed(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			target := newRecorder(t, false)
			// Same origin as the target: only the method stops it.
			mux := http.NewServeMux()
			mux.HandleFunc("POST /api/user_tokens/generate", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/moved/api/user_tokens/generate", status)
			})
			mux.Handle("/", target.srv.Config.Handler)
			srv := httptest.NewServer(mux)
			t.Cleanup(srv.Close)
			c := newClient(t, srv.URL, redirectToken)
			c.SetVersion(model.Version{Major: 10, Minor: 6})

			_, err := c.Generate(context.Background(), GenerateRequest{Name: "ci"})
			if got := target.requests(); len(got) != 0 {
				t.Errorf("the redirect target received %q; want no request", got)
			}
			re := expectRedirect(t, err, "a change is never replayed on a redirect")
			if re.Method != http.MethodPost {
				t.Errorf("Method = %q", re.Method)
			}
			if MayHaveReachedServer(err) {
				t.Error("MayHaveReachedServer = true for a redirect that was not followed")
			}
		})
	}
}

func TestRedirectFromHTTPToHTTPSNamesTheHTTPSURL(t *testing.T) {
	secure := newRecorder(t, true)
	hostile := redirector(t, false, http.StatusMovedPermanently, func(r *http.Request) string { return secure.srv.URL + r.URL.RequestURI() })
	c := newClient(t, hostile.URL+"/sonar", redirectToken)

	_, err := c.ServerVersion(context.Background())
	re := expectRedirect(t, err, "The server redirects http:// to https://, to "+secure.srv.URL+"/sonar.")
	expectKind(t, err, KindRedirectHTTPS)
	if !re.Upgrade() {
		t.Error("Upgrade() = false for http to https of the same host")
	}
	if got := secure.requests(); len(got) != 0 {
		t.Errorf("the https server received %q; want nothing until the user switches", got)
	}
}

func TestSameOriginRedirectOfAGetIsFollowed(t *testing.T) {
	sim := sonarsim.New(sonarsim.Options{Empty: true})
	t.Cleanup(func() { _ = sim.Close() })
	mux := http.NewServeMux()
	mux.HandleFunc("/old/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.TrimPrefix(r.URL.RequestURI(), "/old"), http.StatusTemporaryRedirect)
	})
	mux.Handle("/", sim.Handler())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL+"/old", sim.AdminToken())

	if _, err := c.Connect(context.Background()); err != nil {
		t.Fatalf("Connect through a same-origin redirect: %v", err)
	}
	u, err := c.CurrentUser(context.Background())
	if err != nil || u.Login != "admin" {
		t.Fatalf("CurrentUser = %+v, %v; want admin (Authorization kept within the origin)", u, err)
	}
}

func TestSuggestedBaseKeepsTheContextPath(t *testing.T) {
	for _, tc := range []struct{ to, want string }{
		{"https://sonar.example.com/sonar/api/server/version", "https://sonar.example.com/sonar"},
		{"https://sonar.example.com:443/api/server/version", "https://sonar.example.com"},
		{"https://sonar.example.com:8443/api/server/version", "https://sonar.example.com:8443"},
		{"https://sonar.example.com/login", "https://sonar.example.com/login"},
	} {
		u := mustParse(t, tc.to)
		if got := suggestedBase(u, "api/server/version"); got != tc.want {
			t.Errorf("suggestedBase(%s) = %q, want %q", tc.to, got, tc.want)
		}
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestRedirectLoopIsReported(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL, redirectToken)

	_, err := c.ServerVersion(context.Background())
	expectRedirect(t, err, "The server redirected api/server/version more than 10 times")
	if got := n.Load(); got != maxRedirects {
		t.Errorf("%d requests, want %d", got, maxRedirects)
	}
}

// TestRedirectTargetIsQuotedSafely: the Location comes from the server;
// a bidi override or a C1 control in it reaches the message
// percent-encoded, and a scheme that is not the web's is no address to
// suggest.
func TestRedirectTargetIsQuotedSafely(t *testing.T) {
	for loc, want := range map[string]string{
		"https://evil\u202emoc.example/api/server/version": "https://evil%E2%80%AEmoc.example",
		"http://exa\u0085mple.com/a\u202eb":                "http://exa%C2%85mple.com/a%E2%80%AEb",
	} {
		srv := redirector(t, false, http.StatusFound, func(*http.Request) string { return loc })
		c := newClient(t, srv.URL, redirectToken)
		_, err := c.ServerVersion(context.Background())
		expectRedirect(t, err, "The server redirected to "+want+". ")
		if msg := Describe(err) + err.Error(); strings.ContainsAny(msg, "\u202e\u0085") {
			t.Errorf("raw control in %q", msg)
		}
	}
	srv := redirector(t, false, http.StatusFound, func(*http.Request) string { return "file:///etc/passwd" })
	c := newClient(t, srv.URL, redirectToken)
	if _, err := c.ServerVersion(context.Background()); !errors.Is(err, ErrNotSonarQube) {
		t.Errorf("err = %v, want ErrNotSonarQube", err)
	}
}
