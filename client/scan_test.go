package client

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/sonartoken/sonartoken/internal/scanfloor"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// usersWithTokens counts the active users of the simulator who own tokens.
func usersWithTokens(sim *sonarsim.Server) (active, withTokens int) {
	for _, l := range sim.Users() {
		u, _ := sim.User(l)
		if !u.Active {
			continue
		}
		active++
		if u.TokensCount > 0 {
			withTokens++
		}
	}
	return active, withTokens
}

func collect(ch <-chan ScanBatch) (tokens []model.Token, batches []ScanBatch) {
	for b := range ch {
		batches = append(batches, b)
		tokens = append(tokens, b.Tokens...)
	}
	return tokens, batches
}

func TestScanAllTokensFindsExactlyTheServersTokens(t *testing.T) {
	for _, version := range []string{"8.9", "9.9", "10.6", "2025.1"} {
		t.Run(version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: version, Users: 260, Tokens: 420, Seed: 11})
			var mu sync.Mutex
			var reports []ScanProgress
			ch := e.c.ScanAllTokens(context.Background(), ScanOptions{PageSize: 50, Concurrency: 4, OnProgress: func(p ScanProgress) {
				mu.Lock()
				reports = append(reports, p)
				mu.Unlock()
			}})
			got, batches := collect(ch)
			e.settle()
			want := e.sim.AllTokens()
			if len(got) != len(want) {
				t.Fatalf("scan found %d tokens, the server has %d", len(got), len(want))
			}
			slices.SortFunc(got, func(a, b model.Token) int {
				if a.Login != b.Login {
					return compare(a.Login, b.Login)
				}
				return compare(a.Name, b.Name)
			})
			for i, w := range want {
				g := got[i]
				if g.Login != w.Login || g.Name != w.Name || string(g.Type) != typeOn(version, w.Type) ||
					g.ProjectKey != w.ProjectKey || g.ProjectName != w.ProjectName || !g.CreatedAt.Equal(w.CreatedAt.Truncate(time.Second)) ||
					!sameTime(g.ExpiresAt, w.ExpiresAt) || (w.Login != "admin" && !sameTime(g.LastUsed, w.LastUsed)) {
					t.Errorf("token %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
			active, withTokens := usersWithTokens(e.sim)
			for _, b := range batches {
				if b.Err != nil {
					t.Errorf("batch %s: %v", b.Login, b.Err)
				}
			}
			if len(batches) != withTokens {
				t.Errorf("%d batches, want one per user with tokens (%d)", len(batches), withTokens)
			}
			searches := e.requestsTo("/api/user_tokens/search")
			if len(searches) != withTokens {
				t.Errorf("%d token searches, want %d (users with tokensCount > 0)", len(searches), withTokens)
			}
			for _, r := range searches {
				if r.Params.Get("login") == "" || r.Status != 200 {
					t.Errorf("search %+v", r)
				}
			}
			pages := e.requestsTo("/api/users/search")
			if len(pages) != (active+49)/50 {
				t.Errorf("%d pages for %d users at ps 50", len(pages), active)
			}
			mu.Lock()
			defer mu.Unlock()
			last := reports[len(reports)-1]
			if last.UsersTotal != active || last.UsersScanned != active || last.UsersSkipped != active-withTokens || last.TokensFound != len(want) {
				t.Errorf("final progress %+v; active %d, with tokens %d, tokens %d", last, active, withTokens, len(want))
			}
			for i := 1; i < len(reports); i++ {
				if reports[i].UsersScanned < reports[i-1].UsersScanned || reports[i].Elapsed < reports[i-1].Elapsed {
					t.Errorf("progress went back: %+v then %+v", reports[i-1], reports[i])
				}
			}
		})
	}
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// typeOn is the type the client reports for a stored type on a version.
func typeOn(version, stored string) string {
	if version == "8.9" {
		return ""
	}
	return stored
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Truncate(time.Second).Equal(b.Truncate(time.Second))
}

func TestScanOverlapsPagesAndSearches(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 400, Tokens: 600, Seed: 5, Latency: 5 * time.Millisecond})
	_, _ = collect(e.c.ScanAllTokens(context.Background(), ScanOptions{PageSize: 50, Concurrency: 8}))
	e.settle()
	reqs := e.sim.Requests()
	lastPage, firstSearch := -1, -1
	for i, r := range reqs {
		switch r.Path {
		case "/api/users/search":
			lastPage = i
		case "/api/user_tokens/search":
			if firstSearch < 0 {
				firstSearch = i
			}
		}
	}
	if firstSearch < 0 || firstSearch > lastPage {
		t.Errorf("token searches started (request %d) only after the last page (request %d)", firstSearch, lastPage)
	}
}

