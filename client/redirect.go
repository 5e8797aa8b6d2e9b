package client

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// noFollowKey marks, in a request's context, a request whose redirects
// are never followed (checkRedirect).
type noFollowKey struct{}

// maxRedirects bounds the same-origin redirects a GET follows.
const maxRedirects = 10

// RedirectError is a redirect the client did not follow: to another origin
// (scheme, host or port), where the token must not go unasked, or of a
// POST, which is never replayed. The token was sent only to the URL the
// user named.
type RedirectError struct {
	Method   string
	Endpoint string
	Status   int
	// From is the URL asked; To is where the server pointed (without any
	// user information or query).
	From, To *url.URL
	// Suggested is the server URL to use instead if the user trusts the
	// target: To without the API path, so the context path is kept.
	Suggested string
}

// Error names the request and where the server sent it.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s %s: HTTP %d redirect to %s not followed", e.Method, e.Endpoint, e.Status, e.To.Redacted())
}

// Upgrade reports whether the redirect is the common http:// to https://
// upgrade of the same host.
func (e *RedirectError) Upgrade() bool {
	return e.From.Scheme == "http" && e.To.Scheme == "https" && strings.EqualFold(e.From.Hostname(), e.To.Hostname())
}

// describe says what the server did and what to do about it.
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

// checkRedirect lets a GET follow a redirect within the origin it was sent
// to, and stops every other redirect: the last answer, a 3xx, becomes a
// *RedirectError in once. Go's own policy would resend Authorization to
// another port of the same host, or from https to http, and replay a POST
// on 307 and 308.
//
// A request made with another token than the client's (CheckToken) follows
// no redirect at all: that token goes to the URL asked and nowhere else.
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

// sameOrigin reports whether a and b have the same scheme, host and port
// (an explicit default port equals none).
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	return defaultPort(u.Scheme)
}

// redirectError turns a 3xx answer with a Location into a *RedirectError;
// it returns nil for any other answer.
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
	// Rebuilt from its parts, the target prints with any control, non-
	// ASCII or bidi character percent-encoded: it comes from the server.
	to := &url.URL{Scheme: loc.Scheme, Host: loc.Host, Path: loc.Path}
	return c.scrub.Err(&RedirectError{
		Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode,
		From: &url.URL{Scheme: from.Scheme, Host: from.Host, Path: from.Path}, To: to,
		Suggested: suggestedBase(to, cl.endpoint),
	})
}

// suggestedBase is the server URL that the redirect target implies: the
// target without the API path it ends with, which keeps a context path
// (http://h/sonar/api/x to https://h/sonar/api/x suggests https://h/sonar).
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
