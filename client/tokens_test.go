package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

func TestGenerateSearchRevoke(t *testing.T) {
	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: version, Empty: true})
			ctx := context.Background()
			caps := e.c.Capabilities()
			nt, err := e.c.Generate(ctx, GenerateRequest{Name: "  laptop  "})
			if err != nil {
				t.Fatal(err)
			}
			if nt.Name != "laptop" || nt.Login != "admin" || nt.Value.IsZero() {
				t.Errorf("generated %+v", nt.Token)
			}
			wantType := model.TypeUnknown
			if caps.TokenTypes {
				wantType = model.TypeUser
				if !strings.HasPrefix(nt.Value.Reveal(), "squ_") || len(nt.Value.Reveal()) != 44 {
					t.Errorf("value has the wrong shape (len %d)", len(nt.Value.Reveal()))
				}
			} else if len(nt.Value.Reveal()) != 40 || model.TypeOfValue(nt.Value.Reveal()) != model.TypeUnknown {
				t.Errorf("8.9 value has the wrong shape (len %d)", len(nt.Value.Reveal()))
			}
			if nt.Type != wantType || nt.ExpiresAt != nil || nt.LastUsed != nil || nt.ProjectKey != "" {
				t.Errorf("generated %+v", nt.Token)
			}
			if time.Since(nt.CreatedAt) > time.Minute {
				t.Errorf("CreatedAt %v", nt.CreatedAt)
			}
			// The new token authenticates.
			other := newClient(t, e.srv.URL, nt.Value.Reveal())
			other.SetVersion(e.c.Version())
			if me, err := other.CurrentUser(ctx); err != nil || me.Login != "admin" {
				t.Fatalf("new token: %+v %v", me, err)
			}

			list, err := e.c.SearchTokens(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			var found *model.Token
			for i := range list {
				if list[i].Name == "laptop" {
					found = &list[i]
				}
			}
			if found == nil {
				t.Fatalf("laptop not listed: %+v", list)
			}
			if found.Login != "admin" || found.Type != wantType || found.ExpiresAt != nil || found.Expired {
				t.Errorf("listed %+v", *found)
			}
			if found.LastUsed == nil {
				t.Error("LastUsed is nil after the token was used")
			}

			if err := e.c.Revoke(ctx, "", "laptop"); err != nil {
				t.Fatal(err)
			}
			if err := e.c.Revoke(ctx, "", "no such token"); err != nil {
				t.Errorf("revoking an unknown name: %v (the server answers 204)", err)
			}
			for _, ti := range e.sim.Tokens("admin") {
				if ti.Name == "laptop" {
					t.Error("laptop still exists")
				}
			}
			if _, err := other.CurrentUser(ctx); !errors.Is(err, ErrUnauthorized) {
				t.Errorf("revoked token still works: %v", err)
			}
			for _, r := range e.requestsTo("/api/user_tokens/revoke") {
				if r.Method != http.MethodPost || r.Status != http.StatusNoContent {
					t.Errorf("revoke request %+v", r)
				}
			}
		})
	}
}

