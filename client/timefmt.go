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
	return time.Time{}, fmt.Errorf("parse SonarQube date %q: %w", truncate(s, 40), err)
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
// server text that enters an error.
func (c *Client) badDate(cl call, r *response, err error) error {
	return c.scrub.Err(&NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: "a date in an unknown format", Err: err})
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
