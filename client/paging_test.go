package client

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

func TestAllUsersToTheLastPage(t *testing.T) {
	// 1,233 seeded users plus admin: 1,234 users, some deactivated
	// (api/users/search does not list those).
	e := newEnv(t, sonarsim.Options{Version: "9.9", Users: 1233, Tokens: 50, Seed: 7})
	all := e.sim.Users()
	if len(all) != 1234 {
		t.Fatalf("sim has %d users", len(all))
	}
	var want []string
	for _, l := range all {
		if u, _ := e.sim.User(l); u.Active {
			want = append(want, l)
		}
	}
	pagesOf := func(ps int) int { return (len(want) + ps - 1) / ps }
	for _, tt := range []struct{ ps, pages int }{{500, pagesOf(500)}, {50, pagesOf(50)}, {0, pagesOf(500)}, {1000, pagesOf(500)}} {
		t.Run("ps="+strconv.Itoa(tt.ps), func(t *testing.T) {
			e.settle()
			e.sim.ResetRequests()
			var got []string
			withCount := 0
			for u, err := range e.c.AllUsers(context.Background(), tt.ps) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, u.Login)
				if u.TokensCount == nil {
					t.Fatalf("%s: no tokensCount for an admin", u.Login)
				}
				if *u.TokensCount > 0 {
					withCount++
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%d users, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("user %d = %s, want %s", i, got[i], want[i])
				}
			}
			e.settle()
			reqs := e.requestsTo("/api/users/search")
			if len(reqs) != tt.pages {
				t.Errorf("%d page requests, want %d", len(reqs), tt.pages)
			}
			for i, r := range reqs {
				wantPS := tt.ps
				if wantPS <= 0 || wantPS > 500 {
					wantPS = 500
				}
				if r.Params.Get("p") != strconv.Itoa(i+1) || r.Params.Get("ps") != strconv.Itoa(wantPS) {
					t.Errorf("request %d: p=%s ps=%s", i, r.Params.Get("p"), r.Params.Get("ps"))
				}
			}
			if withCount == 0 {
				t.Error("no user reported with tokens")
			}
		})
	}
}

func TestAllUsersStopsEarlyAndOnError(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Users: 120, Seed: 1})
	n := 0
	for _, err := range e.c.AllUsers(context.Background(), 50) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 60 {
			break
		}
	}
	if got := len(e.requestsTo("/api/users/search")); got != 2 {
		t.Errorf("%d page requests after stopping at user 60, want 2", got)
	}
	e.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 403, PathPrefix: "/api/users/search"})
	var last error
	for _, err := range e.c.AllUsers(context.Background(), 50) {
		last = err
	}
	if !errors.Is(last, ErrForbidden) {
		t.Errorf("last = %v", last)
	}
}

func TestSearchUsersPageAndQuery(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	for _, l := range []string{"ann", "anna", "bob"} {
		if err := e.sim.AddUser(sonarsim.UserSpec{Login: l, Email: l + "@example.com"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.sim.AddUser(sonarsim.UserSpec{Login: "annie", Deactivated: true}); err != nil {
		t.Fatal(err)
	}
	page, err := e.c.SearchUsers(context.Background(), UsersQuery{Query: "ann", PageSize: 1, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || page.PageIndex != 2 || page.PageSize != 1 || len(page.Users) != 1 || page.Users[0].Login != "anna" {
		t.Errorf("page = %+v", page)
	}
	u := page.Users[0]
	if !u.Active || u.Email != "anna@example.com" || u.TokensCount == nil || *u.TokensCount != 0 || u.LastConnection != nil {
		t.Errorf("user = %+v", u)
	}
	v2, err := e.c.SearchUsersV2(context.Background(), UsersQuery{Query: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	if v2.Total != 2 || len(v2.Users) != 2 || v2.Users[0].TokensCount != nil {
		t.Errorf("v2 = %+v", v2)
	}
	r := e.requestsTo("/api/v2/users-management/users")
	if len(r) != 1 || r[0].Params.Get("active") != "true" || r[0].Params.Get("pageSize") != "50" {
		t.Errorf("v2 request %+v", r)
	}
	// A non-admin sees no tokensCount for others.
	bob := e.userClient(t, sonarsim.UserSpec{Login: "dave"})
	page, err = bob.SearchUsers(context.Background(), UsersQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range page.Users {
		if (u.TokensCount != nil) != (u.Login == "dave") {
			t.Errorf("non-admin sees tokensCount of %s: %v", u.Login, u.TokensCount)
		}
	}
}
