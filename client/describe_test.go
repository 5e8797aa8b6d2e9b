package client

import (
	"context"
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

func TestNotSonarQube(t *testing.T) {
	loginPage := `<!DOCTYPE html><html><head><title>Sign in – Corp SSO</title></head><body>Please sign in</body></html>`
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		call        func(*Client) error
		reason      string
	}{
		{"HTML login page for the version", 200, "text/html", loginPage, func(c *Client) error { _, err := c.ServerVersion(context.Background()); return err }, `an HTML page titled "Sign in – Corp SSO"`},
		{"HTML login page for JSON", 200, "text/html; charset=utf-8", loginPage, func(c *Client) error { _, err := c.CurrentUser(context.Background()); return err }, `an HTML page titled "Sign in – Corp SSO"`},
		{"HTML 401 from a proxy", 401, "text/html", loginPage, func(c *Client) error { _, err := c.SearchTokens(context.Background(), ""); return err }, `an HTML page titled "Sign in – Corp SSO"`},
		{"HTML 404", 404, "text/html", "<html><body>nope</body></html>", func(c *Client) error { _, err := c.SearchTokens(context.Background(), ""); return err }, "an HTML page"},
		{"garbage", 200, "text/plain", "hello world", func(c *Client) error { _, err := c.CurrentUser(context.Background()); return err }, "text that is not JSON"},
		{"garbage version", 200, "text/plain", "hello world", func(c *Client) error { _, err := c.ServerVersion(context.Background()); return err }, "text that is not JSON"},
		{"truncated JSON", 200, "application/json", `{"login":"admin","userTokens":[{"name":"a"`, func(c *Client) error { _, err := c.SearchTokens(context.Background(), ""); return err }, "truncated or malformed JSON"},
		{"other JSON", 200, "application/json", `{"hello":"world"}`, func(c *Client) error { _, err := c.CurrentUser(context.Background()); return err }, "JSON of an unexpected shape"},
		{"users without paging", 200, "application/json", `{"users":[]}`, func(c *Client) error { _, err := c.SearchUsers(context.Background(), UsersQuery{}); return err }, "JSON without paging"},
		{"empty body", 200, "application/json", ``, func(c *Client) error { _, err := c.Validate(context.Background()); return err }, "an empty answer"},
		{"bad date", 200, "application/json", `{"login":"a","userTokens":[{"name":"a","createdAt":"yesterday"}]}`, func(c *Client) error { _, err := c.SearchTokens(context.Background(), ""); return err }, "a date in an unknown format"},
		{"generate without token", 200, "application/json", `{"login":"a","name":"x"}`, func(c *Client) error {
			_, err := c.Generate(context.Background(), GenerateRequest{Name: "x"})
			return err
		}, "an answer without the token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := canned(t, tt.status, tt.contentType, tt.body)
			c := newClient(t, srv.URL, "squ_x")
			err := tt.call(c)
			if !errors.Is(err, ErrNotSonarQube) {
				t.Fatalf("err = %v (%T), want ErrNotSonarQube", err, err)
			}
			for name, s := range sentinels {
				if s != ErrNotSonarQube && errors.Is(err, s) {
					t.Errorf("also matches %s", name)
				}
			}
			var ns *NotSonarQubeError
			if !errors.As(err, &ns) || ns.Status != tt.status || ns.Reason != tt.reason {
				t.Errorf("NotSonarQubeError = %+v, want status %d reason %q", ns, tt.status, tt.reason)
			}
			d := Describe(err)
			if !strings.Contains(d, tt.reason) || !strings.Contains(d, "Check that the URL points at SonarQube itself") {
				t.Errorf("Describe = %q", d)
			}
			if strings.Contains(d, "squ_x") || strings.Contains(err.Error(), "squ_x") {
				t.Error("token value in the error")
			}
		})
	}
}

