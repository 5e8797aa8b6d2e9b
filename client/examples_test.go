package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// exampleServer answers as SonarQube version does, with the example
// bodies of testdata/examples/<dir> (see its README): path → file name.
func exampleServer(t *testing.T, version, dir string, files map[string]string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/server/version" {
			_, _ = w.Write([]byte(version))
			return
		}
		name, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		body, err := os.ReadFile(filepath.Join("testdata", "examples", dir, name))
		if err != nil {
			t.Error(err)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL, "squ_example")
	if _, err := c.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c
}

var exampleFiles = map[string]string{
	"/api/users/current":        "current.json",
	"/api/user_tokens/search":   "search.json",
	"/api/user_tokens/generate": "generate.json",
}

func wireTime(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := time.Parse(TimeLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestExampleCurrentUser reads SonarQube's api/users/current example, as
// 8.9 and as 10.x (with id and dismissedNotices) answer it.
func TestExampleCurrentUser(t *testing.T) {
	for version, dir := range map[string]string{"8.9.10.61524": "8.9", "10.6.0.92116": "10.x"} {
		c := exampleServer(t, version, dir, exampleFiles)
		u, err := c.CurrentUser(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		if !u.IsLoggedIn || u.Login != "obiwan.kenobi" || u.Name != "Obiwan Kenobi" || !slices.Equal(u.GlobalPermissions, []string{"profileadmin", "scan"}) || u.IsAdmin() || !u.CanScan() {
			t.Errorf("%s: %+v", dir, u)
		}
	}
}

// TestExampleSearch reads SonarQube's api/user_tokens/search example: the
// owner from the answer's login, createdAt instants in their offsets,
// types and project from 10.x, none on 8.9.
func TestExampleSearch(t *testing.T) {
	created := []time.Time{
		wireTime(t, "2015-08-02T15:44:27+0200"),
		wireTime(t, "2015-04-08T21:57:47+0200"),
		wireTime(t, "2015-11-26T08:31:07+0100"),
	}
	for _, tt := range []struct {
		version, dir string
		types        []model.TokenType
		project      string
	}{
		{"8.9.10.61524", "8.9", []model.TokenType{model.TypeUnknown, model.TypeUnknown, model.TypeUnknown}, ""},
		{"10.6.0.92116", "10.x", []model.TokenType{model.TypeUser, model.TypeProject, model.TypeUser}, "project-1"},
	} {
		c := exampleServer(t, tt.version, tt.dir, exampleFiles)
		toks, err := c.SearchTokens(context.Background(), "")
		if err != nil {
			t.Fatalf("%s: %v", tt.dir, err)
		}
		if len(toks) != 3 {
			t.Fatalf("%s: %d tokens, want 3", tt.dir, len(toks))
		}
		for i, tok := range toks {
			if tok.Login != "grace.hopper" || !tok.CreatedAt.Equal(created[i]) || tok.Type != tt.types[i] || tok.ExpiresAt != nil || tok.LastUsed != nil || tok.Expired {
				t.Errorf("%s: token %d = %+v", tt.dir, i, tok)
			}
		}
		if toks[1].ProjectKey != tt.project || (tt.project != "" && toks[1].ProjectName != "Project 1") {
			t.Errorf("%s: Jenkins token's project %q %q", tt.dir, toks[1].ProjectKey, toks[1].ProjectName)
		}
		if got := toks[0].StatusAt(time.Now(), model.DefaultExpiringWithin); got != model.StatusNoExpiration {
			t.Errorf("%s: status %s", tt.dir, got)
		}
	}
}

// TestExampleSearchNewYork: the 10.x search shape with the fields set
// (lastConnectionDate, expirationDate, isExpired) from a server in New
// York: the expiry days are the requested ones, the instants keep the
// server's offset, isExpired is the server's word.
func TestExampleSearchNewYork(t *testing.T) {
	files := map[string]string{"/api/user_tokens/search": "search-new-york.json"}
	c := exampleServer(t, "10.6.0.92116", "10.x", files)
	toks, err := c.SearchTokens(context.Background(), "grace.hopper")
	if err != nil {
		t.Fatal(err)
	}
	if len(toks) != 2 {
		t.Fatalf("%d tokens", len(toks))
	}
	n, old := toks[0], toks[1]
	if n.ExpiresAt == nil || model.ExpiryDay(*n.ExpiresAt) != "2027-01-15" || n.Expired || n.Type != model.TypeGlobal {
		t.Errorf("Nightly: %+v", n)
	}
	if _, off := n.ExpiresAt.Zone(); off != -5*3600 {
		t.Errorf("Nightly's expiry lost the server's offset: %s", n.ExpiresAt)
	}
	if n.LastUsed == nil || !n.LastUsed.Equal(time.Date(2026, 11, 30, 4, 10, 0, 0, time.UTC)) {
		t.Errorf("Nightly last used %v", n.LastUsed)
	}
	if old.ExpiresAt == nil || model.ExpiryDay(*old.ExpiresAt) != "2025-07-14" || !old.Expired {
		t.Errorf("Old laptop: %+v", old)
	}
	at := time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)
	if got := n.StatusAt(at, model.DefaultExpiringWithin); got != model.StatusExpiring {
		t.Errorf("Nightly on 2027-01-10: %s, want expiring", got)
	}
	if days, _ := n.DaysLeft(at); days != 5 {
		t.Errorf("Nightly on 2027-01-10: %d days left, want 5", days)
	}
}

// TestExampleGenerate reads SonarQube's api/user_tokens/generate example:
// the value, the owner, and on 10.x the type and an expiry stored at
// midnight in the server's zone (+0100), whose day is 2022-07-14.
func TestExampleGenerate(t *testing.T) {
	for _, tt := range []struct {
		version, dir string
		typ          model.TokenType
		expiry       string
	}{
		{"8.9.10.61524", "8.9", model.TypeUnknown, ""},
		{"10.6.0.92116", "10.x", model.TypeUser, "2022-07-14"},
	} {
		c := exampleServer(t, tt.version, tt.dir, exampleFiles)
		nt, err := c.Generate(context.Background(), GenerateRequest{Name: "Third Party Application"})
		if err != nil {
			t.Fatalf("%s: %v", tt.dir, err)
		}
		tok := nt.Token
		if nt.Value.Reveal() != "123456789" || tok.Login != "grace.hopper" || tok.Name != "Third Party Application" || tok.Type != tt.typ ||
			!tok.CreatedAt.Equal(wireTime(t, "2018-01-10T14:06:05+0100")) {
			t.Errorf("%s: %+v", tt.dir, tok)
		}
		got := ""
		if tok.ExpiresAt != nil {
			got = model.ExpiryDay(*tok.ExpiresAt)
			if !tok.ExpiresAt.Equal(time.Date(2022, 7, 13, 23, 0, 0, 0, time.UTC)) || !tok.Expired {
				t.Errorf("%s: expiry %s, expired %v", tt.dir, tok.ExpiresAt, tok.Expired)
			}
		}
		if got != tt.expiry {
			t.Errorf("%s: expiry day %q, want %q", tt.dir, got, tt.expiry)
		}
	}
}
