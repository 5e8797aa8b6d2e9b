package errtext

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/sonartoken/sonartoken/client"
)

// TestDescribe checks the console's account: the client's facts, then the
// console's advice for the kind, and nothing added where the client's
// words say all there is.
func TestDescribe(t *testing.T) {
	t.Parallel()
	u := func(s string) *url.URL { v, _ := url.Parse(s); return v }
	forbidden := &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 403}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"timeout", &client.TransportError{Method: "GET", Endpoint: "api/x", Err: context.DeadlineExceeded},
			"The server did not answer in time. It may be overloaded or unreachable. Try again; a server this slow may need a longer time limit (--timeout, or the profile's timeout)."},
		{"https upgrade", &client.RedirectError{Method: "GET", Endpoint: "api/x", Status: 301, From: u("http://sonar/api/x"), To: u("https://sonar/api/x"), Suggested: "https://sonar"},
			"The server redirects http:// to https://, to https://sonar. The token was not sent to the new address. Use https://sonar as the server URL."},
		{"elsewhere", &client.RedirectError{Method: "GET", Endpoint: "api/x", Status: 302, From: u("https://sonar/api/x"), To: u("https://other/api/x"), Suggested: "https://other"},
			"The server redirected to https://other. The token was not sent there. If you trust that address, use it as the server URL."},
		// Nothing to add: the client's words as they are.
		{"forbidden", forbidden, client.Describe(forbidden)},
		{"plain", errors.New("disk full"), "disk full"},
	}
	for _, tt := range tests {
		if got := Describe(tt.err); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
