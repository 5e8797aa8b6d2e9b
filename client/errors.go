package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinel errors for the classes of failure callers tell apart with
// errors.Is. An *APIError matches the one for its status code.
var (
	ErrBadRequest   = errors.New("bad request")
	ErrUnauthorized = errors.New("not authenticated")
	ErrForbidden    = errors.New("insufficient privileges")
	ErrNotFound     = errors.New("not found")
	// ErrNotSonarQube is returned when the answer is not what a SonarQube
	// server sends: an HTML page (a proxy's login form, say) or garbage.
	ErrNotSonarQube = errors.New("the server's answer is not SonarQube's")
)

// APIError is an error answer of the Web API. It keeps the HTTP status and
// every message of SonarQube's error body ({"errors":[{"msg":...}]}). It
// never carries the client's token: a server or proxy that echoes the
// Authorization header has it removed (Removed stands there, see
// scrub.go).
type APIError struct {
	Method   string
	Endpoint string // the API path, e.g. api/user_tokens/generate
	Status   int
	Messages []string
}

// Error joins the server's messages, or names the status when there are
// none (401 answers have an empty body).
func (e *APIError) Error() string {
	msg := strings.Join(e.Messages, "; ")
	if msg == "" {
		msg = strings.ToLower(http.StatusText(e.Status))
	}
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.Endpoint, e.Status, msg)
}

// Message returns the server's own words, or "" when the body had none.
func (e *APIError) Message() string { return strings.Join(e.Messages, " ") }

// Is matches the sentinel of the status class.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.Status == http.StatusBadRequest
	case ErrUnauthorized:
		return e.Status == http.StatusUnauthorized
	case ErrForbidden:
		return e.Status == http.StatusForbidden
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	}
	return false
}

// Temporary reports whether retrying the same request later may succeed.
func (e *APIError) Temporary() bool {
	switch e.Status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}
