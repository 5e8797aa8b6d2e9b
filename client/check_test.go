package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// TestCheckTokenEveryType: a user, a global analysis and a project
// analysis token all sign in through CheckEndpoint, with the new token,
// in the client's scheme; the client's own token is not sent, nor is its
// expiration noted from the check's answer.
func TestCheckTokenEveryType(t *testing.T) {
	for _, version := range []string{"9.9", "10.6"} {
		e := newEnv(t, sonarsim.Options{Version: version, Empty: true})
		if err := e.sim.AddProject(sonarsim.ProjectSpec{Key: "app", ScanLogins: []string{"admin"}}); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		before, had := e.c.TokenExpiration()
		for _, spec := range []sonarsim.TokenSpec{
			{Login: "admin", Name: "u"},
			{Login: "admin", Name: "g", Type: sonarsim.TypeGlobalAnalysis, ExpiresAt: ptrTime(time.Now().Add(48 * time.Hour))},
			{Login: "admin", Name: "p", Type: sonarsim.TypeProjectAnalysis, ProjectKey: "app"},
		} {
			v, err := e.sim.IssueToken(spec)
			if err != nil {
				t.Fatal(err)
			}
			e.sim.ResetRequests()
			if err := e.c.CheckToken(ctx, model.NewSecret(v), "admin"); err != nil {
				t.Errorf("%s: %s token: %v", version, spec.Name, err)
			}
			r := e.sim.Requests()
			if len(r) != 1 || r[0].Path != "/"+CheckEndpoint || r[0].Login != "admin" || r[0].Auth != strings.ToLower(e.c.AuthScheme()) {
				t.Errorf("%s: %s sent %+v", version, spec.Name, r)
			}
			last := e.sim.Tokens("admin")
			for _, tok := range last {
				if tok.Name == spec.Name && tok.LastUsed == nil {
					t.Errorf("%s: the check did not authenticate with %s", version, spec.Name)
				}
			}
		}
		if after, has := e.c.TokenExpiration(); has != had || !after.Equal(before) {
			t.Errorf("%s: the check's expiration header was taken as the client's: %v", version, after)
		}
	}
}

func ptrTime(t time.Time) *time.Time { return &t }

// TestCheckTokenRefused: a token the server refuses, one of another user
// and an anonymous answer are refusals; the words never hold the value.
func TestCheckTokenRefused(t *testing.T) {
	e := newEnv(t, sonarsim.Options{})
	ctx := context.Background()
	nt, err := e.c.Generate(ctx, GenerateRequest{Name: "new"})
	if err != nil {
		t.Fatal(err)
	}
	e.sim.SetRefuseNewTokens(true)
	err = e.c.CheckToken(ctx, nt.Value, "admin")
	var ce *TokenCheckError
	if !errors.As(err, &ce) || !ce.Refused || ce.Status != 401 || !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("refused token: %v", err)
	}
	if strings.Contains(err.Error(), nt.Value.Reveal()) {
		t.Error("the error holds the value")
	}
	e.sim.SetRefuseNewTokens(false)
	if err := e.c.CheckToken(ctx, nt.Value, "someone-else"); !errors.As(err, &ce) || !ce.Refused || !strings.Contains(ce.Reason, "another user than someone-else") {
		t.Errorf("another user's: %v", err)
	}
	if err := e.c.CheckToken(ctx, model.Secret{}, ""); !errors.As(err, &ce) || !ce.Refused {
		t.Errorf("no value: %v", err)
	}

	// A server that does not force authentication answers anonymously.
	anon := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"isLoggedIn":false,"permissions":{"global":[]}}`))
	}))
	defer anon.Close()
	if err := newClient(t, anon.URL, "t").CheckToken(ctx, model.NewSecret("squ_x"), "admin"); !errors.As(err, &ce) || !ce.Refused || !strings.Contains(ce.Reason, "anonymous") {
		t.Errorf("anonymous answer: %v", err)
	}
}

// TestCheckTokenFollowsNoRedirect: the checked token goes to the URL asked
// and nowhere else, not even a redirect within the same origin; the
// check is then inconclusive, not a refusal.
func TestCheckTokenFollowsNoRedirect(t *testing.T) {
	var elsewhere atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/elsewhere") {
			if r.Header.Get("Authorization") != "" {
				elsewhere.Add(1)
			}
			_, _ = w.Write([]byte(`{"isLoggedIn":true,"login":"admin"}`))
			return
		}
		// A hostile server echoes the token it got into the target.
		token := strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
		http.Redirect(w, r, srv.URL+"/elsewhere/"+token+"/squ_new"+"0123456789abcdef0123456789abcdef01234567", http.StatusFound)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, "console")
	value := "squ_new0123456789abcdef0123456789abcdef01234567"
	err := c.CheckToken(context.Background(), model.NewSecret(value), "admin")
	var ce *TokenCheckError
	if !errors.As(err, &ce) || ce.Refused || !strings.Contains(ce.Reason, "redirect") {
		t.Errorf("redirect: %v", err)
	}
	if strings.Contains(err.Error(), value) || strings.Contains(err.Error(), "0123456789abcdef") {
		t.Errorf("the words hold the value: %v", err)
	}
	if elsewhere.Load() != 0 {
		t.Error("the token followed the redirect")
	}
}

// TestCheckTokenNoAnswer: a server that cannot be reached, or answers
// 503, leaves the check inconclusive.
func TestCheckTokenNoAnswer(t *testing.T) {
	down := httptest.NewServer(http.NotFoundHandler())
	url := down.URL
	down.Close()
	ctx := context.Background()
	var ce *TokenCheckError
	if err := newClient(t, url, "t").CheckToken(ctx, model.NewSecret("squ_x"), "admin"); !errors.As(err, &ce) || ce.Refused || !strings.Contains(ce.Reason, "no answer") {
		t.Errorf("down: %v", err)
	}
	e := newEnv(t, sonarsim.Options{})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, PathPrefix: "/" + CheckEndpoint, Status: 503})
	if err := e.c.CheckToken(ctx, model.NewSecret(e.sim.AdminToken()), "admin"); !errors.As(err, &ce) || ce.Refused || ce.Status != 503 {
		t.Errorf("503: %v", err)
	}
}

// TestCheckTokenNeedsItsUser: a check without the user the token was made
// for is refused before the value is sent anywhere; it used to accept any
// user the server named.
func TestCheckTokenNeedsItsUser(t *testing.T) {
	var asked atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"isLoggedIn":true,"login":"mallory"}`))
	}))
	t.Cleanup(srv.Close)
	var ce *TokenCheckError
	err := newClient(t, srv.URL, "t").CheckToken(context.Background(), model.NewSecret("squ_0123456789abcdef"), "")
	if !errors.As(err, &ce) || ce.Refused || !strings.Contains(ce.Reason, "no user to check the new token against") || asked.Load() != 0 {
		t.Errorf("CheckToken without a login: %v, %d requests", err, asked.Load())
	}
}
