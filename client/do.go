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

type call struct {
	method   string // GET or POST
	endpoint string // e.g. api/user_tokens/search
	params   url.Values
	// stream, when set, decodes a successful answer as it arrives, charging
	// what it keeps to the in-flight budget; a retry calls it again.
	stream func(r io.Reader, charge func(bytes int64) error) error
	// token, when set, authenticates this call instead of the client's own
	// (CheckToken): no redirect is followed with it.
	token *model.Secret
	// scrub, set with token, removes both tokens from the call's errors.
	scrub *scrubber
}

type response struct {
	status int
	header http.Header
	body   []byte
	// scrub removes the tokens from what describeBody quotes, before any cut.
	scrub *scrubber
}

// do sends the call, retrying GETs only, and scrubs the token where the server's
// words enter the program, so no error or log can hold it.
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

// once sends one request and reads its answer within its bounds.
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

// scrubberFor removes the client's token and the call's own from a server's text.
func (c *Client) scrubberFor(cl call) *scrubber {
	if cl.scrub != nil {
		return cl.scrub
	}
	return c.scrub
}

// scrubErr removes the call's tokens from err.
func (c *Client) scrubErr(cl call, err error) error {
	return c.scrubberFor(cl).Err(err)
}

func (c *Client) authorize(req *http.Request) { c.authorizeWith(req, c.token) }

// authorizeWith uses Bearer from 10.0 and on Cloud, Basic before.
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

// apiError decodes v1 and v2 error bodies; a temporary status stays an *APIError
// whatever its body (a proxy's HTML), as it is worth a retry.
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

// decode reports HTML, truncated or garbage JSON as ErrNotSonarQube.
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
			// Scrub before the cut: a cut piece of a token would no longer be recognised.
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

// htmlTitle is the whole title: describeBody scrubs before cutting.
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

// TransportError is a request with no HTTP answer; a POST may still have applied.
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

// MayHaveReachedServer reports whether a failed request may have taken effect:
// refused connections, unknown hosts and unfollowed redirects did not.
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