func TestSimNonJSONFault(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultNonJSON, Count: 1})
	_, err := e.c.SearchTokens(context.Background(), "")
	if !errors.Is(err, ErrNotSonarQube) || !strings.Contains(Describe(err), `an HTML page titled "Sign in"`) {
		t.Errorf("err = %v / %s", err, Describe(err))
	}
	// A truncated answer (Content-Length not met) is a transport failure.
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultTruncate, Count: 1, PathPrefix: "/api/user_tokens/generate"})
	_, err = e.c.Generate(context.Background(), GenerateRequest{Name: "t"})
	var te *TransportError
	if !errors.As(err, &te) || !MayHaveReachedServer(err) {
		t.Errorf("truncated generate: %v", err)
	}
}

func TestProxy503PageIsRetried(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(503)
			_, _ = w.Write([]byte("<html><title>503 Service Temporarily Unavailable</title></html>"))
			return
		}
		_, _ = w.Write([]byte("10.6.0.92116"))
	}))
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL, "")
	v, err := c.ServerVersion(context.Background())
	if err != nil || v.Short() != "10.6" || calls != 2 {
		t.Errorf("ServerVersion = %v, %v after %d calls", v, err, calls)
	}
}

func TestDescribeNetwork(t *testing.T) {
	ctx := context.Background()
	t.Run("connection refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		c := newClient(t, "http://"+addr, "")
		_, err = c.ServerVersion(ctx)
		var te *TransportError
		if !errors.As(err, &te) {
			t.Fatalf("err = %v", err)
		}
		if d := Describe(err); !strings.HasPrefix(d, "Connection refused: nothing listens at the server URL.") {
			t.Errorf("Describe = %q", d)
		}
		expectKind(t, err, KindUnreachable)
	})
	t.Run("DNS", func(t *testing.T) {
		c := newClient(t, "https://sonar.does-not-exist.invalid", "")
		c.retry = RetryPolicy{Max: -1}.withDefaults()
		_, err := c.ServerVersion(ctx)
		var dnsErr *net.DNSError
		if !errors.As(err, &dnsErr) {
			t.Skipf("no DNS error in this sandbox: %v", err)
		}
		if d := Describe(err); d != `Cannot resolve the host name "sonar.does-not-exist.invalid". Check the server URL and your DNS or VPN.` {
			t.Errorf("Describe = %q", d)
		}
		expectKind(t, err, KindDNS)
	})
	t.Run("unknown TLS authority", func(t *testing.T) {
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("10.6.0.92116"))
		}))
		srv.Config.ErrorLog = quietLog()
		t.Cleanup(srv.Close)
		c := newClient(t, srv.URL, "")
		_, err := c.ServerVersion(ctx)
		if d := Describe(err); !strings.HasPrefix(d, "The server's TLS certificate is signed by an unknown authority:") {
			t.Errorf("Describe(%v) = %q", err, d)
		}
		expectKind(t, err, KindTLSUnknownAuthority)
		// Trusting the server's CA with CAFile fixes it.
		dir := t.TempDir()
		ca := filepath.Join(dir, "ca.pem")
		block := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
		if err := os.WriteFile(ca, block, 0o600); err != nil {
			t.Fatal(err)
		}
		tr, err := transport(ca, false)
		if err != nil {
			t.Fatal(err)
		}
		hc := &http.Client{Transport: tr}
		t.Cleanup(hc.CloseIdleConnections)
		ok, err := New(Options{BaseURL: srv.URL, HTTPClient: hc})
		if err != nil {
			t.Fatal(err)
		}
		if v, err := ok.ServerVersion(ctx); err != nil || v.Short() != "10.6" {
			t.Errorf("with CAFile: %v %v", v, err)
		}
		if _, err := transport(filepath.Join(dir, "missing.pem"), false); err == nil {
			t.Error("missing CA file accepted")
		}
	})
	t.Run("plain HTTP on an https URL", func(t *testing.T) {
		srv := canned(t, 200, "text/plain", "10.6.0.1")
		c := newClient(t, strings.Replace(srv.URL, "http://", "https://", 1), "")
		c.retry = RetryPolicy{Max: -1}.withDefaults()
		_, err := c.ServerVersion(ctx)
		if d := Describe(err); d != "The server did not answer TLS: it may speak plain HTTP. Try an http:// URL." {
			t.Errorf("Describe(%v) = %q", err, d)
		}
		expectKind(t, err, KindNotTLS)
	})
	t.Run("cancelled", func(t *testing.T) {
		srv := canned(t, 200, "text/plain", "10.6.0.1")
		c := newClient(t, srv.URL, "")
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := c.ServerVersion(cctx)
		if Describe(err) != "Cancelled." {
			t.Errorf("Describe(%v) = %q", err, Describe(err))
		}
		expectKind(t, err, KindCanceled)
	})
	if Describe(nil) != "" {
		t.Error("Describe(nil)")
	}
}

