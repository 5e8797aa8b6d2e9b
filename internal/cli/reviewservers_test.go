package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// gate holds the scan requests of n servers until every one of them has
// asked for something to scan: servers read one after another never all
// ask, and then the gate gives way after its patience, marking itself
// passed alone.
type gate struct {
	n        int
	mu       sync.Mutex
	seen     map[int]bool
	open     chan struct{}
	patience time.Duration
	alone    atomic.Bool
}

func newGate(n int) *gate {
	return &gate{n: n, seen: map[int]bool{}, open: make(chan struct{}), patience: 10 * time.Second}
}

// wrap is server i's handler behind the gate: its connection's requests
// (the version, the signed-in user) pass, its scan's wait.
func (g *gate) wrap(i int, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/users/search") || strings.HasPrefix(r.URL.Path, "/api/user_tokens/search") {
			g.mu.Lock()
			if !g.seen[i] {
				g.seen[i] = true
				if len(g.seen) == g.n {
					close(g.open)
				}
			}
			g.mu.Unlock()
			select {
			case <-g.open:
			case <-time.After(g.patience):
				g.alone.Store(true)
			}
		}
		h.ServeHTTP(w, r)
	})
}

// TestReviewServersAtOnce checks that --all-profiles and several --profile
// read their servers at the same time: each server's scan waits until
// the three have started theirs, which servers read one after another
// never do. The report keeps the profile order whichever server ends
// first (the first profile's answers come last), and every token goes to
// its own server only.
func TestReviewServersAtOnce(t *testing.T) {
	h := newHome(t)
	var cur atomic.Pointer[gate]
	var sims []*sonarsim.Server
	var urls []string
	names := []string{"one", "two", "three"}
	var profiles []config.Profile
	for i, name := range names {
		sim := sonarsim.New(sonarsim.Options{Empty: true, Now: func() time.Time { return now }})
		if _, err := sim.IssueToken(sonarsim.TokenSpec{Login: "admin", Name: "ci-" + name, CreatedAt: now.Add(-24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		inner := sim.Handler()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			cur.Load().wrap(i, inner).ServeHTTP(w, r)
			if i == 0 {
				time.Sleep(100 * time.Millisecond) // the first profile ends last
			}
		}))
		t.Cleanup(func() { srv.Close(); _ = sim.Close() })
		sims, urls = append(sims, sim), append(urls, srv.URL)
		profiles = append(profiles, config.Profile{Name: name, URL: srv.URL, Token: config.TokenFromKeychain})
		must(t, h.kc.Set(name, model.NewSecret(sim.AdminToken())))
	}
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	must(t, os.WriteFile(h.path, config.File{Profiles: profiles}.Marshal(), 0o600))
	e := &testEnv{t: t}
	env := map[string]string{"XDG_STATE_HOME": t.TempDir()}
	for _, args := range [][]string{
		{"review", "--all-profiles", "--json"},
		{"review", "--profile", "one", "--profile", "two", "--profile", "three", "--json"},
	} {
		g := newGate(len(names))
		cur.Store(g)
		r := e.runIn(h, env, "", args...).expect(t, 0)
		if g.alone.Load() {
			t.Errorf("%v: a server's scan waited %s for the others: the servers were read one after another", args, g.patience)
		}
		var js []tokenJSON
		must(t, json.Unmarshal([]byte(r.stdout), &js))
		var got []string
		for _, j := range js {
			if j.Name != "sonartoken-console" { // each admin's own token
				got = append(got, j.Server+" "+j.Name)
			}
		}
		want := []string{urls[0] + " ci-one", urls[1] + " ci-two", urls[2] + " ci-three"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%v: report\n%v\nwant, in profile order,\n%v", args, got, want)
		}
	}
	for i, sim := range sims {
		for _, r := range sim.Requests() {
			if r.Status == 401 || (r.Path != "/api/server/version" && r.Login != "admin") {
				t.Errorf("%s: %s %s answered %d as %q: another server's token?", names[i], r.Method, r.Path, r.Status, r.Login)
			}
		}
	}
}

// TestReviewServersMissedInProfileOrder checks that the profiles a review
// of several servers lacks are named in profile order, not in the order
// they failed: the first fails last (its server answers 401 after a
// while), the third at once (nothing listens).
func TestReviewServersMissedInProfileOrder(t *testing.T) {
	ts := newTwoServers(t)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	t.Cleanup(slow.Close)
	must(t, os.WriteFile(ts.h.path, config.File{Profiles: []config.Profile{
		{Name: "slow", URL: slow.URL, Token: config.TokenFromKeychain},
		{Name: "staging", URL: ts.e.url, Token: config.TokenFromKeychain},
		{Name: "gone", URL: "http://127.0.0.1:1", Token: config.TokenFromKeychain},
	}}.Marshal(), 0o600))
	must(t, ts.h.kc.Set("slow", model.NewSecret("squ_slow")))
	must(t, ts.h.kc.Set("gone", model.NewSecret("squ_gone")))
	r := ts.e.runIn(ts.h, map[string]string{"XDG_STATE_HOME": t.TempDir()}, "", "review", "--all-profiles", "--status", "expired").expect(t, ExitError)
	i, j := strings.Index(r.stderr, "profile slow:"), strings.Index(r.stderr, "profile gone:")
	if i < 0 || j < 0 || i > j {
		t.Errorf("stderr names the missing profiles out of profile order:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, "expired-ci") {
		t.Errorf("the report lacks staging's token:\n%s", r.stdout)
	}
}