func TestGenerateForAnotherUserAndTypes(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	ctx := context.Background()
	if err := e.sim.AddUser(sonarsim.UserSpec{Login: "bob"}); err != nil {
		t.Fatal(err)
	}
	if err := e.sim.AddProject(sonarsim.ProjectSpec{Key: "pay", Name: "Payments"}); err != nil {
		t.Fatal(err)
	}
	nt, err := e.c.Generate(ctx, GenerateRequest{Login: "bob", Name: "for bob"})
	if err != nil || nt.Login != "bob" || nt.Type != model.TypeUser {
		t.Fatalf("generate for bob: %+v %v", nt.Token, err)
	}
	g, err := e.c.Generate(ctx, GenerateRequest{Name: "ci", Type: model.TypeGlobal})
	if err != nil || g.Type != model.TypeGlobal || model.TypeOfValue(g.Value.Reveal()) != model.TypeGlobal {
		t.Fatalf("global: %+v %v", g.Token, err)
	}
	p, err := e.c.Generate(ctx, GenerateRequest{Name: "pay-ci", Type: model.TypeProject, ProjectKey: "pay"})
	if err != nil || p.Type != model.TypeProject || p.ProjectKey != "pay" || model.TypeOfValue(p.Value.Reveal()) != model.TypeProject {
		t.Fatalf("project: %+v %v", p.Token, err)
	}
	list, err := e.c.SearchTokens(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range list {
		switch tok.Name {
		case "pay-ci":
			if tok.ProjectKey != "pay" || tok.ProjectName != "Payments" || tok.Type != model.TypeProject {
				t.Errorf("project token listed as %+v", tok)
			}
		case "ci":
			if tok.ProjectKey != "" || tok.ProjectName != "" || tok.Type != model.TypeGlobal {
				t.Errorf("global token listed as %+v", tok)
			}
		}
	}
	bobs, err := e.c.SearchTokens(ctx, "bob")
	if err != nil || len(bobs) != 1 || bobs[0].Login != "bob" || bobs[0].Name != "for bob" || bobs[0].LastUsed != nil {
		t.Errorf("bob's tokens: %+v %v", bobs, err)
	}
	if err := e.c.Revoke(ctx, "bob", "for bob"); err != nil || len(e.sim.Tokens("bob")) != 0 {
		t.Errorf("revoke bob's: %v, left %v", err, e.sim.Tokens("bob"))
	}
	r := e.requestsTo("/api/user_tokens/revoke")
	if len(r) != 1 || r[0].Params.Get("login") != "bob" || r[0].Params.Get("name") != "for bob" {
		t.Errorf("revoke request %+v", r)
	}
}

func TestGenerateWithExpiration(t *testing.T) {
	now := time.Now()
	e := newEnv(t, sonarsim.Options{Version: "2025.1", Empty: true})
	ctx := context.Background()
	date := model.Expire30Days
	d, _ := date.Resolve(now)
	nt, err := e.c.Generate(ctx, GenerateRequest{Name: "month", ExpiresOn: d})
	if err != nil {
		t.Fatal(err)
	}
	if nt.ExpiresAt == nil || !nt.ExpiresAt.Equal(d) {
		t.Errorf("ExpiresAt = %v, want %v", nt.ExpiresAt, d)
	}
	r := e.requestsTo("/api/user_tokens/generate")
	if got := r[len(r)-1].Params.Get("expirationDate"); got != date.WireDate(now) {
		t.Errorf("expirationDate sent %q", got)
	}
	list, _ := e.c.SearchTokens(ctx, "")
	for _, tok := range list {
		if tok.Name == "month" && (tok.ExpiresAt == nil || !tok.ExpiresAt.Equal(d) || tok.Expired) {
			t.Errorf("listed %+v", tok)
		}
	}
}

func TestOldServerGetsNoNewParameters(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "8.9", Empty: true})
	ctx := context.Background()
	if err := e.sim.AddProject(sonarsim.ProjectSpec{Key: "pay", Name: "Payments"}); err != nil {
		t.Fatal(err)
	}
	tomorrow := model.DateOf(time.Now()).AddDate(0, 0, 2)
	for _, req := range []GenerateRequest{
		{Name: "p", Type: model.TypeProject, ProjectKey: "pay"},
		{Name: "g", Type: model.TypeGlobal},
		{Name: "x", ExpiresOn: tomorrow},
	} {
		if _, err := e.c.Generate(ctx, req); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Generate(%+v) on 8.9: err = %v, want ErrUnsupported", req, err)
		} else if !strings.Contains(Describe(err), "8.9") {
			t.Errorf("Describe = %q", Describe(err))
		}
	}
	if n := len(e.sim.Requests()); n != 0 {
		t.Errorf("%d requests sent for unsupported generations", n)
	}
	// An explicit user token is fine: the type is simply not sent.
	if _, err := e.c.Generate(ctx, GenerateRequest{Name: "u", Type: model.TypeUser}); err != nil {
		t.Fatal(err)
	}
	for _, r := range e.sim.Requests() {
		for _, p := range []string{"type", "projectKey", "expirationDate"} {
			if r.Params.Has(p) {
				t.Errorf("%s sent %s=%q to 8.9", r.Path, p, r.Params.Get(p))
			}
		}
	}
	if got := e.sim.Tokens("admin"); len(got) != 2 {
		t.Errorf("admin has %d tokens, want 2 (console and u)", len(got))
	}
}

