package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// TestEveryVersionListGenerateRevoke runs the console's whole cycle
// against each server version profile: list, generate every type the
// version allows (with an expiry where it has them), list again, revoke.
// Every request must carry the version's authentication scheme, and none
// a parameter the version does not know.
func TestEveryVersionListGenerateRevoke(t *testing.T) {
	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: version, Empty: true})
			c := e.userClient(t, sonarsim.UserSpec{Login: "dev", Name: "Dev", Scan: true})
			if err := e.sim.AddProject(sonarsim.ProjectSpec{Key: "app", Name: "App", ScanLogins: []string{"dev"}}); err != nil {
				t.Fatal(err)
			}
			e.sim.ResetRequests()
			ctx := context.Background()
			caps := c.Capabilities()

			me, err := c.CurrentUser(ctx)
			if err != nil || me.Login != "dev" {
				t.Fatalf("CurrentUser: %+v %v", me, err)
			}
			projects, err := c.ScannableProjects(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			types := model.CreatableTypes(caps, me, len(projects), false)
			if caps.TokenTypes != (version != "8.9") {
				t.Fatalf("TokenTypes = %v on %s", caps.TokenTypes, version)
			}
			reqs := []GenerateRequest{{Name: "plain"}}
			for _, typ := range types {
				r := GenerateRequest{Name: "t-" + string(typ), Type: typ}
				if typ == model.TypeProject {
					r.ProjectKey = projects[0].Key
				}
				if caps.Expiration {
					r.ExpiresOn = time.Now().AddDate(0, 0, 30)
				}
				reqs = append(reqs, r)
			}
			if version != "8.9" && len(types) != 3 {
				t.Fatalf("%s offers %v, want all three types", version, types)
			}
			before, err := c.SearchTokens(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range reqs {
				nt, err := c.Generate(ctx, r)
				if err != nil {
					t.Fatalf("generate %+v: %v", r, err)
				}
				want := r.Type
				if want == model.TypeUnknown && caps.TokenTypes {
					want = model.TypeUser
				}
				if nt.Type != want || (caps.TokenTypes && model.TypeOfValue(nt.Value.Reveal()) != want) {
					t.Errorf("%s: generated type %q, value of type %q", r.Name, nt.Type, model.TypeOfValue(nt.Value.Reveal()))
				}
				if (nt.ExpiresAt != nil) != !r.ExpiresOn.IsZero() {
					t.Errorf("%s: ExpiresAt %v", r.Name, nt.ExpiresAt)
				}
				if r.Type == model.TypeProject && nt.ProjectKey != "app" {
					t.Errorf("project token on %q", nt.ProjectKey)
				}
			}
			after, err := c.SearchTokens(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(after) != len(before)+len(reqs) {
				t.Errorf("listed %d tokens, want %d", len(after), len(before)+len(reqs))
			}
			for _, r := range reqs {
				if err := c.Revoke(ctx, "", r.Name); err != nil {
					t.Fatalf("revoke %s: %v", r.Name, err)
				}
			}
			if left := e.sim.Tokens("dev"); len(left) != len(before) {
				t.Errorf("%d tokens left after revoking", len(left))
			}

			wire := "basic"
			if version == "10.6" || version == "2025.1" {
				wire = "bearer"
			}
			allowed := map[string]map[string]bool{
				"/api/users/current":                         {},
				"/api/user_tokens/search":                    {"login": true},
				"/api/user_tokens/revoke":                    {"login": true, "name": true},
				"/api/projects/search_my_scannable_projects": {"q": true},
				"/api/user_tokens/generate":                  {"login": true, "name": true},
			}
			if caps.TokenTypes {
				allowed["/api/user_tokens/generate"]["type"] = true
				allowed["/api/user_tokens/generate"]["projectKey"] = true
			}
			if caps.Expiration {
				allowed["/api/user_tokens/generate"]["expirationDate"] = true
			}
			seen := map[string]int{}
			for _, r := range e.sim.Requests() {
				seen[r.Path]++
				if r.Auth != wire || r.Login != "dev" || r.Status >= 400 {
					t.Errorf("%s %s: auth %q login %q status %d; want %s as dev", r.Method, r.Path, r.Auth, r.Login, r.Status, wire)
				}
				ok, known := allowed[r.Path]
				if !known {
					t.Errorf("unexpected request %s %s", r.Method, r.Path)
					continue
				}
				for p := range r.Params {
					if !ok[p] {
						t.Errorf("%s sent %q to SonarQube %s", r.Path, p, version)
					}
				}
			}
			if !caps.ScannableProjects && seen["/api/projects/search_my_scannable_projects"] != 0 {
				t.Error("asked for scannable projects on a server without them")
			}
			if seen["/api/user_tokens/generate"] != len(reqs) || seen["/api/user_tokens/revoke"] != len(reqs) {
				t.Errorf("requests %v", seen)
			}
		})
	}
}

// TestUnknownFutureVersionIsNewest connects to a server answering a
// version newer than any known: it gets every capability and Bearer.
func TestUnknownFutureVersionIsNewest(t *testing.T) {
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/server/version":
			_, _ = w.Write([]byte("2099.1.0.1"))
		case "/api/users/current":
			auth = append(auth, strings.SplitN(r.Header.Get("Authorization"), " ", 2)[0])
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"isLoggedIn":true,"login":"admin","name":"Administrator","permissions":{"global":["admin"]}}`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL, "squ_future")
	v, err := c.Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v.String() != "2099.1.0.1" || v.Short() != "2099.1" {
		t.Errorf("version %v", v)
	}
	want := model.CapabilitiesOf(model.Version{Major: 2025, Minor: 1})
	if got := c.Capabilities(); got != want {
		t.Errorf("capabilities %+v, want those of 2025.1 %+v", got, want)
	}
	if _, err := c.CurrentUser(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c.AuthScheme() != "Bearer" || len(auth) != 1 || auth[0] != "Bearer" {
		t.Errorf("scheme %s, sent %v", c.AuthScheme(), auth)
	}
}
