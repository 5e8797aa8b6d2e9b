package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// call describes one Web API request.
type call struct {
	method   string // GET or POST
	endpoint string // e.g. api/user_tokens/search
	params   url.Values
	// stream, when set, decodes a successful answer as it arrives,
	// within the endpoint's bounds, instead of from a whole copy of it
	// (see streamBody). It charges what it keeps of the answer (decoded
	// tokens are larger than their JSON) to the client's in-flight
	// budget with charge, and stops at its error. A retry calls it again
	// from the start.
	stream func(r io.Reader, charge func(bytes int64) error) error
	// token, when set, authenticates this call instead of the client's
	// own token (CheckToken), no redirect is followed with it, and the
	// answer's expiration header, which is its own, is not noted.
	token *model.Secret
	// scrub, set with token, removes that token and the client's own from
	// the call's errors, in place of the client's own scrubber: from what
	// do and once return and log, and what describeBody quotes.
	scrub *scrubber
}

// response is a read answer.
type response struct {
	status int
	header http.Header
	body   []byte
	// scrub removes the client's token, and the call's own (CheckToken's),
	// from what describeBody quotes, before it cuts anything.
	scrub *scrubber
}

// do sends the call, retrying GETs per the retry policy (after no answer,
// 429, 500, 502, 503 or 504), and turns error statuses into *APIError.
// POSTs are never retried: generate and revoke change the server. An
// error it returns or logs never holds the client's token: a server or
// proxy that echoes the Authorization header has it removed here, where
// its words enter the program.
func (c *Client) do(ctx context.Context, cl call) (*response, error) {
	idempotent := cl.method == http.MethodGet
	deadline := time.Now().Add(c.retry.MaxElapsed)
	for attempt := 0; ; attempt++ {
		resp, err := c.once(ctx, cl)
		if err == nil && resp.status < 400 {
			return resp, nil
		}
		if err == nil {
			err = apiError(cl, resp)
		}
		err = c.scrubErr(cl, err)
		if !idempotent || attempt >= c.retry.Max || !retryable(err) || ctx.Err() != nil {
			return nil, err
		}
		wait := c.retry.backoff(attempt, retryAfter(resp))
		if wait > c.retry.Cap || time.Now().Add(wait).After(deadline) {
			return nil, err
		}
		c.log.Debug("retrying", "method", cl.method, "endpoint", cl.endpoint, "attempt", attempt+1, "wait", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%s %s: %w", cl.method, cl.endpoint, ctx.Err())
		case <-t.C:
		}
	}
}

// once sends one request and reads its answer within its bounds: whole
// (readBody), or, for a call with a stream and a successful status,
// through cl.stream as it arrives (streamBody). A redirect it did not
// follow is a *RedirectError.
func (c *Client) once(ctx context.Context, cl call) (*response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	u := c.base.JoinPath(cl.endpoint)
	var body io.Reader
	if cl.method == http.MethodGet {
		u.RawQuery = cl.params.Encode()
	} else {
		body = strings.NewReader(cl.params.Encode())
	}
	if cl.token != nil {
		ctx = context.WithValue(ctx, noFollowKey{}, true)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("build %s %s: %w", cl.method, cl.endpoint, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.ua)
	if cl.token != nil {
		c.authorizeWith(req, *cl.token)
	} else {
		c.authorize(req)
	}
	start := time.Now()
	res, err := c.http.Do(req)
	if headerTooLarge(err) {
		return nil, &TooLargeError{Method: cl.method, Endpoint: cl.endpoint, Limit: maxHeaderBytes, Headers: true}
	}
	if err != nil {
		err = c.scrubErr(cl, &TransportError{Method: cl.method, Endpoint: cl.endpoint, Err: err})
		c.log.Debug("request failed", "method", cl.method, "endpoint", cl.endpoint, "duration", time.Since(start), "err", err)
		return nil, err
	}
	defer res.Body.Close()
	if err := c.redirectError(cl, res); err != nil {
		c.log.Debug("redirect not followed", "method", cl.method, "endpoint", cl.endpoint, "status", res.StatusCode, "duration", time.Since(start))
		return nil, err
	}
	if cl.stream != nil && res.StatusCode < 400 {
		prefix, err := c.streamBody(cl, res)
		c.log.Debug("request", "method", cl.method, "endpoint", cl.endpoint, "status", res.StatusCode, "streamed", true, "duration", time.Since(start))
		if err != nil {
			return nil, err
		}
		if cl.token == nil {
			c.noteExpiration(res.Header)
		}
		return &response{status: res.StatusCode, header: res.Header, body: prefix, scrub: c.scrubberFor(cl)}, nil
	}
	data, err := c.readBody(cl, res)
	c.log.Debug("request", "method", cl.method, "endpoint", cl.endpoint, "status", res.StatusCode, "bytes", len(data), "duration", time.Since(start))
	if err != nil {
		return nil, err
	}
	if cl.token == nil {
		c.noteExpiration(res.Header)
	}
	return &response{status: res.StatusCode, header: res.Header, body: data, scrub: c.scrubberFor(cl)}, nil
}

// scrubberFor is what removes the tokens of cl from a server's text: the
// client's own, and the call's own token when it has one (CheckToken's
// scrubber removes both at once).
func (c *Client) scrubberFor(cl call) *scrubber {
	if cl.scrub != nil {
		return cl.scrub
	}
	return c.scrub
}

// scrubErr removes the client's token from err, and the call's own token
// when it has one (CheckToken's).
func (c *Client) scrubErr(cl call, err error) error {
	return c.scrubberFor(cl).Err(err)
}

func (c *Client) authorize(req *http.Request) { c.authorizeWith(req, c.token) }

// authorizeWith sets the Authorization header for token in the scheme the
// client uses: Bearer from 10.0 and on Cloud, Basic (the token as the user
// name) before.
func (c *Client) authorizeWith(req *http.Request, token model.Secret) {
	if token.IsZero() {
		return
	}
	c.mu.RLock()
	bearer := c.bearer
	c.mu.RUnlock()
	if bearer {
		req.Header.Set("Authorization", "Bearer "+token.Reveal())
		return
	}
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(token.Reveal()+":")))
}

