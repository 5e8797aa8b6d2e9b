package client

import (
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/secrettest"
)

const scrubToken = "squ_0123456789abcdef0123456789abcdef01234567"

func TestScrubberForms(t *testing.T) {
	s := newScrubber(scrubToken)
	basic := base64.StdEncoding.EncodeToString([]byte(scrubToken + ":"))
	half := len(scrubToken) / 2
	for _, text := range []string{
		"Invalid token: Bearer " + scrubToken,
		"Invalid token: Basic " + basic,
		"unpadded " + strings.TrimRight(basic, "="),
		"url alphabet " + strings.NewReplacer("+", "-", "/", "_").Replace(basic),
		"escaped " + url.QueryEscape(basic) + " and " + strings.ToLower(url.QueryEscape(basic)),
		"cut " + scrubToken[:half] + "\n" + scrubToken[half:],
		"cut in html " + basic[:30] + "<br>" + basic[30:],
		"wrapped at 76: Authorization: Basic " + basic[:40] + "\r\n " + basic[40:],
		"the header in base64: " + base64.StdEncoding.EncodeToString([]byte("Authorization: Bearer "+scrubToken)),
		"the token in base64 at offset 1: " + base64.StdEncoding.EncodeToString([]byte("x"+scrubToken)),
		"the token in base64 at offset 2: " + base64.RawURLEncoding.EncodeToString([]byte("xy"+scrubToken)),
		"decoded " + scrubToken + ":",
		"twice " + scrubToken + scrubToken,
	} {
		got := s.String(text)
		secrettest.AssertNoPiecesIn(t, "scrubbed "+strings.Fields(text)[0], []byte(got), []string{scrubToken})
		if !strings.Contains(got, Removed) {
			t.Errorf("%q: no %s marker in %q", text, Removed, got)
		}
	}
	// Text without the token comes back as it is, the same string.
	for _, text := range []string{"", "Insufficient privileges", "squ_ alone", "squ_fedcba9876543210fedcba9876543210fedcba98 is another token"} {
		if got := s.String(text); got != text {
			t.Errorf("%q changed into %q", text, got)
		}
	}
	// No client token, or a short one: nothing to remove, nothing mangled.
	if got := newScrubber("").String("Bearer x"); got != "Bearer x" {
		t.Errorf("no token: %q", got)
	}
	if got := newScrubber("ab").String("abba"); got != "abba" {
		t.Errorf("a two-letter token: %q", got)
	}
}

// TestScrubberKeepsErrorKinds: an error whose words held the token keeps
// its kind and its sentinels.
func TestScrubberKeepsErrorKinds(t *testing.T) {
	s := newScrubber(scrubToken)
	api := s.Err(&APIError{Method: "GET", Endpoint: "api/users/current", Status: 401, Messages: []string{"Invalid token: Bearer " + scrubToken}})
	if !errors.Is(api, ErrUnauthorized) || Classify(api) != KindUnauthorized || strings.Contains(api.Error(), scrubToken) {
		t.Errorf("APIError: %v (%v)", api, Classify(api))
	}
	te := s.Err(&TransportError{Method: "GET", Endpoint: "api/x", Err: &net.OpError{Op: "read", Err: errors.New("malformed HTTP status code \"" + scrubToken + "\"")}})
	var tr *TransportError
	if !errors.As(te, &tr) || strings.Contains(te.Error(), scrubToken) {
		t.Errorf("TransportError: %v", te)
	}
	eof := s.Err(&TransportError{Method: "GET", Endpoint: "api/x", Err: io.ErrUnexpectedEOF})
	if !errors.Is(eof, io.ErrUnexpectedEOF) {
		t.Errorf("an untouched cause lost its sentinel: %v", eof)
	}
	wrapped := s.opaque(errors.Join(io.ErrUnexpectedEOF, errors.New(scrubToken)))
	if !errors.Is(wrapped, io.ErrUnexpectedEOF) || strings.Contains(wrapped.Error(), scrubToken) {
		t.Errorf("scrubbed cause: %v", wrapped)
	}
}
