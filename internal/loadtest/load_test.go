package loadtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	workers     = 50
	consoleName = "console"
)

// seededNames are tokens each load user owns before the run and must still
// own, untouched, after it.
var seededNames = []string{"seed-a", "seed-b"}

// loadEnv is a seeded sonarsim behind a loopback HTTP listener, with one
// user per worker.
type loadEnv struct {
	sim    *sonarsim.Server
	srv    *httptest.Server
	values []string // console token value of each worker's user
	before []sonarsim.TokenInfo
	users  []string
}

func login(i int) string { return fmt.Sprintf("load%02d", i) }

func newLoadEnv(t *testing.T) *loadEnv {
	t.Helper()
	sim := sonarsim.New(sonarsim.Options{Version: "10.6", Seed: 42})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() {
		_ = sim.Close()
		srv.Close()
	})
	e := &loadEnv{sim: sim, srv: srv, values: make([]string, workers)}
	for i := range workers {
		if err := sim.AddUser(sonarsim.UserSpec{Login: login(i)}); err != nil {
			t.Fatal(err)
		}
		v, err := sim.IssueToken(sonarsim.TokenSpec{Login: login(i), Name: consoleName})
		if err != nil {
			t.Fatal(err)
		}
		e.values[i] = v
		for _, n := range seededNames {
			if _, err := sim.IssueToken(sonarsim.TokenSpec{Login: login(i), Name: n}); err != nil {
				t.Fatal(err)
			}
		}
	}
	e.before = sim.AllTokens()
	e.users = sim.Users()
	return e
}

// client returns worker i's client, with its own connections.
func (e *loadEnv) client(t *testing.T, i int, retry client.RetryPolicy) *client.Client {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 4
	hc := &http.Client{Transport: tr}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := client.New(client.Options{
		BaseURL:    e.srv.URL,
		Token:      model.NewSecret(e.values[i]),
		HTTPClient: hc,
		Timeout:    5 * time.Second,
		Retry:      retry,
	})
	if err != nil {
		t.Fatal(err)
	}
	c.SetVersion(model.Version{Major: 10, Minor: 6})
	return c
}

// worker is one client's view of its own tokens: what it was told exists.
type worker struct {
	i       int
	c       *client.Client
	rng     *rand.Rand
	live    map[string]bool // generated (or found created) and not revoked
	revoked map[string]bool
	next    int
	ops     map[string]int
}

func newWorker(i int, c *client.Client) *worker {
	return &worker{i: i, c: c, rng: rand.New(rand.NewPCG(uint64(i), 99)),
		live: map[string]bool{}, revoked: map[string]bool{}, ops: map[string]int{}}
}

func (w *worker) newName() string {
	w.next++
	return fmt.Sprintf("w%02d-%d", w.i, w.next)
}

func (w *worker) pickLive() (string, bool) {
	if len(w.live) == 0 {
		return "", false
	}
	names := make([]string, 0, len(w.live))
	for n := range w.live {
		names = append(names, n)
	}
	sort.Strings(names)
	return names[w.rng.IntN(len(names))], true
}

func (w *worker) request(i int) client.GenerateRequest {
	req := client.GenerateRequest{Name: w.newName()}
	switch i % 3 {
	case 1:
		req.ExpiresOn = time.Now().AddDate(0, 0, 30)
	case 2:
		req.Type = model.TypeUser
	}
	return req
}

// checkList lists the worker's tokens and checks them against what it
// knows: every live token exactly once, no revoked one.
func (w *worker) checkList(ctx context.Context, t *testing.T) error {
	toks, err := w.c.SearchTokens(ctx, "")
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for _, tk := range toks {
		seen[tk.Name]++
		if tk.Login != login(w.i) {
			t.Errorf("worker %d listed %s's token %q", w.i, tk.Login, tk.Name)
		}
	}
	for n := range w.live {
		if seen[n] != 1 {
			t.Errorf("worker %d: live token %q listed %d times", w.i, n, seen[n])
		}
	}
	for n := range w.revoked {
		if seen[n] != 0 {
			t.Errorf("worker %d: revoked token %q listed", w.i, n)
		}
	}
	for n, k := range seen {
		if k != 1 {
			t.Errorf("worker %d: %q listed %d times", w.i, n, k)
		}
	}
	return nil
}