func TestScanBoundedConcurrency(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 60, Tokens: 90, TokenUserRatio: 0.5, Seed: 9, Latency: 30 * time.Millisecond})
	_, batches := collect(e.c.ScanAllTokens(context.Background(), ScanOptions{Concurrency: 3}))
	if len(batches) < 10 {
		t.Fatalf("only %d users with tokens", len(batches))
	}
	if got := e.sim.MaxConcurrent("/api/user_tokens/search"); got != 3 {
		t.Errorf("MaxConcurrent(token search) = %d, want 3 (bounded and reached)", got)
	}
	if got := e.sim.MaxConcurrent("/api/users/search"); got != 1 {
		t.Errorf("MaxConcurrent(users search) = %d, want 1", got)
	}
}

func TestScanCancelKeepsWhatArrivedAndLeaksNothing(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 300, Tokens: 500, Seed: 2, Latency: 10 * time.Millisecond})
	ignore := goleak.IgnoreCurrent()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := e.c.ScanAllTokens(ctx, ScanOptions{Concurrency: 2})
	var kept []ScanBatch
	for b := range ch {
		kept = append(kept, b)
		if len(kept) == 5 {
			cancel()
			break
		}
	}
	// The channel closes soon after the cancel, whether or not it is drained.
	closed := make(chan int)
	go func() {
		n := 0
		for range ch {
			n++
		}
		closed <- n
	}()
	select {
	case n := <-closed:
		if n > 2*2+2 {
			t.Errorf("%d batches after cancel", n)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("channel not closed after cancel")
	}
	if len(kept) != 5 {
		t.Fatalf("kept %d", len(kept))
	}
	for _, b := range kept {
		if b.Err != nil || b.Login == "" {
			t.Errorf("kept batch %+v", b)
		}
	}
	_, withTokens := usersWithTokens(e.sim)
	if withTokens <= 10 {
		t.Fatalf("too few users with tokens (%d) for a mid-way cancel", withTokens)
	}
	e.c.http.CloseIdleConnections()
	goleak.VerifyNone(t, ignore, goleak.IgnoreTopFunction("net/http.(*conn).serve"), goleak.IgnoreTopFunction("internal/poll.runtime_pollWait"))
}

func TestScanCancelWithoutReading(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 100, Tokens: 200, Seed: 4, Latency: 5 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	ch := e.c.ScanAllTokens(ctx, ScanOptions{Concurrency: 4})
	time.Sleep(30 * time.Millisecond) // batches pile up unread
	cancel()
	done := make(chan struct{})
	go func() {
		for range ch {
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("channel not closed after cancel")
	}
}

func TestScanPerUserErrorsDoNotStopTheScan(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "9.9", Users: 80, Tokens: 150, Seed: 8})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 404, Count: 2, PathPrefix: "/api/user_tokens/search"})
	_, batches := collect(e.c.ScanAllTokens(context.Background(), ScanOptions{}))
	_, withTokens := usersWithTokens(e.sim)
	if len(batches) != withTokens {
		t.Errorf("%d batches, want %d", len(batches), withTokens)
	}
	failed := 0
	for _, b := range batches {
		if b.Err != nil {
			failed++
			if b.Login == "" || !errors.Is(b.Err, ErrNotFound) || b.Tokens != nil {
				t.Errorf("failed batch %+v", b)
			}
		}
	}
	if failed != 2 {
		t.Errorf("%d failed batches, want 2", failed)
	}
}

func TestScanPageErrorEndsTheListing(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 30, Seed: 8})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 403, PathPrefix: "/api/users/search"})
	_, batches := collect(e.c.ScanAllTokens(context.Background(), ScanOptions{}))
	if len(batches) != 1 || batches[0].Login != "" || !errors.Is(batches[0].Err, ErrForbidden) {
		t.Errorf("batches %+v", batches)
	}
}

func TestScanSearchesUsersWithoutTokensCount(t *testing.T) {
	// A non-admin gets tokensCount only for itself: the others cannot be
	// skipped, and their searches fail with 403, one batch each.
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	for _, l := range []string{"a1", "a2", "a3"} {
		if err := e.sim.AddUser(sonarsim.UserSpec{Login: l}); err != nil {
			t.Fatal(err)
		}
	}
	me := e.userClient(t, sonarsim.UserSpec{Login: "me"})
	_, batches := collect(me.ScanAllTokens(context.Background(), ScanOptions{}))
	byLogin := map[string]ScanBatch{}
	for _, b := range batches {
		byLogin[b.Login] = b
	}
	if len(byLogin) != 5 || byLogin["me"].Err != nil || len(byLogin["me"].Tokens) != 1 || !errors.Is(byLogin["a1"].Err, ErrForbidden) {
		t.Errorf("batches %+v", batches)
	}
}