func TestDescribeStatuses(t *testing.T) {
	tests := []struct {
		status int
		msgs   []string
		want   string
	}{
		{429, nil, "The server is rate-limiting requests (429). Wait a moment and try again."},
		{500, []string{"An error has occurred. Please contact your administrator"}, "The server failed (500): An error has occurred. Please contact your administrator"},
		{502, nil, "The server failed (502 Bad Gateway). Try again; if it persists, check the server's logs."},
		{404, nil, "Not found (404) at api/x: the server may be older than this feature, or the URL is not SonarQube's."},
		{404, []string{"Unknown url : /api/x"}, "The server does not offer api/x (404, \"Unknown url : /api/x\"): its version may not have this API (too old, or a newer one that removed it), a proxy in front of it may block the path, or the URL is not SonarQube's."},
		{410, nil, "Gone (410) at api/x: the server, or a proxy in front of it, says this API was removed."},
		{401, []string{"Authentication is required"}, "The server refused the token (401). It may be mistyped, expired, revoked, or belong to a deactivated user; SonarQube does not say which. Generate a new token in SonarQube (My Account > Security) and try again."},
	}
	for _, tt := range tests {
		if got := Describe(&APIError{Method: "GET", Endpoint: "api/x", Status: tt.status, Messages: tt.msgs}); got != tt.want {
			t.Errorf("%d: %q", tt.status, got)
		}
	}
}

func TestNewValidatesURL(t *testing.T) {
	for _, u := range []string{"", "ftp://x", "http://", "::"} {
		if _, err := New(Options{BaseURL: u}); err == nil {
			t.Errorf("New(%q) accepted", u)
		}
	}
	c, err := New(Options{BaseURL: "sonar.example.com/sonar/?x=1#f", Token: model.NewSecret("v")})
	if err != nil || c.BaseURL() != "https://sonar.example.com/sonar" {
		t.Errorf("BaseURL = %q, %v", c.BaseURL(), err)
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2015-08-02T15:44:27+0200", time.Date(2015, 8, 2, 13, 44, 27, 0, time.UTC), true},
		{"2022-07-14T00:00:00+0100", time.Date(2022, 7, 13, 23, 0, 0, 0, time.UTC), true},
		{"2025-01-01T00:00:00-0530", time.Date(2025, 1, 1, 5, 30, 0, 0, time.UTC), true},
		{"2025-01-01T00:00:00+0000", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"2025-01-01T00:00:00Z", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"2025-01-01T00:00:00+02:00", time.Date(2024, 12, 31, 22, 0, 0, 0, time.UTC), true},
		{"2025-01-01", time.Time{}, false},
		{"", time.Time{}, false},
		{"1563055200000", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in)
		if (err == nil) != tt.ok || (tt.ok && !got.Equal(tt.want)) {
			t.Errorf("ParseTime(%q) = %v, %v", tt.in, got, err)
		}
	}
	if p, err := optTime(""); p != nil || err != nil {
		t.Error("optTime(\"\") is not nil")
	}
}
