package client

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Bounds on what the client reads of an answer, whatever the server sends
// (a server streaming an endless body must not exhaust memory).
// Each is far above what SonarQube sends: a token search of a user with
// 20,000 tokens of 100-character names is about 8 MB, a page of 500 users
// under 1 MB.
const (
	// maxBody bounds an answer of an endpoint without its own bound.
	maxBody = 8 << 20
	// maxErrorBody bounds the part of an error answer that is read (its
	// messages, or the title of a proxy's HTML page); the rest is dropped.
	maxErrorBody = 64 << 10
	// maxInFlight bounds the bytes of all the answers a client is reading
	// at once, so that --concurrency 64 against a hostile server stays
	// within a few tens of MB.
	maxInFlight = 32 << 20
	// maxHeaderBytes bounds an answer's headers.
	maxHeaderBytes = 64 << 10
)

// bodyLimits are the endpoints whose biggest legitimate answer differs
// from maxBody.
var bodyLimits = map[string]int64{
	"api/server/version": 64 << 10,
	// Every scannable project at once, without paging: 100,000 projects.
	"api/projects/search_my_scannable_projects": 24 << 20,
}

func bodyLimit(endpoint string) int64 {
	if n, ok := bodyLimits[endpoint]; ok {
		return n
	}
	return maxBody
}

// TooLargeError is an answer larger than any SonarQube sends: the URL
// points at something else, or the server is hostile. Reading stopped at
// the limit.
type TooLargeError struct {
	Method   string
	Endpoint string
	Status   int
	// Limit is the bound that was passed, in bytes.
	Limit int64
	// InFlight is true when the bound passed is that of all the answers
	// being read at once, not of this one.
	InFlight bool
	// Headers is true when the bound passed is that of the headers.
	Headers bool
}

// headerTooLarge reports whether err, from http.Client.Do, is the
// transport's refusal of headers past MaxResponseHeaderBytes, which
// net/http reports only in words.
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

// readBody reads an answer's body within the bounds of its endpoint: an
// error answer is cut at maxErrorBody, a success larger than its bound is
// a *TooLargeError, and so is any answer that would take the client's
// answers being read past maxInFlight; a failed read is a
// *TransportError, as in streamBody.
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

// readBounded reads r to its end or to max bytes. Its buffer grows by
// doubling but never past max, from the announced length when there is
// one, and every byte of it is reserved from the client's in-flight budget
// until the read ends.
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

// maxPrefix bounds the start of a streamed answer kept to describe it
// when it is not SonarQube's (an HTML page's title, say).
const maxPrefix = 64 << 10

// streamBody hands a successful answer to cl.stream as it arrives, within
// the same bounds as readBody: past its endpoint's bound, or past the
// client's in-flight budget, reading stops with a *TooLargeError. The
// bytes read, and what the decoder charges for what it keeps, are
// reserved from the budget, and released at the end. It returns the
// answer's first maxPrefix bytes; an answer the decoder refuses is a
// *NotSonarQubeError described from them, and a failed read a
// *TransportError.
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
		// What is left of the answer tells what it was (an HTML page
		// after a first "<" the decoder refused, say), within the prefix.
		_, _ = io.Copy(&prefix, io.LimitReader(br, maxPrefix))
		r := &response{status: res.StatusCode, header: res.Header, body: prefix.b, scrub: c.scrubberFor(cl)}
		return nil, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: res.StatusCode, Reason: describeBody(r), Err: err}
	}
	return prefix.b, nil
}

// budgetReader reads an answer within left bytes and the client's
// in-flight budget, remembering why it stopped.
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

// charge reserves n more bytes from the budget until the read ends: what
// the decoder keeps of the answer, on top of the answer's own bytes, so
// that an endless answer of tiny tokens cannot turn 8 MB of JSON into
// several times as much memory. What one answer keeps is bounded too, at
// twice its endpoint's bound: past it, the answer is too large.
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
