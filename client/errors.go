package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Sentinel errors for errors.Is; an *APIError matches its status's.
var (
	ErrBadRequest   = errors.New("bad request")
	ErrUnauthorized = errors.New("not authenticated")
	ErrForbidden    = errors.New("insufficient privileges")
	ErrNotFound     = errors.New("not found")
	// ErrNotSonarQube is an answer SonarQube would not send (HTML, garbage).
	ErrNotSonarQube = errors.New("the server's answer is not SonarQube's")
)

// APIError is an error answer of the Web API, with every message of its
// body; an echoed token has been replaced by Removed.
type APIError struct {
	Method   string
	Endpoint string // the API path, e.g. api/user_tokens/generate
	Status   int
	Messages []string
}

// Error joins the server's messages, or names the status (401s have none).
func (e *APIError) Error() string {
	msg := shownWords(e.Messages, "; ")
	if msg == "" {
		msg = strings.ToLower(http.StatusText(e.Status))
	}
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.Endpoint, e.Status, msg)
}

// Message returns the server's own words, or "" when the body had none.
func (e *APIError) Message() string { return shownWords(e.Messages, " ") }

// maxShown bounds the server's words an error shows, on stderr or a
// screen: a server or proxy answering 60 KB of text filled the terminal.
// (The audit log caps its field on its own.)
const maxShown = 1 << 10

// shownWords joins msgs, cut at a character boundary past maxShown bytes
// with a marker of the whole length. Messages are scrubbed of the token
// before an error leaves the client, so the cut leaves no piece of it.
func shownWords(msgs []string, sep string) string {
	msg := strings.Join(msgs, sep)
	if len(msg) <= maxShown {
		return msg
	}
	end := maxShown
	for end > 0 && !utf8.RuneStart(msg[end]) {
		end--
	}
	return msg[:end] + fmt.Sprintf(" … [cut: %d bytes in all]", len(msg))
}

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
