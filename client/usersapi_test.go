package client

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

const (
	usersSearchPath = "/api/users/search"
	usersV2Path     = "/api/v2/users-management/users"
)

// tokenKeys lists tokens as "login/name/type/project", sorted.
func tokenKeys(tokens []model.Token) []string {
	out := make([]string, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, t.Login+"/"+t.Name+"/"+string(t.Type)+"/"+t.ProjectKey)
	}
	slices.Sort(out)
	return out
}

func TestScanAllTokensFallsBackToUsersV2(t *testing.T) {
	for _, version := range []string{"10.6", "2025.1"} {
		t.Run(version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: version, Users: 260, Tokens: 420, Seed: 11, WithoutUsersSearch: true})
			var mu sync.Mutex
			var reports []ScanProgress
			ch := e.c.ScanAllTokens(context.Background(), ScanOptions{PageSize: 50, Concurrency: 4, OnProgress: func(p ScanProgress) {
				mu.Lock()
				reports = append(reports, p)
				mu.Unlock()
			}})
			got, batches := collect(ch)
			e.settle()

			var want []model.Token
			for _, w := range e.sim.AllTokens() {
				want = append(want, model.Token{Login: w.Login, Name: w.Name, Type: model.TokenType(w.Type), ProjectKey: w.ProjectKey})
			}
			if g, w := tokenKeys(got), tokenKeys(want); !slices.Equal(g, w) {
				t.Fatalf("scan found %d tokens, the server has %d:\n got %v\nwant %v", len(g), len(w), g, w)
			}
			active, withTokens := usersWithTokens(e.sim)
			if withTokens == active {
				t.Fatal("the seed gives every user tokens: nothing shows that no user is skipped")
			}
			for _, b := range batches {
				if b.Err != nil {
					t.Errorf("batch %q: %v", b.Login, b.Err)
				}
			}
			if len(batches) != active {
				t.Errorf("%d batches, want one per active user (%d): API v2 has no tokensCount", len(batches), active)
			}
			searches := e.requestsTo("/api/user_tokens/search")
			if len(searches) != active {
				t.Errorf("%d token searches, want one per active user (%d)", len(searches), active)
			}
			if legacy := e.requestsTo(usersSearchPath); len(legacy) != 1 || legacy[0].Status != http.StatusNotFound {
				t.Errorf("api/users/search asked %d times (%+v), want once, answered 404", len(legacy), legacy)
			}
			pages := e.requestsTo(usersV2Path)
			if len(pages) != (active+49)/50 {
				t.Errorf("%d v2 pages for %d users at pageSize 50", len(pages), active)
			}
			// Pages 2..N are asked together: they arrive in any order.
			var indexes []int
			for _, r := range pages {
				p := r.Params
				if r.Status != 200 || p.Get("active") != "true" || p.Get("pageSize") != "50" || p.Has("p") || p.Has("ps") {
					t.Errorf("v2 page: %+v", r)
				}
				i, _ := strconv.Atoi(p.Get("pageIndex"))
				indexes = append(indexes, i)
			}
			slices.Sort(indexes)
			for i, got := range indexes {
				if got != i+1 {
					t.Errorf("v2 pages asked: %v, want 1..%d once each", indexes, len(pages))
					break
				}
			}
			if e.c.UsersAPI() != UsersAPIV2 {
				t.Errorf("UsersAPI() = %v after the fallback", e.c.UsersAPI())
			}
			mu.Lock()
			defer mu.Unlock()
			last := reports[len(reports)-1]
			if last.UsersAPI != UsersAPIV2 || last.UsersTotal != active || last.UsersScanned != active || last.UsersSkipped != 0 || last.TokensFound != len(want) {
				t.Errorf("final progress %+v; active %d, tokens %d", last, active, len(want))
			}
		})
	}
}

func TestSearchUsersPrefersLegacyForTokensCount(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "2025.1", Users: 20, Seed: 3})
	page, err := e.c.SearchUsers(context.Background(), UsersQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if page.API != UsersAPISearch || len(page.Users) == 0 || page.Users[0].TokensCount == nil {
		t.Errorf("page %+v, want api/users/search with tokensCount", page)
	}
	if n := len(e.requestsTo(usersV2Path)); n != 0 {
		t.Errorf("%d v2 requests while api/users/search answers", n)
	}
	if e.c.UsersAPI() != UsersAPISearch {
		t.Errorf("UsersAPI() = %v", e.c.UsersAPI())
	}
}