func (c *Client) noteExpiration(h http.Header) {
	v := h.Get(ExpirationHeader)
	if v == "" {
		return
	}
	t, err := ParseTime(v)
	if err != nil {
		return
	}
	c.mu.Lock()
	c.expiry, c.hasExpry = t, true
	c.mu.Unlock()
}

// apiError decodes SonarQube's error body, keeping every message. Web API
// (v1) errors are {"errors":[{"msg":...}]}; API v2 errors are
// {"message":...}. A temporary status (429, 502, 503, 504) stays an
// *APIError whatever its body, since a proxy in front of a restarting
// server answers those with its own HTML page and they are worth a retry.
func apiError(cl call, r *response) error {
	e := &APIError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status}
	var body struct {
		Errors []struct {
			Msg string `json:"msg"`
		} `json:"errors"`
		Message *string `json:"message"`
	}
	trimmed := bytes.TrimSpace(r.body)
	if len(trimmed) == 0 {
		return e
	}
	if err := json.Unmarshal(trimmed, &body); err != nil || (body.Errors == nil && body.Message == nil) {
		if e.Temporary() || (!looksLikeHTML(r) && r.status >= 500) {
			return e
		}
		return &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: describeBody(r)}
	}
	for _, m := range body.Errors {
		e.Messages = append(e.Messages, m.Msg)
	}
	if body.Errors == nil && body.Message != nil {
		e.Messages = append(e.Messages, *body.Message)
	}
	return e
}

// decode reads a JSON answer into v, reporting a non-SonarQube answer
// (HTML, truncated or garbage JSON) as ErrNotSonarQube.
func decode(cl call, r *response, v any) error {
	if err := json.Unmarshal(r.body, v); err != nil {
		return &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: describeBody(r), Err: err}
	}
	return nil
}

func looksLikeHTML(r *response) bool {
	ct := strings.ToLower(r.header.Get("Content-Type"))
	b := bytes.TrimSpace(r.body)
	return strings.Contains(ct, "text/html") || bytes.HasPrefix(b, []byte("<"))
}

func describeBody(r *response) string {
	b := bytes.TrimSpace(r.body)
	switch {
	case len(b) == 0:
		return "an empty answer"
	case looksLikeHTML(r):
		if t := htmlTitle(b); t != "" {
			// Every token goes before the cut: a piece of one left by
			// the cut would be too short to be known as the token's.
			return fmt.Sprintf("an HTML page titled %s", model.Quote(truncate(r.scrub.String(t), 60)))
		}
		return "an HTML page"
	case json.Valid(b):
		return "JSON of an unexpected shape"
	case b[0] == '{' || b[0] == '[':
		return "truncated or malformed JSON"
	}
	return "text that is not JSON"
}

// htmlTitle is the text of an HTML page's title, whole: describeBody
// removes the token from it before cutting it to length, so that a cut
// never leaves a piece of the token behind.
func htmlTitle(b []byte) string {
	lower := bytes.ToLower(b)
	i := bytes.Index(lower, []byte("<title"))
	if i < 0 {
		return ""
	}
	j := bytes.IndexByte(lower[i:], '>')
	if j < 0 {
		return ""
	}
	start := i + j + 1
	end := bytes.Index(lower[start:], []byte("</title"))
	if end < 0 {
		return ""
	}
	return strings.TrimSpace(string(b[start : start+end]))
}

// TransportError is a request that got no HTTP answer: refused, reset,
// timed out, a DNS or TLS failure. For a POST the server may still have
// applied it.
type TransportError struct {
	Method   string
	Endpoint string
	Err      error
}

// Error names the request and the cause.
func (e *TransportError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Method, e.Endpoint, e.Err)
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// NotSonarQubeError is an answer that a SonarQube server would not send.
type NotSonarQubeError struct {
	Method   string
	Endpoint string
	Status   int
	Reason   string // e.g. `an HTML page titled "Sign in"`
	Err      error
}

// Error names the request and what came back.
func (e *NotSonarQubeError) Error() string {
	return fmt.Sprintf("%s %s: HTTP %d with %s instead of SonarQube's JSON", e.Method, e.Endpoint, e.Status, e.Reason)
}

// Is matches ErrNotSonarQube.
func (e *NotSonarQubeError) Is(target error) bool { return target == ErrNotSonarQube }

// Unwrap returns the decoding error, if any.
func (e *NotSonarQubeError) Unwrap() error { return e.Err }

// MayHaveReachedServer reports whether a failed request may still have
// taken effect: no answer came (reset, timeout) or the answer was lost. A
// refused connection or an unknown host name never sent the request, and
// a redirect that was not followed was not acted on.
func MayHaveReachedServer(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		var dnsErr *net.DNSError
		return !errors.Is(err, syscall.ECONNREFUSED) && !errors.As(err, &dnsErr)
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status >= 500 && ae.Status != http.StatusServiceUnavailable && ae.Status != http.StatusTooManyRequests
	}
	var tl *TooLargeError
	if errors.As(err, &tl) {
		return tl.Status < 300
	}
	var ns *NotSonarQubeError
	return errors.As(err, &ns) && ns.Status < 300
}
