package client

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Bounds on what the client reads, far above what SonarQube sends (a user
// with 20,000 tokens is about 8 MB), so an endless body cannot exhaust memory.
const (
	// maxBody bounds an answer of an endpoint without its own bound.
	maxBody = 8 << 20
	// maxErrorBody bounds what is read of an error answer.
	maxErrorBody = 64 << 10
	// maxInFlight bounds all answers read at once (--concurrency 64 against a hostile server).
	maxInFlight = 32 << 20
	// maxHeaderBytes bounds an answer's headers.
	maxHeaderBytes = 64 << 10
)

// bodyLimits are the endpoints whose bound differs from maxBody.
var bodyLimits = map[string]int64{
	"api/server/version": 64 << 10,
	// 100,000 projects at once, without paging.
	"api/projects/search_my_scannable_projects": 24 << 20,
}

func bodyLimit(endpoint string) int64 {
	if n, ok := bodyLimits[endpoint]; ok {
		return n
	}
	return maxBody
}

// TooLargeError is an answer larger than SonarQube sends; reading stopped at the limit.
type TooLargeError struct {
	Method   string
	Endpoint string
	Status   int
	// Limit is the bound that was passed, in bytes.
	Limit int64
	// InFlight is true when the bound passed is all answers' at once.
	InFlight bool
	// Headers is true when the bound passed is that of the headers.
	Headers bool
}

// headerTooLarge: net/http reports MaxResponseHeaderBytes only in words.
func headerTooLarge(err error) bool {
	return err != nil && strings.Contains(err.Error(), "server response headers exceeded")
}

// Error names the request and the bound.
func (e *TooLargeError) Error() string {
	what := "the answer is"
	switch {
	case e.Headers:
		what = "the answer's headers are"
	case e.InFlight:
		what = "the answers being read at once are"
	}
	return fmt.Sprintf("%s %s: %s larger than %s", e.Method, e.Endpoint, what, sizeText(e.Limit))
}

func (e *TooLargeError) describe() string {
	what := fmt.Sprintf("The server's answer to %s is larger than", e.Endpoint)
	switch {
	case e.Headers:
		what = fmt.Sprintf("The server's answer to %s has headers larger than", e.Endpoint)
	case e.InFlight:
		what = "The server's answers being read at once add up to more than"
	}
	return what + " " + sizeText(e.Limit) + ", far more than SonarQube sends: is the URL SonarQube's? Reading stopped there."
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// readBody reads an answer within its endpoint's bound and the in-flight budget.
func (c *Client) readBody(cl call, res *http.Response) ([]byte, error) {
	limit := bodyLimit(cl.endpoint)
	failed := res.StatusCode >= 400
	if failed {
		limit = maxErrorBody
	}
	buf, err := c.readBounded(res.Body, limit+1, res.ContentLength)
	switch {
	case errors.Is(err, errInFlight):
		return nil, &TooLargeError{Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode, Limit: maxInFlight, InFlight: true}
	case err != nil:
		return nil, &TransportError{Method: cl.method, Endpoint: cl.endpoint, Err: fmt.Errorf("read answer: %w", err)}
	case int64(len(buf)) > limit && failed:
		return buf[:limit], nil
	case int64(len(buf)) > limit:
		return nil, &TooLargeError{Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode, Limit: limit}
	}
	return buf, nil
}

// errInFlight marks a read stopped by the client's in-flight budget.
var errInFlight = errors.New("in-flight budget exhausted")

// errBound marks a streamed read stopped by its answer's own bound.
var errBound = errors.New("answer bound reached")

// readBounded reads up to max bytes, reserving its buffer from the in-flight budget.
func (c *Client) readBounded(r io.Reader, max, announced int64) ([]byte, error) {
	size := int64(4 << 10)
	if announced > 0 {
		size = announced + 1 // one more to see the end without growing
	}
	var buf []byte
	reserved := int64(0)
	defer func() { c.inFlight.Add(-reserved) }()
	grow := func(to int64) error {
		to = min(to, max)
		if c.inFlight.Add(to-reserved) > maxInFlight {
			c.inFlight.Add(reserved - to)
			return errInFlight
		}
		reserved = to
		next := make([]byte, len(buf), to)
		copy(next, buf)
		buf = next
		return nil
	}
	if err := grow(size); err != nil {
		return nil, err
	}
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) >= max {
				return buf, nil
			}
			if err := grow(2 * int64(cap(buf))); err != nil {
				return nil, err
			}
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// maxPrefix bounds what is kept of a streamed answer to describe it.
const maxPrefix = 64 << 10

// streamBody hands a successful answer to cl.stream within readBody's bounds,
// returning its first maxPrefix bytes to describe an answer the decoder refuses.
func (c *Client) streamBody(cl call, res *http.Response) ([]byte, error) {
	br := &budgetReader{c: c, r: res.Body, left: bodyLimit(cl.endpoint) + 1, keptLeft: 2 * bodyLimit(cl.endpoint)}
	defer br.release()
	var prefix prefixWriter
	err := cl.stream(io.TeeReader(br, &prefix), br.charge)
	switch {
	case br.inFlight:
		return nil, &TooLargeError{Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode, Limit: maxInFlight, InFlight: true}
	case br.left <= 0 || br.keptLeft < 0:
		return nil, &TooLargeError{Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode, Limit: bodyLimit(cl.endpoint)}
	case br.err != nil:
		return nil, &TransportError{Method: cl.method, Endpoint: cl.endpoint, Err: fmt.Errorf("read answer: %w", br.err)}
	case err != nil:
		// The rest tells what it was (an HTML page, say).
		_, _ = io.Copy(&prefix, io.LimitReader(br, maxPrefix))
		r := &response{status: res.StatusCode, header: res.Header, body: prefix.b, scrub: c.scrubberFor(cl)}
		return nil, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode, Reason: describeBody(r), Err: err}
	}
	return prefix.b, nil
}

// budgetReader reads within left bytes and the in-flight budget.
type budgetReader struct {
	c        *Client
	r        io.Reader
	left     int64 // bytes it may still read, one more than the bound
	keptLeft int64 // bytes the decoder may still charge (twice the bound)
	reserved int64
	inFlight bool  // the budget ran out
	err      error // a read failed (not io.EOF)
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.left <= 0 || b.inFlight {
		return 0, errBound
	}
	p = p[:min(int64(len(p)), b.left)]
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if b.c.inFlight.Add(int64(n)) > maxInFlight {
		b.c.inFlight.Add(-int64(n))
		b.inFlight = true
		return 0, errInFlight
	}
	b.reserved += int64(n)
	if err != nil && !errors.Is(err, io.EOF) {
		b.err = err
	}
	if b.left <= 0 {
		return n, errBound
	}
	return n, err
}

func (b *budgetReader) release() { b.c.inFlight.Add(-b.reserved) }

// charge reserves what the decoder keeps, so tiny tokens cannot multiply
// 8 MB of JSON in memory; one answer may keep at most twice its bound.
func (b *budgetReader) charge(n int64) error {
	if b.keptLeft -= n; b.keptLeft < 0 {
		return errBound
	}
	if b.c.inFlight.Add(n) > maxInFlight {
		b.c.inFlight.Add(-n)
		b.inFlight = true
		return errInFlight
	}
	b.reserved += n
	return nil
}

// prefixWriter keeps the first maxPrefix bytes written to it.
type prefixWriter struct{ b []byte }

func (w *prefixWriter) Write(p []byte) (int, error) {
	if room := maxPrefix - len(w.b); room > 0 {
		w.b = append(w.b, p[:min(len(p), room)]...)
	}
	return len(p), nil
}