func TestSearchUsersRemembersV2(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 30, Seed: 5})
	ctx := context.Background()
	e.sim.RemoveLegacyUsersSearch()
	// Concurrent first calls (the picker and a review, say) may each meet
	// the 404 once; every one of them gets its users.
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			page, err := e.c.SearchUsers(ctx, UsersQuery{PageSize: 10})
			if err != nil || page.API != UsersAPIV2 || len(page.Users) != 10 || page.Total != len(e.sim.Users())-countInactive(e.sim) {
				t.Errorf("SearchUsers = %+v, %v", page, err)
			}
		})
	}
	wg.Wait()
	e.settle()
	before := len(e.requestsTo(usersSearchPath))
	if before < 1 || before > 6 {
		t.Fatalf("api/users/search asked %d times", before)
	}
	page, err := e.c.SearchUsers(ctx, UsersQuery{Query: "user"})
	if err != nil || page.API != UsersAPIV2 {
		t.Fatalf("SearchUsers(q) = %+v, %v", page, err)
	}
	for _, u := range page.Users {
		if u.TokensCount != nil || !u.Active {
			t.Errorf("v2 user %+v", u)
		}
	}
	e.settle()
	if after := len(e.requestsTo(usersSearchPath)); after != before {
		t.Errorf("api/users/search asked again after the fallback (%d, then %d)", before, after)
	}
	if r := e.requestsTo(usersV2Path); r[len(r)-1].Params.Get("q") != "user" {
		t.Errorf("last v2 request %+v, want q=user", r[len(r)-1])
	}
	// A new Connect may be another server: api/users/search first again.
	if _, err := e.c.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	if e.c.UsersAPI() != UsersAPISearch {
		t.Errorf("UsersAPI() = %v after Connect", e.c.UsersAPI())
	}
}

func countInactive(sim *sonarsim.Server) int {
	n := 0
	for _, l := range sim.Users() {
		if u, _ := sim.User(l); !u.Active {
			n++
		}
	}
	return n
}

func TestSearchUsers410FallsBack(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 5, Seed: 2})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusGone, PathPrefix: usersSearchPath, Body: `{"errors":[{"msg":"Gone"}]}`})
	page, err := e.c.SearchUsers(context.Background(), UsersQuery{})
	if err != nil || page.API != UsersAPIV2 || len(page.Users) == 0 {
		t.Fatalf("SearchUsers = %+v, %v", page, err)
	}
}

func TestSearchUsersOtherErrorsDoNotFallBack(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 5, Seed: 2})
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusForbidden, PathPrefix: usersSearchPath, Body: `{"errors":[{"msg":"Insufficient privileges"}]}`})
	if _, err := e.c.SearchUsers(context.Background(), UsersQuery{}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("err = %v, want the 403", err)
	}
	if n := len(e.requestsTo(usersV2Path)); n != 0 || e.c.UsersAPI() != UsersAPISearch {
		t.Errorf("%d v2 requests, UsersAPI %v", n, e.c.UsersAPI())
	}
}

func TestUsersSearch404WithoutV2IsAnError(t *testing.T) {
	for _, version := range []string{"8.9", "9.9"} {
		t.Run(version, func(t *testing.T) {
			e := newEnv(t, sonarsim.Options{Version: version, Users: 5, Seed: 2, WithoutUsersSearch: true})
			_, err := e.c.SearchUsers(context.Background(), UsersQuery{})
			checkAPIError(t, err, http.StatusNotFound, ErrNotFound, "Unknown url : /api/users/search")
			d := Describe(err)
			if !strings.Contains(d, "does not offer api/users/search") || !strings.Contains(d, "proxy") {
				t.Errorf("Describe = %q", d)
			}
			var batches []ScanBatch
			for b := range e.c.ScanAllTokens(context.Background(), ScanOptions{}) {
				batches = append(batches, b)
			}
			if len(batches) != 1 || batches[0].Login != "" || !errors.Is(batches[0].Err, ErrNotFound) {
				t.Errorf("scan batches %+v, want one failed page", batches)
			}
			e.settle()
			if n := len(e.requestsTo(usersV2Path)); n != 0 || e.c.UsersAPI() != UsersAPISearch {
				t.Errorf("%d v2 requests on %s, UsersAPI %v", n, version, e.c.UsersAPI())
			}
		})
	}
}