// TestScanAsksPagesTogether: once page 1 gives the total, the other pages
// are asked together through the scan's request slots, and the whole
// scan stays within those slots. Page by page, a sparse
// instance (many users, few tokens) cost one round trip per page.
func TestScanAsksPagesTogether(t *testing.T) {
	for _, version := range []string{"10.6", "2025.1"} {
		t.Run(version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: version, Users: 480, Tokens: 30, TokenUserRatio: 0.04, Seed: 3, Latency: 10 * time.Millisecond})
			path := "/api/users/search"
			o := ScanOptions{PageSize: 40, Concurrency: 8}
			if version == "2025.1" {
				// API v2 only: the server answers 404 to api/users/search.
				e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 404, PathPrefix: "/api/users/search"})
				path = "/api/v2/users-management/users"
			}
			tokens, batches := collect(e.c.ScanAllTokens(context.Background(), o))
			e.settle()
			for _, b := range batches {
				if b.Err != nil {
					t.Fatalf("batch %q: %v", b.Login, b.Err)
				}
			}
			if want := len(e.sim.AllTokens()); len(tokens) != want {
				t.Errorf("%d tokens, want %d", len(tokens), want)
			}
			pages := 0
			for _, r := range e.sim.Requests() {
				if r.Path == path {
					pages++
				}
			}
			if pages != 12 {
				t.Errorf("%d page requests to %s, want 12 (480 users, 40 a page)", pages, path)
			}
			// Token searches of page 1's users may hold some slots.
			if got := e.sim.MaxConcurrent(path); got < 3 || got > o.Concurrency {
				t.Errorf("MaxConcurrent(%s) = %d, want 3..%d: the pages were not asked together", path, got, o.Concurrency)
			}
			if got := e.sim.MaxConcurrent(path) + e.sim.MaxConcurrent("/api/user_tokens/search"); got > 2*o.Concurrency {
				t.Errorf("%d requests in flight", got)
			}
		})
	}
}

// BenchmarkScanAllTokens runs the review scan against sonarsim with added
// latency, beside the naive sequential scan, and reports each run's ratio
// to the floor (target: within 1.3x) and the speed-up over sequential
// (target: at least 20x). The size is small so that it runs quickly; the
// full measurement (10,000 users, 20 ms) is internal/benchtool's, with the
// same floor (internal/scanfloor) and the same naive scan:
//
//	go test -run '^$' -bench ScanAllTokens ./client/
func BenchmarkScanAllTokens(b *testing.B) {
	const (
		users       = 1000
		latency     = 2 * time.Millisecond
		concurrency = 8
	)
	e := newEnv(b, sonarsim.Options{Version: "10.6", Users: users, Tokens: 2 * users, TokenUserRatio: 0.3, Seed: 1, Latency: latency})
	active, withTokens := usersWithTokens(e.sim)
	floor := scanfloor.Of(max(1, (active+MaxPageSize-1)/MaxPageSize), withTokens, concurrency, latency)
	ctx := context.Background()

	var concurrent time.Duration
	b.Run("concurrent", func(b *testing.B) {
		b.ReportAllocs()
		start := time.Now()
		for b.Loop() {
			n := 0
			for batch := range e.c.ScanAllTokens(ctx, ScanOptions{Concurrency: concurrency}) {
				if batch.Err != nil {
					b.Fatal(batch.Err)
				}
				n += len(batch.Tokens)
			}
			if n == 0 {
				b.Fatal("no tokens")
			}
		}
		concurrent = time.Since(start) / time.Duration(b.N)
		b.ReportMetric(float64(concurrent)/float64(floor), "x_floor")
	})
	b.Run("sequential", func(b *testing.B) {
		start := time.Now()
		for b.Loop() {
			if _, err := scanSequential(ctx, e.c, MaxPageSize); err != nil {
				b.Fatal(err)
			}
		}
		seq := time.Since(start) / time.Duration(b.N)
		if concurrent > 0 {
			b.ReportMetric(float64(seq)/float64(concurrent), "x_slower_than_concurrent")
		}
	})
	b.Logf("%d active users, %d with tokens, latency %v, concurrency %d: floor %v, concurrent scan %v", active, withTokens, latency, concurrency, floor, concurrent)
}

// scanSequential is the naive review the benchmark measures ScanAllTokens
// against: one request at a time, a token search for every user, whatever
// their tokensCount.
func scanSequential(ctx context.Context, c *Client, pageSize int) ([]model.Token, error) {
	var all []model.Token
	for u, err := range c.AllUsers(ctx, pageSize) {
		if err != nil {
			return all, err
		}
		tokens, err := c.SearchTokens(ctx, u.Login)
		if err != nil {
			return all, err
		}
		all = append(all, tokens...)
	}
	return all, nil
}

// TestScanReportsTheTokensToExpect: the progress sums the tokensCount of
// the users listed, so that a caller keeping every token sizes its
// storage once.
func TestScanReportsTheTokensToExpect(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 300, Tokens: 700, Seed: 6})
	var mu sync.Mutex
	var last ScanProgress
	tokens, _ := collect(e.c.ScanAllTokens(context.Background(), ScanOptions{PageSize: 50, OnProgress: func(p ScanProgress) {
		mu.Lock()
		last = p
		mu.Unlock()
	}}))
	mu.Lock()
	defer mu.Unlock()
	if last.TokensExpected != len(tokens) || len(tokens) != len(e.sim.AllTokens()) {
		t.Errorf("TokensExpected %d; the scan found %d tokens, the server has %d", last.TokensExpected, len(tokens), len(e.sim.AllTokens()))
	}
}