func TestAbsentFieldsStayNil(t *testing.T) {
	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: version, Empty: true})
			if err := e.sim.AddUser(sonarsim.UserSpec{Login: "bob"}); err != nil {
				t.Fatal(err)
			}
			created := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
			if _, err := e.sim.IssueToken(sonarsim.TokenSpec{Login: "bob", Name: "idle", CreatedAt: created}); err != nil {
				t.Fatal(err)
			}
			list, err := e.c.SearchTokens(context.Background(), "bob")
			if err != nil || len(list) != 1 {
				t.Fatalf("%v %v", list, err)
			}
			tok := list[0]
			if tok.LastUsed != nil || tok.ExpiresAt != nil || tok.Expired || tok.ProjectKey != "" || tok.ProjectName != "" {
				t.Errorf("absent fields not empty: %+v", tok)
			}
			if !tok.CreatedAt.Equal(created) {
				t.Errorf("CreatedAt = %v, want %v", tok.CreatedAt, created)
			}
		})
	}
}

func TestIsExpiredFromServerAndComputed(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "9.9", Empty: true})
	if err := e.sim.AddUser(sonarsim.UserSpec{Login: "bob"}); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-48 * time.Hour).UTC().Truncate(time.Second)
	future := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	for name, exp := range map[string]time.Time{"old": past, "new": future} {
		if _, err := e.sim.IssueToken(sonarsim.TokenSpec{Login: "bob", Name: name, ExpiresAt: &exp}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := e.c.SearchTokens(context.Background(), "bob")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range list {
		want := tok.Name == "old"
		if tok.Expired != want || tok.ExpiresAt == nil {
			t.Errorf("%s: Expired = %v, ExpiresAt %v", tok.Name, tok.Expired, tok.ExpiresAt)
		}
	}

	// A server that sends expirationDate without isExpired: computed with
	// the client's clock, expired only after the instant.
	body := `{"login":"bob","userTokens":[
	 {"name":"a","createdAt":"2025-01-01T10:00:00+0100","expirationDate":"2025-03-01T00:00:00+0100"},
	 {"name":"b","createdAt":"2025-01-01T10:00:00+0100","expirationDate":"2025-03-02T00:00:00+0100"},
	 {"name":"c","createdAt":"2025-01-01T10:00:00+0100","expirationDate":"2025-03-01T00:00:00+0100","isExpired":false},
	 {"name":"d","createdAt":"2025-01-01T10:00:00+0100"}]}`
	srv := canned(t, 200, "application/json", body)
	clock := time.Date(2025, 2, 28, 23, 0, 0, 0, time.UTC) // = 2025-03-01T00:00+0100
	c, err := New(Options{BaseURL: srv.URL, Now: func() time.Time { return clock }, HTTPClient: &http.Client{Transport: mustTransport(t)}})
	if err != nil {
		t.Fatal(err)
	}
	list, err = c.SearchTokens(context.Background(), "bob")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"a": false, "b": false, "c": false, "d": false}
	for _, tok := range list {
		if tok.Expired != want[tok.Name] {
			t.Errorf("at the instant: %s Expired = %v", tok.Name, tok.Expired)
		}
	}
	clock = clock.Add(time.Second)
	list, _ = c.SearchTokens(context.Background(), "bob")
	want = map[string]bool{"a": true, "b": false, "c": false, "d": false}
	for _, tok := range list {
		if tok.Expired != want[tok.Name] {
			t.Errorf("a second later: %s Expired = %v, want %v (the server's isExpired wins when present)", tok.Name, tok.Expired, want[tok.Name])
		}
	}
	c.http.CloseIdleConnections()
}

func TestTokenExpirationHeader(t *testing.T) {
	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: version, Empty: true})
			ctx := context.Background()
			if _, ok := e.c.TokenExpiration(); ok {
				t.Error("admin's console token has no expiry, yet one is reported")
			}
			if version == "8.9" {
				return // no expiration at all
			}
			exp := time.Now().Add(10 * 24 * time.Hour).UTC().Truncate(time.Second)
			v, err := e.sim.IssueToken(sonarsim.TokenSpec{Login: "admin", Name: "expiring console", ExpiresAt: &exp})
			if err != nil {
				t.Fatal(err)
			}
			c := newClient(t, e.srv.URL, v)
			if _, err := c.Connect(ctx); err != nil {
				t.Fatal(err)
			}
			// api/server/version skips the session: no header.
			if _, ok := c.TokenExpiration(); ok {
				t.Error("expiry reported from api/server/version")
			}
			if _, err := c.CurrentUser(ctx); err != nil {
				t.Fatal(err)
			}
			got, ok := c.TokenExpiration()
			if !ok || !got.Equal(exp) {
				t.Errorf("TokenExpiration = %v, %v; want %v", got, ok, exp)
			}
		})
	}
}