// run drives w until the deadline with a mix of generate (half), list and
// revoke, through op (plain or confirming calls).
func (w *worker) run(ctx context.Context, t *testing.T, deadline time.Time, step func(op int) error) {
	for n := 0; time.Now().Before(deadline); n++ {
		op := w.rng.IntN(4)
		if err := step(op); err != nil {
			t.Errorf("worker %d: %s", w.i, client.Describe(err))
			return
		}
	}
}

// verify checks the final state against what every worker was told, and
// that nothing else changed.
func (e *loadEnv) verify(t *testing.T, ws []*worker) {
	t.Helper()
	ctx := context.Background()
	generated, revoked := 0, 0
	for _, w := range ws {
		want := map[string]bool{consoleName: true}
		for _, n := range seededNames {
			want[n] = true
		}
		for n := range w.live {
			want[n] = true
		}
		got := map[string]bool{}
		for _, ti := range e.sim.Tokens(login(w.i)) {
			if got[ti.Name] {
				t.Errorf("%s holds %q twice", login(w.i), ti.Name)
			}
			got[ti.Name] = true
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s holds %v, the worker was told %v", login(w.i), keys(got), keys(want))
		}
		for n := range w.revoked {
			if got[n] {
				t.Errorf("%s still holds revoked %q", login(w.i), n)
			}
		}
		if err := w.checkList(ctx, t); err != nil {
			t.Errorf("final list of worker %d: %v", w.i, err)
		}
		generated += len(w.live) + len(w.revoked)
		revoked += len(w.revoked)
	}
	// Nothing else changed: every token that existed before is still there,
	// identical (but for the last use of the consoles, which were used).
	after := map[string]sonarsim.TokenInfo{}
	for _, ti := range e.sim.AllTokens() {
		after[ti.Login+"\x00"+ti.Name] = ti
	}
	for _, b := range e.before {
		a, ok := after[b.Login+"\x00"+b.Name]
		if !ok {
			t.Errorf("seeded token %s/%s is gone", b.Login, b.Name)
			continue
		}
		if b.Name == consoleName && len(b.Login) == 6 && b.Login[:4] == "load" {
			a.LastUsed, b.LastUsed = nil, nil
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("seeded token %s/%s changed: %+v, was %+v", b.Login, b.Name, a, b)
		}
	}
	if total := len(e.before) + generated - revoked; len(after) != total {
		t.Errorf("server holds %d tokens, want %d", len(after), total)
	}
	if u := e.sim.Users(); !reflect.DeepEqual(u, e.users) {
		t.Errorf("users changed: %v", u)
	}
	t.Logf("%d workers: %d tokens generated, %d revoked", len(ws), generated, revoked)
	if generated < workers {
		t.Errorf("only %d tokens generated: the load did not run", generated)
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestLoad runs 50 clients for 2 seconds without faults: every call must
// succeed and the server must end up as the clients were told.
func TestLoad(t *testing.T) {
	e := newLoadEnv(t)
	ctx := context.Background()
	deadline := time.Now().Add(2 * time.Second)
	ws := make([]*worker, workers)
	var wg sync.WaitGroup
	for i := range workers {
		w := newWorker(i, e.client(t, i, client.RetryPolicy{Max: -1}))
		ws[i] = w
		wg.Go(func() {
			w.run(ctx, t, deadline, func(op int) error {
				switch op {
				case 0, 1:
					req := w.request(w.next)
					nt, err := w.c.Generate(ctx, req)
					if err != nil {
						return err
					}
					if nt.Name != req.Name || nt.Value.IsZero() {
						return fmt.Errorf("generated %+v", nt.Token)
					}
					w.live[req.Name] = true
					w.ops["generate"]++
				case 2:
					w.ops["list"]++
					return w.checkList(ctx, t)
				case 3:
					name, ok := w.pickLive()
					if !ok {
						return nil
					}
					if err := w.c.Revoke(ctx, "", name); err != nil {
						return err
					}
					delete(w.live, name)
					w.revoked[name] = true
					w.ops["revoke"]++
				}
				return nil
			})
		})
	}
	wg.Wait()
	e.verify(t, ws)
}

// TestLoadWithFaults runs 50 clients for 1.5 seconds while the server fails
// 5% of the requests with a 500 and drops the answers of some generates and
// revokes after applying them. The clients act as a careful user would:
// they confirm lost answers (GenerateOrConfirm, RevokeOrConfirm), revoke a
// token created with its value lost, and check again when a check failed.
// At the end the server holds exactly what they were told.
func TestLoadWithFaults(t *testing.T) {
	e := newLoadEnv(t)
	e.sim.SetErrorRate(0.05)
	ctx := context.Background()
	deadline := time.Now().Add(1500 * time.Millisecond)
	stop := make(chan struct{})
	var dropper sync.WaitGroup
	dropper.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				e.sim.DropResponses(1, "/api/user_tokens/generate")
				e.sim.DropResponses(1, "/api/user_tokens/revoke")
			}
		}
	})
	retry := client.RetryPolicy{Max: 5, Base: time.Millisecond, Cap: 10 * time.Millisecond, MaxElapsed: time.Second}
	ws := make([]*worker, workers)
	var wg sync.WaitGroup
	var lostMu sync.Mutex
	lost := map[string]int{}
	for i := range workers {
		w := newWorker(i, e.client(t, i, retry))
		ws[i] = w
		note := func(what string) {
			lostMu.Lock()
			lost[what]++
			lostMu.Unlock()
		}
		// settle finds out, however long it takes, whether name exists.
		settle := func(name string) bool {
			for {
				_, found, err := w.c.FindToken(ctx, "", name)
				if err == nil {
					return found
				}
				note("check failed")
			}
		}
		// revoke revokes name until the server confirms it is gone.
		var revoke func(name string) error
		revoke = func(name string) error {
			err := w.c.RevokeOrConfirm(ctx, "", name)
			var le *client.LostResponseError
			switch {
			case err == nil:
			case errors.As(err, &le) && le.Unconfirmed:
				note("revoke unconfirmed")
				if settle(name) {
					return revoke(name)
				}
			case client.MayHaveReachedServer(err) || isServerError(err):
				note("revoke failed")
				return revoke(name)
			default:
				return err
			}
			delete(w.live, name)
			w.revoked[name] = true
			w.ops["revoke"]++
			return nil
		}
		wg.Go(func() {
			w.run(ctx, t, deadline, func(op int) error {
				switch op {
				case 0, 1:
					req := w.request(w.next)
					nt, err := w.c.GenerateOrConfirm(ctx, req)
					var le *client.LostResponseError
					switch {
					case err == nil:
						if nt.Value.IsZero() {
							return fmt.Errorf("generated %+v without a value", nt.Token)
						}
						w.live[req.Name] = true
						w.ops["generate"]++
					case errors.As(err, &le) && le.Created:
						// Told the value is lost: revoke it, as the user would.
						note("generate lost, token created")
						w.live[req.Name] = true
						return revoke(req.Name)
					case errors.As(err, &le) && le.Unconfirmed:
						note("generate unconfirmed")
						if settle(req.Name) {
							w.live[req.Name] = true
							return revoke(req.Name)
						}
					case isServerError(err) || client.MayHaveReachedServer(err):
						note("generate failed, nothing created")
					default:
						return err
					}
				case 2:
					if err := w.checkList(ctx, t); err != nil && !isServerError(err) {
						return err
					}
					w.ops["list"]++
				case 3:
					if name, ok := w.pickLive(); ok {
						return revoke(name)
					}
				}
				return nil
			})
		})
	}
	wg.Wait()
	close(stop)
	dropper.Wait()
	e.sim.ClearFaults()
	t.Logf("lost answers and failures handled: %v", lost)
	e.verify(t, ws)
}

// isServerError reports a 5xx answer (the error rate's 500).
func isServerError(err error) bool {
	var ae *client.APIError
	return errors.As(err, &ae) && ae.Status >= 500
}
