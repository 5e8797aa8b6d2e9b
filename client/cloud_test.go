package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

func TestCloudDetection(t *testing.T) {
	for url, want := range map[string]bool{
		"https://sonarcloud.io":          true,
		"sonarcloud.io":                  true,
		"https://SONARQUBE.US/":          true,
		"https://api.sonarcloud.io":      true,
		"https://sonar.example.com":      false,
		"http://127.0.0.1:9000/sonar":    false,
		"https://sonarcloud.io.evil.com": false,
	} {
		c, err := New(Options{BaseURL: url})
		if err != nil {
			t.Fatal(err)
		}
		if c.Cloud() != want || c.Capabilities().Cloud != want {
			t.Errorf("%s: Cloud() = %v, want %v", url, c.Cloud(), want)
		}
		if want && c.AuthScheme() != "Bearer" {
			t.Errorf("%s: %s authentication, want Bearer", url, c.AuthScheme())
		}
		// Whatever version the server answers, Cloud stays Cloud.
		c.SetVersion(model.Version{Major: 8, Minor: 0})
		if c.Capabilities().Cloud != want || want && (c.AuthScheme() != "Bearer" || !c.Capabilities().Expiration || c.Capabilities().TokenTypes) {
			t.Errorf("%s after SetVersion(8.0): %+v, %s", url, c.Capabilities(), c.AuthScheme())
		}
	}
	c, err := New(Options{BaseURL: "https://sonar-proxy.example.com", Cloud: true})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Cloud() || !c.Capabilities().Cloud {
		t.Error("Options.Cloud is not Cloud")
	}
}

// cloudEnv is sim --cloud and a client told it is Cloud (its address is
// not sonarcloud.io).
func cloudEnv(t *testing.T) (*sonarsim.Server, *Client) {
	t.Helper()
	sim := sonarsim.New(sonarsim.Options{Cloud: true})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() { _ = sim.Close(); srv.Close() })
	hc := &http.Client{Transport: mustTransport(t)}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := New(Options{BaseURL: srv.URL, Token: model.NewSecret(sim.AdminToken()), HTTPClient: hc, Retry: fastRetry, Cloud: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CurrentUser(ctx); err != nil {
		t.Fatal(err)
	}
	sim.ResetRequests()
	return sim, c
}

// TestCloudOwnTokensOnly: another user's login is refused before anything
// is sent (Cloud would act on the caller's own tokens); the caller's own
// login is not sent at all.
func TestCloudOwnTokensOnly(t *testing.T) {
	sim, c := cloudEnv(t)
	ctx := context.Background()
	if _, err := c.SearchTokens(ctx, "jdoe"); !errors.Is(err, ErrCloudOwnTokens) || !strings.Contains(err.Error(), "SonarQube Cloud lists only your own tokens") {
		t.Errorf("search for jdoe: %v", err)
	}
	if err := c.Revoke(ctx, "jdoe", "sonartoken-console"); !errors.Is(err, ErrCloudOwnTokens) {
		t.Errorf("revoke for jdoe: %v", err)
	}
	if _, err := c.Generate(ctx, GenerateRequest{Login: "jdoe", Name: "x"}); !errors.Is(err, ErrCloudOwnTokens) {
		t.Errorf("generate for jdoe: %v", err)
	}
	if n := len(sim.Requests()); n != 0 {
		t.Fatalf("%d requests sent for refused calls", n)
	}
	toks, err := c.SearchTokens(ctx, "admin")
	if err != nil || len(toks) == 0 || toks[0].Type != model.TypeUnknown {
		t.Fatalf("own search: %v, %+v", err, toks)
	}
	if r := sim.Requests(); len(r) != 1 || r[0].Params.Has("login") || r[0].Auth != "bearer" {
		t.Errorf("own search sent %+v", r)
	}
}

// TestCloudGenerateSendsNameAndExpirationOnly: the server receives name
// and expirationDate, nothing else; an analysis token or a project is
// refused before sending.
func TestCloudGenerateSendsNameAndExpirationOnly(t *testing.T) {
	sim, c := cloudEnv(t)
	ctx := context.Background()
	for _, req := range []GenerateRequest{
		{Name: "g", Type: model.TypeGlobal},
		{Name: "p", Type: model.TypeProject, ProjectKey: "app"},
		{Name: "k", ProjectKey: "app"},
	} {
		if _, err := c.Generate(ctx, req); !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "SonarQube Cloud") {
			t.Errorf("%+v: %v", req, err)
		}
	}
	nt, err := c.Generate(ctx, GenerateRequest{Name: "ci", Type: model.TypeUser, ExpiresOn: time.Now().AddDate(0, 0, 30), Login: "admin"})
	if err != nil || nt.Value.IsZero() || nt.Login != "admin" {
		t.Fatalf("generate: %v, %+v", err, nt.Token)
	}
	r := sim.Requests()
	if len(r) != 1 || r[0].Path != "/api/user_tokens/generate" {
		t.Fatalf("requests %+v", r)
	}
	var keys []string
	for k := range r[0].Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if strings.Join(keys, ",") != "expirationDate,name" {
		t.Errorf("generate sent %v", r[0].Params)
	}
}

