package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/sonartoken/sonartoken/model"
)

// CheckEndpoint is what CheckToken asks: any authenticated token may call it and
// it names the owner; api/authentication/validate answers valid:true without credentials.
const CheckEndpoint = "api/users/current"

// TokenCheckError says why a token could not be shown to authenticate, in
// the client's words only: the server's text could echo the token.
type TokenCheckError struct {
	// Refused: the server did not take the token as its owner's (false: inconclusive).
	Refused bool
	// Status is the HTTP status of the answer, 0 when none came.
	Status int
	// Reason says what happened, in words.
	Reason string
	// Err is the underlying failure, when there is one.
	Err error
}

// Error is the reason.
func (e *TokenCheckError) Error() string { return e.Reason }

// Unwrap returns the underlying failure.
func (e *TokenCheckError) Unwrap() error { return e.Err }

// CheckToken checks that value authenticates as login (never the login a generate
// answer names), sending it only to the client's URL and following no redirect.
func (c *Client) CheckToken(ctx context.Context, value model.Secret, login string) error {
	if value.IsZero() {
		return &TokenCheckError{Refused: true, Reason: "there is no token value to check"}
	}
	if login == "" {
		return &TokenCheckError{Reason: "there is no user to check the new token against"}
	}
	// Server words are scrubbed of both tokens at once, before any cut.
	sc := newScrubber(c.token.Reveal(), value.Reveal())
	cl := call{method: http.MethodGet, endpoint: CheckEndpoint, token: &value, scrub: sc}
	r, err := c.do(ctx, cl)
	if err != nil {
		e := checkFailure(err)
		e.Reason, e.Err = sc.String(e.Reason), sc.Err(e.Err)
		return e
	}
	var body struct {
		IsLoggedIn *bool  `json:"isLoggedIn"`
		Login      string `json:"login"`
	}
	if json.Unmarshal(r.body, &body) != nil || body.IsLoggedIn == nil {
		return &TokenCheckError{Status: r.status, Reason: fmt.Sprintf("the server answered %s with HTTP %d and something that is not SonarQube's JSON", CheckEndpoint, r.status)}
	}
	switch {
	case !*body.IsLoggedIn:
		return &TokenCheckError{Refused: true, Status: r.status, Reason: "the server did not sign the new token in: it answered as to an anonymous visitor"}
	case body.Login != login:
		return &TokenCheckError{Refused: true, Status: r.status, Reason: fmt.Sprintf("the server signed the new token in as another user than %s", model.Printable(login))}
	}
	return nil
}

// checkFailure words a failed check request.
func checkFailure(err error) *TokenCheckError {
	var ae *APIError
	var re *RedirectError
	var te *TransportError
	switch {
	case errors.As(err, &ae) && ae.Status == http.StatusUnauthorized:
		return &TokenCheckError{Refused: true, Status: ae.Status, Reason: "the server refused the new token (HTTP 401)", Err: ErrUnauthorized}
	case errors.As(err, &ae) && ae.Status == http.StatusForbidden:
		// No permission is needed: a 403 is a proxy's or a restricted token's.
		return &TokenCheckError{Refused: true, Status: ae.Status, Reason: fmt.Sprintf("the server refused the new token access to %s (HTTP 403)", CheckEndpoint), Err: ErrForbidden}
	case errors.As(err, &ae):
		return &TokenCheckError{Status: ae.Status, Reason: fmt.Sprintf("the server answered HTTP %d", ae.Status), Err: err}
	case errors.As(err, &re):
		return &TokenCheckError{Status: re.Status, Reason: fmt.Sprintf("the server answered with a redirect (HTTP %d) to %s, where the new token was not sent", re.Status, re.To.Redacted()), Err: err}
	case errors.As(err, &te):
		return &TokenCheckError{Reason: fmt.Sprintf("no answer from the server (%v)", te.Err), Err: err}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &TokenCheckError{Reason: "the check was stopped before the server answered", Err: err}
	}
	return &TokenCheckError{Reason: "the server's answer could not be read", Err: err}
}
