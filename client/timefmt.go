package client

import (
	"fmt"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// TimeLayout is SonarQube's datetime format (yyyy-MM-dd'T'HH:mm:ssZ): the
// offset has no colon, so RFC 3339 parsers reject it. It is the model's
// ServerTimeLayout, which a token's ServerText formats its dates in.
const TimeLayout = model.ServerTimeLayout

// ParseTime parses a SonarQube datetime. It also accepts RFC 3339, which
// some proxies and the v2 API use.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(TimeLayout, s)
	if err == nil {
		return t, nil
	}
	if t2, err2 := time.Parse(time.RFC3339, s); err2 == nil {
		return t2, nil
	}
	return time.Time{}, &dateError{text: s}
}

// dateError is a date the client cannot read, as the server wrote it. Its
// words quote the text cut to 40 characters; a scrubber removes tokens from
// the whole text first (scrubber.Err), never from a piece a cut left, which
// could be too short to be known as a token's. It keeps no parse error of
// the time package, which quotes the whole text, uncut, twice.
type dateError struct {
	text string
}

// Error quotes the date (40 characters at most) and the formats read.
func (e *dateError) Error() string {
	return fmt.Sprintf("parse SonarQube date %q: neither yyyy-MM-dd'T'HH:mm:ssZ nor RFC 3339", truncate(e.text, 40))
}

// optTime parses an optional datetime: "" gives nil, never a zero date.
func optTime(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := ParseTime(s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// optTimePtr is optTime of a field that may be null: null, absent and ""
// give nil.
func optTimePtr(s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	return optTime(*s)
}

// badDate is the error for an answer of cl holding a date in an unknown
// format, err being the parse error: it quotes the server's text (up to 40
// characters), so the client's token is removed from it, as from every
// server text that enters an error, before the cut.
func (c *Client) badDate(cl call, r *response, err error) error {
	return c.badDateWithout(c.scrub, cl, r, err)
}

// badDateWithout is badDate with the tokens of sc removed (the client's
// and a new token's, for a generate answer).
func (c *Client) badDateWithout(sc *scrubber, cl call, r *response, err error) error {
	return sc.Err(&NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: "a date in an unknown format", Err: err})
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