// TestSignInsInTheListings: both user listings give the later of the two
// connection dates; absent or null is never.
func TestSignInsInTheListings(t *testing.T) {
	lint := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	e := newEnv(t, sonarsim.Options{Empty: true})
	if err := e.sim.AddUser(sonarsim.UserSpec{Login: "linter", SonarLintLastConnection: &lint}); err != nil {
		t.Fatal(err)
	}
	if err := e.sim.AddUser(sonarsim.UserSpec{Login: "nobody"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for name, list := range map[string]func(context.Context, UsersQuery) (UsersPage, error){"legacy": e.c.SearchUsersLegacy, "v2": e.c.SearchUsersV2} {
		page, err := list(ctx, UsersQuery{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]*time.Time{}
		for _, u := range page.Users {
			got[u.Login] = u.LastSignIn()
		}
		if s := got["linter"]; s == nil || !s.Equal(lint) {
			t.Errorf("%s: linter %v", name, s)
		}
		if got["nobody"] != nil {
			t.Errorf("%s: nobody signed in at %v", name, got["nobody"])
		}
	}
	// null, as API v2 may write it, is never.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"users":[{"login":"a","active":true,"sonarQubeLastConnectionDate":null,"sonarLintLastConnectionDate":"2026-01-02T03:04:05+0100"},{"login":"b","sonarQubeLastConnectionDate":null,"sonarLintLastConnectionDate":null}],"page":{"pageIndex":1,"pageSize":50,"total":2}}`))
	}))
	defer srv.Close()
	page, err := newClient(t, srv.URL, "t").SearchUsersV2(ctx, UsersQuery{})
	if err != nil || len(page.Users) != 2 || page.Users[0].LastSignIn() == nil || page.Users[1].LastSignIn() != nil {
		t.Fatalf("%v %+v", err, page.Users)
	}
}

// TestScanCarriesOwners: every scanned token says when its owner last
// signed in, as the listing reported it.
func TestScanCarriesOwners(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	e := newEnv(t, sonarsim.Options{Seed: 5, Users: 60, Tokens: 120, Now: func() time.Time { return now }})
	n := 0
	for b := range e.c.ScanAllTokens(context.Background(), ScanOptions{PageSize: 7}) {
		if b.Err != nil {
			t.Fatal(b.Err)
		}
		u, _ := e.sim.User(b.Login)
		for _, tok := range b.Tokens {
			n++
			if tok.Owner == nil {
				t.Fatalf("%s/%s has no owner", tok.Login, tok.Name)
			}
			want := u.LastConnection
			if l := u.SonarLintLastConnection; l != nil && (want == nil || l.After(*want)) {
				want = l
			}
			if b.Login == "admin" {
				continue // this scan is admin's connection
			}
			got := tok.Owner.LastSignIn
			if (got == nil) != (want == nil) || got != nil && !got.Equal(*want) {
				t.Errorf("%s: owner signed in %v, want %v", b.Login, got, want)
			}
		}
	}
	if n < 100 {
		t.Errorf("%d tokens scanned", n)
	}
}
