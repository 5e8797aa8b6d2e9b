package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
)

// errorText is every word err and the errors it wraps hold.
func errorText(err error) string {
	var b strings.Builder
	for e := err; e != nil; e = errors.Unwrap(e) {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestCheckTokenTitleCutAfterBothTokensGo: an HTML page whose title ends
// with the checked token is quoted cut to 60 characters, and the cut came
// after the client's own token was removed but before the checked one was:
// a title that put the token at character 49 to 56 left its first 4 to 11
// characters, too few for the scrubber to know them. Both tokens now go
// before any cut.
func TestCheckTokenTitleCutAfterBothTokensGo(t *testing.T) {
	const value = "squ_new0123456789abcdef0123456789abcdef01234567"
	for lead := 40; lead <= 60; lead++ {
		title := strings.Repeat(".", lead) + value
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body>no</body></html>", title)
		}))
		err := newClient(t, srv.URL, "squ_console0123456789abcdef0123456789abcdef").CheckToken(context.Background(), model.NewSecret(value), "admin")
		srv.Close()
		var ce *TokenCheckError
		if !errors.As(err, &ce) || ce.Refused {
			t.Fatalf("lead %d: %v", lead, err)
		}
		text := errorText(err)
		if !strings.Contains(text, "an HTML page titled") {
			t.Fatalf("lead %d: the error does not describe the page: %s", lead, text)
		}
		// What a cut at 60 characters would leave of the token.
		if n := 60 - lead; n >= 5 && strings.Contains(text, value[:n]) {
			t.Errorf("lead %d: %d characters of the checked token remain: %s", lead, n, text)
		}
	}
}
