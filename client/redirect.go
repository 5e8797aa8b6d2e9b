package client

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// noFollowKey marks a request whose redirects are never followed.
type noFollowKey struct{}

// maxRedirects bounds the same-origin redirects a GET follows.
const maxRedirects = 10

// RedirectError is a redirect not followed: to another origin, where the
// token must not go unasked, or of a POST, never replayed.
type RedirectError struct {
	Method   string
	Endpoint string
	Status   int
	// To is where the server pointed, without user information or query.
	From, To *url.URL
	// Suggested is the server URL to use if the user trusts To.
	Suggested string
}

// Error names the request and where the server sent it.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s %s: HTTP %d redirect to %s not followed", e.Method, e.Endpoint, e.Status, e.To.Redacted())
}

// Upgrade reports an http:// to https:// redirect of the same host.
func (e *RedirectError) Upgrade() bool {
	return e.From.Scheme == "http" && e.To.Scheme == "https" && strings.EqualFold(e.From.Hostname(), e.To.Hostname())
}

func (e *RedirectError) describe() string {
	switch {
	case e.Upgrade():
		return fmt.Sprintf("The server redirects http:// to https://, to %s. The token was not sent to the new address.", e.Suggested)
	case sameOrigin(e.From, e.To) && e.Method == http.MethodGet:
		return fmt.Sprintf("The server redirected %s more than %d times, the last time to %s: check the server URL and any proxy in front of it.", e.Endpoint, maxRedirects, e.Suggested)
	case sameOrigin(e.From, e.To):
		return fmt.Sprintf("The server answered %s %s with a redirect (HTTP %d) to %s: a change is never replayed on a redirect. Check the server URL.", e.Method, e.Endpoint, e.Status, e.Suggested)
	}
	return fmt.Sprintf("The server redirected to %s. The token was not sent there.", e.Suggested)
}

// checkRedirect lets only GETs follow same-origin redirects (CheckToken none): Go's
// policy would resend Authorization to another port or http and replay POSTs.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if noFollow, _ := req.Context().Value(noFollowKey{}).(bool); noFollow {
		return http.ErrUseLastResponse
	}
	first := via[0]
	if first.Method != http.MethodGet || !sameOrigin(first.URL, req.URL) || len(via) >= maxRedirects {
		return http.ErrUseLastResponse
	}
	return nil
}

// sameOrigin compares scheme, host and port (a default port equals none).
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	return defaultPort(u.Scheme)
}

// redirectError turns a 3xx with a Location into a *RedirectError, else nil.
func (c *Client) redirectError(cl call, res *http.Response) error {
	if res.StatusCode < 300 || res.StatusCode > 399 {
		return nil
	}
	loc, err := res.Location()
	if err != nil {
		if errors.Is(err, http.ErrNoLocation) {
			return nil
		}
		return &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode, Reason: "a redirect to an unreadable address"}
	}
	if loc.Scheme != "http" && loc.Scheme != "https" {
		return &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode, Reason: "a redirect to an address that is not http:// or https://"}
	}
	from := res.Request.URL
	// Rebuilt, the server's target prints with control and bidi characters escaped.
	to := &url.URL{Scheme: loc.Scheme, Host: loc.Host, Path: loc.Path}
	return c.scrub.Err(&RedirectError{
		Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode,
		From: &url.URL{Scheme: from.Scheme, Host: from.Host, Path: from.Path}, To: to,
		Suggested: suggestedBase(to, cl.endpoint),
	})
}

// suggestedBase strips the API path, keeping a context path.
func suggestedBase(to *url.URL, endpoint string) string {
	u := *to
	if p, ok := strings.CutSuffix(u.Path, "/"+endpoint); ok {
		u.Path = p
	}
	u.Host = strings.TrimSuffix(u.Host, ":"+defaultPort(u.Scheme))
	return strings.TrimRight(u.String(), "/")
}

func defaultPort(scheme string) string {
	if strings.EqualFold(scheme, "https") {
		return "443"
	}
	return "80"
}
