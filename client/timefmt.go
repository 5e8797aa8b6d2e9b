package client

import (
	"fmt"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// TimeLayout is SonarQube's datetime format; RFC 3339 parsers reject its colonless offset.
const TimeLayout = model.ServerTimeLayout

// ParseTime parses a SonarQube datetime, or RFC 3339 (proxies, API v2).
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

// dateError quotes a date cut to 40 characters, scrubbed whole first (a cut piece
// of a token would go unrecognised); it keeps no parse error, which quotes it uncut.
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

func (c *Client) badDate(cl call, r *response, err error) error {
	return c.badDateWithout(c.scrub, cl, r, err)
}

// badDateWithout also removes the tokens of sc (a new token's, for generate).
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
