package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/internal/versioncache"
	"github.com/sonartoken/sonartoken/model"
)

// List sends what it needs together. With the server's
// version remembered, the version (asked again to keep the cache true),
// the signed-in user and the tokens go at once: one round trip, as curl's
// one request. On first contact, the version goes first.

func TestListSendsItsRequestsTogether(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{Version: "10.6"})
	cache := t.TempDir()
	vars := map[string]string{"XDG_CACHE_HOME": cache}
	e.sim.SetLatency(80 * time.Millisecond)
	e.sim.ResetRequests()

	first := e.runWith(runOpts{vars: vars}, "list", "--json").expect(t, ExitOK)
	st := e.sim.Stats()
	if st.Total != 3 || st.PeakAll != 2 {
		t.Errorf("first contact: %d requests, %d at once; want 3, the version first then 2 together: %+v", st.Total, st.PeakAll, st)
	}
	if v, ok := versioncache.New(filepath.Join(cache, "sonartoken")).Get(e.url); !ok || v.Short() != "10.6" {
		t.Errorf("remembered version %v, %v; want 10.6", v, ok)
	}

	e.sim.ResetRequests()
	again := e.runWith(runOpts{vars: vars}, "list", "--json").expect(t, ExitOK)
	st = e.sim.Stats()
	if st.Total != 3 || st.PeakAll != 3 {
		t.Errorf("version known: %d requests, %d at once; want 3 together (one round trip): %+v", st.Total, st.PeakAll, st)
	}
	if again.stdout != first.stdout || !strings.Contains(again.stdout, `"scan-app"`) {
		t.Errorf("second list differs:\n%s\nfirst:\n%s", again.stdout, first.stdout)
	}
}

// TestListWithAWrongRememberedVersion: a server downgraded below 10.0
// answers 401 to the Bearer scheme the remembered version chose, and one
// upgraded answers another version: both are asked again the right way,
// the list is whole, and the cache is corrected.
func TestListWithAWrongRememberedVersion(t *testing.T) {
	for _, tt := range []struct{ server, remembered string }{
		{"9.9", "10.6.0.92116"}, // downgrade: Bearer refused
		{"10.6", "9.9.0.65466"}, // upgrade
	} {
		t.Run(tt.remembered+" remembered, "+tt.server+" answers", func(t *testing.T) {
			e := newTestEnv(t, sonarsim.Options{Version: tt.server})
			cache := t.TempDir()
			dir := filepath.Join(cache, "sonartoken")
			old, err := model.ParseVersion(tt.remembered)
			if err != nil {
				t.Fatal(err)
			}
			if err := versioncache.New(dir).Put(e.url, old); err != nil {
				t.Fatal(err)
			}
			want := e.run("list", "--json").expect(t, ExitOK).stdout // no cache
			got := e.runWith(runOpts{vars: map[string]string{"XDG_CACHE_HOME": cache}}, "list", "--json").expect(t, ExitOK)
			if got.stdout != want {
				t.Errorf("list:\n%s\nwant:\n%s", got.stdout, want)
			}
			if v, ok := versioncache.New(dir).Get(e.url); !ok || v.Short() != tt.server {
				t.Errorf("remembered %v after the run, want %s", v, tt.server)
			}
			info, err := os.Stat(filepath.Join(dir, "server-versions.json"))
			if err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("cache file: %v, %v; want mode 0600", info, err)
			}
		})
	}
}

// TestConsoleStartWithARememberedVersion: the console's server, with its
// version remembered, connects without asking the version first: the
// version and the user go together (one round trip less), and a wrong
// remembered version (a downgrade below 10.0, where Bearer is refused)
// is corrected before the console sees the user.
func TestConsoleStartWithARememberedVersion(t *testing.T) {
	for _, tt := range []struct{ server, remembered string }{
		{"10.6", ""},             // first contact: the version first
		{"10.6", "10.6.0.92116"}, // right
		{"9.9", "10.6.0.92116"},  // downgrade: Bearer refused
	} {
		t.Run(tt.server+" remembered "+tt.remembered, func(t *testing.T) {
			e := newTestEnv(t, sonarsim.Options{Version: tt.server})
			cache := versioncache.New(t.TempDir())
			if tt.remembered != "" {
				v, _ := model.ParseVersion(tt.remembered)
				if err := cache.Put(e.url, v); err != nil {
					t.Fatal(err)
				}
			}
			c, err := client.New(client.Options{BaseURL: e.url, Token: model.NewSecret(e.sim.AdminToken())})
			if err != nil {
				t.Fatal(err)
			}
			svc := &rememberedVersion{Client: c, url: e.url, cache: cache}
			e.sim.SetLatency(60 * time.Millisecond)
			e.sim.ResetRequests()
			ctx := context.Background()
			if _, err := svc.Connect(ctx); err != nil {
				t.Fatal(err)
			}
			afterConnect := e.sim.Stats().Total
			u, err := svc.CurrentUser(ctx)
			if err != nil || u.Login != "admin" {
				t.Fatalf("CurrentUser = %+v, %v", u, err)
			}
			st := e.sim.Stats()
			switch {
			case tt.remembered == "":
				if afterConnect != 1 || st.Total != 2 {
					t.Errorf("first contact: %d requests to connect, %d in all; want 1 and 2", afterConnect, st.Total)
				}
			case tt.server == "10.6":
				if afterConnect != 0 || st.Total != 2 || st.PeakAll != 2 {
					t.Errorf("remembered: %d requests to connect, %d in all, %d at once; want 0, 2, 2", afterConnect, st.Total, st.PeakAll)
				}
			default:
				if c.AuthScheme() != "Basic" || c.Version().Short() != "9.9" {
					t.Errorf("after the downgrade: %s, %s", c.AuthScheme(), c.Version())
				}
			}
			if v, ok := cache.Get(e.url); !ok || v.Short() != tt.server {
				t.Errorf("remembered %v, %v; want %s", v, ok, tt.server)
			}
		})
	}
}
