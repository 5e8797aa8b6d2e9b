package cli

import (
	"io"
	"log"
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
	want := "The server redirected to " + other.URL + ". The token was not sent there. Use that URL with --url if you trust it."
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
}

// TestResourceFlagsAreBounded checks the usage errors (exit 2) of
// --concurrency outside 1 to 64 and of a --timeout that is not above 0,
// for the review and the console; nothing is asked of the server.
func TestResourceFlagsAreBounded(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"review", "--concurrency", "99999999999"}, "--concurrency 99999999999: use 1 to 64"},
		{[]string{"review", "--concurrency", "65"}, "--concurrency 65: use 1 to 64"},
		{[]string{"review", "--concurrency", "0"}, "--concurrency 0: use 1 to 64"},
		{[]string{"--review", "--concurrency", "65"}, "--concurrency 65: use 1 to 64"},
		{[]string{"--demo", "--concurrency", "-1"}, "--concurrency -1: use 1 to 64"},
		{[]string{"list", "--timeout", "0"}, "the timeout must be more than 0"},
		{[]string{"list", "--timeout", "-5s"}, "the timeout must be more than 0"},
		{[]string{"review", "--timeout", "0s"}, "the timeout must be more than 0"},
		{[]string{"--timeout", "0"}, "the timeout must be more than 0"},
	} {
		e.sim.ResetRequests()
		r := e.run(tc.args...).expect(t, ExitUsage)
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%q: stderr = %q, want %q", tc.args, r.stderr, tc.want)
		}
		if n := len(e.sim.Requests()); n != 0 {
			t.Errorf("%q: %d requests reached the server", tc.args, n)
		}
	}
	for _, args := range [][]string{
		{"review", "--concurrency", "64", "--timeout", "5s"},
		{"review", "--concurrency", "1"},
	} {
		e.run(args...).expect(t, ExitOK)
	}
}

// TestCredentialsInURLRefused: USER:PASSWORD@ in --url or SONAR_HOST_URL
// is a usage error that says how to pass a token; nothing is sent and the
// password is never repeated, not even in auth login's prompt.
func TestCredentialsInURLRefused(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	withCreds := strings.Replace(e.url, "http://", "http://admin:s3cret@", 1)
	for _, o := range []struct {
		vars map[string]string
		args []string
	}{
		{map[string]string{"SONAR_HOST_URL": withCreds}, []string{"list"}},
		{nil, []string{"list", "--url", withCreds}},
		{map[string]string{"SONAR_HOST_URL": withCreds}, nil},
		{nil, []string{"review", "--url", withCreds}},
	} {
		e.sim.ResetRequests()
		r := e.runWith(runOpts{vars: o.vars}, o.args...).expect(t, ExitUsage)
		if strings.Contains(r.stderr+r.stdout, "s3cret") {
			t.Errorf("%q: the password is repeated:\n%s", o.args, r.stderr)
		}
		if want := "the server URL holds a user name or password (USER:PASSWORD@), which sonartoken never sends: use " + e.url + " and pass a token"; !strings.Contains(r.stderr, want) {
			t.Errorf("%q: stderr = %q, want %q", o.args, r.stderr, want)
		}
		if n := len(e.sim.Requests()); n != 0 {
			t.Errorf("%q: %d requests reached the server", o.args, n)
		}
	}

	r := e.runIn(newHome(t), map[string]string{"SONAR_HOST_URL": withCreds}, "\n", "auth", "login").expect(t, ExitUsage)
	if strings.Contains(r.stderr, "s3cret") {
		t.Errorf("auth login repeats the password:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "user name or password") || strings.Contains(r.stderr, "Token (input hidden)") {
		t.Errorf("auth login asks for a token for a URL it refuses:\n%s", r.stderr)
	}
}

// TestNetworkHintsNameFlags checks that the command line's advice, not the
// client's, names the flags that fix a failure: --ca-file and --insecure
// for an unknown authority, --timeout for a server that does not answer.
func TestNetworkHintsNameFlags(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	t.Cleanup(tlsSrv.Close)
	r := e.runWith(runOpts{vars: map[string]string{"SONAR_HOST_URL": tlsSrv.URL}}, "list").expect(t, ExitError)
	want := "The server's TLS certificate is signed by an unknown authority: an internal company authority this machine does not trust, or a certificate the server signed itself. If your company uses an internal CA, pass its PEM file with --ca-file (or set SSL_CERT_FILE); --insecure skips verification entirely."
	if !strings.Contains(r.stderr, want) {
		t.Errorf("unknown authority: stderr = %q, want %q", r.stderr, want)
	}

	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultHang, PathPrefix: "/api/"})
	t.Cleanup(e.sim.ClearFaults)
	r = e.run("list", "--timeout", "50ms").expect(t, ExitError)
	want = "The server did not answer in time. It may be overloaded or unreachable. Try again, or raise --timeout."
	if !strings.Contains(r.stderr, want) {
		t.Errorf("timeout: stderr = %q, want %q", r.stderr, want)
	}
}
