package client

import (
	"strings"
	"testing"
)

// TestNewRefusesCredentialsInURL: the client never takes USER:PASSWORD@
// from a URL, nor repeats it.
func TestNewRefusesCredentialsInURL(t *testing.T) {
	for _, raw := range []string{"https://admin:s3cret@sonar.example.com", "http://s3cret@127.0.0.1:9000", "https://admin:s3cret %zz@host"} {
		_, err := New(Options{BaseURL: raw})
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("New(%q) = %v, want a refusal without the secret", raw, err)
		}
	}
}
