package client

import (
	"context"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

func TestConnectPerVersion(t *testing.T) {
	tests := []struct {
		version, short, scheme, wire string
	}{
		{"8.9", "8.9", "Basic", "basic"},
		{"9.9", "9.9", "Basic", "basic"},
		{"10.6", "10.6", "Bearer", "bearer"},
		{"2025.1", "2025.1", "Bearer", "bearer"},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: tt.version, Empty: true})
			if got := e.c.Version().Short(); got != tt.short {
				t.Errorf("Version = %s", got)
			}
			if e.c.Version().String() != e.sim.Version() {
				t.Errorf("Version raw = %s, sim says %s", e.c.Version(), e.sim.Version())
			}
			if got := e.c.AuthScheme(); got != tt.scheme {
				t.Errorf("AuthScheme = %s, want %s", got, tt.scheme)
			}
			ctx := context.Background()
			if _, err := e.c.CurrentUser(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := e.c.SearchTokens(ctx, ""); err != nil {
				t.Fatal(err)
			}
			reqs := e.sim.Requests()
			if len(reqs) != 2 {
				t.Fatalf("%d requests", len(reqs))
			}
			for i, r := range reqs {
				if r.Auth != tt.wire || r.Status != 200 || r.Login != "admin" {
					t.Errorf("request %d %s: Auth %q status %d login %q; want %s, 200, admin", i, r.Path, r.Auth, r.Status, r.Login, tt.wire)
				}
			}
		})
	}
}

func TestConnectBeforeAndWithoutToken(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	// Before Connect a client assumes 8.9: Basic, no types.
	c := newClient(t, e.srv.URL, e.sim.AdminToken())
	if c.AuthScheme() != "Basic" || c.Capabilities().TokenTypes {
		t.Errorf("before Connect: %s %+v", c.AuthScheme(), c.Capabilities())
	}
	// api/server/version needs no token.
	anon := newClient(t, e.srv.URL, "")
	v, err := anon.ServerVersion(context.Background())
	if err != nil || v.Short() != "10.6" {
		t.Fatalf("anonymous version: %v %v", v, err)
	}
	if r := e.requestsTo("/api/server/version"); len(r) != 1 || r[0].Auth != "none" {
		t.Errorf("version request: %+v", r)
	}
}

func TestCurrentUserAndValidate(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "2025.1", Empty: true})
	ctx := context.Background()
	me, err := e.c.CurrentUser(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !me.IsLoggedIn || me.Login != "admin" || !me.IsAdmin() || !me.CanScan() {
		t.Errorf("CurrentUser = %+v", me)
	}
	ok, err := e.c.Validate(ctx)
	if err != nil || !ok {
		t.Errorf("Validate = %v, %v", ok, err)
	}
	bad := newClient(t, e.srv.URL, "squ_"+strings.Repeat("0", 40))
	bad.SetVersion(e.c.Version())
	if ok, err := bad.Validate(ctx); err != nil || ok {
		t.Errorf("Validate with an unknown token = %v, %v; want false, nil", ok, err)
	}
	// A global analysis token is a session without admin.
	if err := e.sim.AddUser(sonarsim.UserSpec{Login: "ci", Scan: true}); err != nil {
		t.Fatal(err)
	}
	v, err := e.sim.IssueToken(sonarsim.TokenSpec{Login: "ci", Name: "g", Type: "GLOBAL_ANALYSIS_TOKEN"})
	if err != nil {
		t.Fatal(err)
	}
	ci := newClient(t, e.srv.URL, v)
	ci.SetVersion(e.c.Version())
	cu, err := ci.CurrentUser(ctx)
	if err != nil || cu.Login != "ci" || cu.IsAdmin() || !cu.CanScan() {
		t.Errorf("analysis token session: %+v %v", cu, err)
	}
}

func TestScannableProjects(t *testing.T) {
	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: version, Empty: true})
			for _, p := range []sonarsim.ProjectSpec{{Key: "b", Name: "beta"}, {Key: "a", Name: "Alpha"}, {Key: "c", Name: "Gamma ray"}} {
				if err := e.sim.AddProject(p); err != nil {
					t.Fatal(err)
				}
			}
			ctx := context.Background()
			got, err := e.c.ScannableProjects(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			if version == "8.9" {
				if got != nil || len(e.sim.Requests()) != 0 {
					t.Errorf("8.9: got %v and %d requests; want nothing asked", got, len(e.sim.Requests()))
				}
				return
			}
			want := []model.Project{{Key: "a", Name: "Alpha"}, {Key: "b", Name: "beta"}, {Key: "c", Name: "Gamma ray"}}
			if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
				t.Errorf("projects = %v", got)
			}
			got, err = e.c.ScannableProjects(ctx, "RAY")
			if err != nil || len(got) != 1 || got[0].Key != "c" {
				t.Errorf("q=RAY: %v %v", got, err)
			}
			if r := e.requestsTo("/api/projects/search_my_scannable_projects"); len(r) != 2 || r[1].Params.Get("q") != "RAY" {
				t.Errorf("requests %+v", r)
			}
		})
	}
}

func TestMaxTokenLifetime(t *testing.T) {
	tests := []struct {
		version, setting string
		want             int
		requests         int
	}{
		{"8.9", "", 0, 0},
		{"9.9", "", 0, 1},
		{"9.9", "30 days", 30, 1},
		{"10.6", "90 days", 90, 1},
		{"2025.1", "1 year", 365, 1},
		{"2025.1", "No expiration", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.version+" "+tt.setting, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: tt.version, Empty: true, MaxTokenLifetime: tt.setting})
			m, err := e.c.MaxTokenLifetime(context.Background())
			if err != nil || m.Days != tt.want {
				t.Errorf("MaxTokenLifetime = %+v, %v; want %d days", m, err, tt.want)
			}
			r := e.requestsTo("/api/settings/values")
			if len(r) != tt.requests {
				t.Fatalf("%d settings requests, want %d", len(r), tt.requests)
			}
			if len(r) == 1 && r[0].Params.Has("keys") {
				t.Errorf("asked with keys=%q; the web page asks for all values", r[0].Params.Get("keys"))
			}
		})
	}
}
