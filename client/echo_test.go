package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/secrettest"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// echoToken is the token of TestMalformedStatusLineEchoingTheToken.
const echoToken = "squ_0123456789abcdef0123456789abcdef01234567"

// echoEnv is sonarsim behind a server that echoes the Authorization header
// in shape with status on the given paths, with the admin's client of the
// given version (Basic before 10.0, Bearer from it), logging at debug
// level into log.
func echoEnv(t *testing.T, version string, shape secrettest.Shape, status int, paths ...string) (*Client, string, *bytes.Buffer) {
	t.Helper()
	sim := sonarsim.New(sonarsim.Options{Version: version})
	srv := httptest.NewServer(secrettest.Echo(sim.Handler(), shape, status, paths...))
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	var log bytes.Buffer
	hc := &http.Client{Transport: mustTransport(t)}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := New(Options{BaseURL: srv.URL, Token: model.NewSecret(sim.AdminToken()), HTTPClient: hc, Retry: fastRetry, Timeout: 5 * time.Second,
		Logger: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c, sim.AdminToken(), &log
}

// TestServerEchoingTheTokenIsScrubbed: a server or proxy that copies the
// Authorization header into its answer, as JSON messages, a text or HTML
// page or a redirect's Location, never gets the token into an error's
// words, Describe's, or the debug log, for Bearer and Basic alike, on a
// read (retried) and on a change.
func TestServerEchoingTheTokenIsScrubbed(t *testing.T) {
	ctx := context.Background()
	for _, version := range []string{"9.9", "10.6"} {
		for _, shape := range secrettest.Shapes {
			for _, status := range []int{400, 401, 403, 500, 502} {
				c, token, log := echoEnv(t, version, shape, status, "api/user_tokens/search", "api/user_tokens/revoke")
				_, rerr := c.SearchTokens(ctx, "")
				werr := c.Revoke(ctx, "", "laptop")
				for _, err := range []error{rerr, werr} {
					if err == nil {
						t.Fatalf("%s %s %d: no error", version, shape, status)
					}
					what := string(shape) + " " + version + " " + http.StatusText(status)
					secrettest.AssertNoPiecesIn(t, what+": Error()", []byte(err.Error()), []string{token})
					secrettest.AssertNoPiecesIn(t, what+": Describe", []byte(Describe(err)), []string{token})
				}
				secrettest.AssertNoPiecesIn(t, string(shape)+" "+version+": the debug log", log.Bytes(), []string{token})
			}
		}
	}
}

// TestMalformedStatusLineEchoingTheToken: net/http quotes a malformed
// status line in its error; one that holds the token loses it.
func TestMalformedStatusLineEchoingTheToken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				req, err := http.ReadRequest(bufioReader(conn))
				if err != nil {
					return
				}
				_, cred, _ := strings.Cut(req.Header.Get("Authorization"), " ")
				_, _ = io.WriteString(conn, "HTTP/1.1 "+cred+" Unauthorized\r\nContent-Length: 0\r\n\r\n")
			}()
		}
	}()
	var log bytes.Buffer
	hc := &http.Client{Transport: mustTransport(t)}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := New(Options{BaseURL: "http://" + l.Addr().String(), Token: model.NewSecret(echoToken), HTTPClient: hc, Retry: RetryPolicy{Max: -1},
		Logger: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	c.SetVersion(model.Version{Major: 10, Minor: 6})
	_, err = c.CurrentUser(context.Background())
	if err == nil || !strings.Contains(err.Error(), "malformed HTTP status code") {
		t.Fatalf("err = %v, want the malformed status line", err)
	}
	secrettest.AssertNoPiecesIn(t, "Error()", []byte(err.Error()), []string{echoToken})
	secrettest.AssertNoPiecesIn(t, "Describe", []byte(Describe(err)), []string{echoToken})
	secrettest.AssertNoPiecesIn(t, "the debug log", log.Bytes(), []string{echoToken})
	if Classify(err) != KindUnreachable && Classify(err) != KindOther {
		t.Errorf("kind %v", Classify(err))
	}
}

func bufioReader(r io.Reader) *bufio.Reader { return bufio.NewReader(r) }

// TestCheckTokenEchoKeepsTheNewValueOut: a server or proxy that echoes the
// checked token's Authorization header into its answers to the check
// (503 and 502, retried; 500 and 400, not) gets no piece of the new value
// into the check's error, Describe's words or the debug log, whose retry
// lines quote the error; the client's own token stays out as well.
func TestCheckTokenEchoKeepsTheNewValueOut(t *testing.T) {
	const value = "squ_fedcba9876543210fedcba9876543210fedcba98"
	ctx := context.Background()
	for _, version := range []string{"9.9", "10.6"} {
		for _, shape := range []secrettest.Shape{secrettest.JSON, secrettest.Text, secrettest.HTML} {
			for _, status := range []int{400, 500, 502, 503} {
				c, token, log := echoEnv(t, version, shape, status, CheckEndpoint)
				err := c.CheckToken(ctx, model.NewSecret(value), "admin")
				if err == nil {
					t.Fatalf("%s %s %d: no error", version, shape, status)
				}
				what := string(shape) + " " + version + " " + http.StatusText(status)
				secrettest.AssertNoPiecesIn(t, what+": Error()", []byte(err.Error()), []string{value, token})
				secrettest.AssertNoPiecesIn(t, what+": Describe", []byte(Describe(err)), []string{value, token})
				secrettest.AssertNoPiecesIn(t, what+": the debug log", log.Bytes(), []string{value, token})
			}
		}
	}
}

// TestUserDatesEchoingTheToken: a server or proxy that puts the
// Authorization header in a user's sign-in dates, which the parse error
// under the error for a date in an unknown format quotes, gets no piece of
// the token into the words of the error or of any error it wraps, for each
// date field of api/users/search and API v2.
func TestUserDatesEchoingTheToken(t *testing.T) {
	ctx := context.Background()
	for _, field := range []string{"lastConnectionDate", "sonarLintLastConnectionDate", "sonarQubeLastConnectionDate"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			auth, _ := json.Marshal(r.Header.Get("Authorization"))
			user := fmt.Sprintf(`{"login":"ada","name":"Ada","active":true,%q:%s}`, field, auth)
			if strings.HasSuffix(r.URL.Path, "/api/v2/users-management/users") {
				fmt.Fprintf(w, `{"users":[%s],"page":{"pageIndex":1,"pageSize":50,"total":1}}`, user)
				return
			}
			fmt.Fprintf(w, `{"paging":{"pageIndex":1,"pageSize":50,"total":1},"users":[%s]}`, user)
		}))
		for _, version := range []model.Version{{Major: 9, Minor: 9}, {Major: 10, Minor: 6}} {
			c := newClient(t, srv.URL, echoToken)
			c.SetVersion(version)
			for api, search := range map[string]func(context.Context, UsersQuery) (UsersPage, error){
				"api/users/search": c.SearchUsersLegacy, "API v2": c.SearchUsersV2,
			} {
				_, err := search(ctx, UsersQuery{})
				if field == "sonarQubeLastConnectionDate" && api == "api/users/search" || field == "lastConnectionDate" && api == "API v2" {
					continue // not a field of that API
				}
				if err == nil {
					t.Fatalf("%s %s %s: no error", field, api, version)
				}
				what := field + " " + api + " " + version.String()
				secrettest.AssertNoPiecesIn(t, what+": Error()", []byte(err.Error()), []string{echoToken})
				secrettest.AssertNoPiecesIn(t, what+": Describe", []byte(Describe(err)), []string{echoToken})
				for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
					secrettest.AssertNoPiecesIn(t, what+": a wrapped error", []byte(e.Error()), []string{echoToken})
				}
			}
		}
		srv.Close()
	}
}
