package cli

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestRedirectElsewhereIsReported points the CLI at a server that
// redirects every request to another port of the same host: the token is
// not sent there, and the error says where the server pointed and how to
// go there on purpose.
func TestRedirectElsewhereIsReported(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = append(leaked, r.URL.Path+" "+r.Header.Get("Authorization"))
	}))
	t.Cleanup(other.Close)
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	t.Cleanup(hostile.Close)

	r := e.runWith(runOpts{vars: map[string]string{"SONAR_HOST_URL": hostile.URL}}, "list")
	r.expect(t, ExitError)
	if len(leaked) != 0 {
		t.Errorf("the other port received %q", leaked)
	}
	want := "The server redirected to " + other.URL + ": use that URL with --url if you trust it"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
}
