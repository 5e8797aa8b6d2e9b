package sonarsim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestDefaultSeed(t *testing.T) {
	e := newEnv(t, Options{})
	s := e.s
	if s.AdminLogin() != "admin" || len(s.Users()) != 13 || len(s.Projects()) != 6 || len(s.AllTokens()) != 40 {
		t.Fatalf("users %d projects %d tokens %d", len(s.Users()), len(s.Projects()), len(s.AllTokens()))
	}
	admin := s.Tokens("admin")
	byName := map[string]TokenInfo{}
	for _, tk := range admin {
		byName[tk.Name] = tk
	}
	c := byName["sonartoken-console"]
	if c.Type != TypeUser || c.ExpiresAt == nil || !c.ExpiresAt.Equal(time.Date(2025, 9, 13, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("console token %+v", c)
	}
	now := testNow
	var expired, soon, never, noExp, global, project int
	for _, tk := range admin {
		switch {
		case tk.ExpiresAt == nil:
			noExp++
		case tk.ExpiresAt.Before(now):
			expired++
		case tk.ExpiresAt.Sub(now) < 7*24*time.Hour:
			soon++
		}
		if tk.LastUsed == nil {
			never++
		}
		switch tk.Type {
		case TypeGlobalAnalysis:
			global++
		case TypeProjectAnalysis:
			project++
			if tk.ProjectName == "" {
				t.Error("project token without project")
			}
		}
	}
	if len(admin) != 9 || expired != 1 || soon != 2 || never < 2 || noExp != 1 || global != 1 || project != 2 {
		t.Errorf("admin tokens: %d expired %d soon %d never %d noexp %d global %d project %d",
			len(admin), expired, soon, never, noExp, global, project)
	}
	// The console token authenticates as admin with every permission.
	m := e.get("/api/users/current", s.AdminToken(), nil).json(t)
	if m["login"] != "admin" || m["name"] != "Administrator" {
		t.Errorf("current %v", m)
	}
	// The seed covers every type and status among the other users too.
	var kinds = map[string]bool{}
	for _, tk := range s.AllTokens() {
		if tk.Login == "admin" {
			continue
		}
		kinds[tk.Type] = true
		switch {
		case tk.ExpiresAt == nil:
			kinds["noexp"] = true
		case tk.ExpiresAt.Before(now):
			kinds["expired"] = true
		}
		if tk.LastUsed == nil {
			kinds["never"] = true
		}
	}
	e2 := newEnv(t, Options{Tokens: 400, Users: 40})
	for _, tk := range e2.s.AllTokens() {
		if tk.Login != "admin" && tk.ExpiresAt != nil && tk.ExpiresAt.After(now) && tk.ExpiresAt.Sub(now) < 7*24*time.Hour {
			kinds["soon"] = true
		}
		if tk.Login != "admin" {
			kinds[tk.Type] = true
		}
	}
	for _, k := range []string{TypeUser, TypeGlobalAnalysis, TypeProjectAnalysis, "noexp", "expired", "never", "soon"} {
		if !kinds[k] {
			t.Errorf("seed lacks %s", k)
		}
	}
}

func TestSeed89(t *testing.T) {
	e := newEnv(t, Options{Version: "8.9"})
	for _, tk := range e.s.AllTokens() {
		if tk.Type != TypeUser || tk.ExpiresAt != nil {
			t.Fatalf("8.9 token %+v", tk)
		}
	}
}

func TestSeedDeterministic(t *testing.T) {
	a := newEnv(t, Options{Seed: 3, Users: 50, Tokens: 120})
	b := newEnv(t, Options{Seed: 3, Users: 50, Tokens: 120})
	c := newEnv(t, Options{Seed: 4, Users: 50, Tokens: 120})
	if !reflect.DeepEqual(a.s.Users(), b.s.Users()) || !reflect.DeepEqual(a.s.AllTokens(), b.s.AllTokens()) {
		t.Fatal("same seed, different data")
	}
	if reflect.DeepEqual(a.s.AllTokens(), c.s.AllTokens()) {
		t.Fatal("different seed, same data")
	}
	if a.s.AdminToken() == b.s.AdminToken() {
		t.Fatal("token values are not random")
	}
}

func TestSeedLarge(t *testing.T) {
	s := New(Options{Users: 10000, Tokens: 20000, Now: func() time.Time { return testNow }})
	if len(s.Users()) != 10001 || len(s.AllTokens()) != 20000 {
		t.Fatalf("users %d tokens %d", len(s.Users()), len(s.AllTokens()))
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	total, pages := 0, 0
	for p := 1; ; p++ {
		req, _ := http.NewRequest("GET", ts.URL+"/api/users/search?ps=500&p="+url.QueryEscape(itoa(p)), nil)
		req.SetBasicAuth(s.AdminToken(), "")
		res, err := http.DefaultClient.Do(req)
		must(t, err)
		var page usersPage
		must(t, json.NewDecoder(res.Body).Decode(&page))
		res.Body.Close()
		total += len(page.Users)
		pages++
		if len(page.Users) < 500 {
			if total != page.Paging.Total {
				t.Fatalf("listed %d of %d", total, page.Paging.Total)
			}
			break
		}
	}
	if want := (total + 499) / 500; pages != want {
		t.Errorf("listed %d users in %d pages, want %d pages of up to 500", total, pages, want)
	}
}

// BenchmarkSeedLarge times seeding the instance TestSeedLarge pages through
// (well under a second without -race).
func BenchmarkSeedLarge(b *testing.B) {
	for b.Loop() {
		New(Options{Users: 10000, Tokens: 20000, Now: func() time.Time { return testNow }})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// drain reads and closes an answer body so the connection is reused.
func drain(res *http.Response) {
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
}

func BenchmarkSearchParallel(b *testing.B) {
	s := New(Options{Users: 1000, Tokens: 5000, Now: func() time.Time { return testNow }})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 256}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	tok := s.AdminToken()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest("GET", ts.URL+searchPath, nil)
			req.SetBasicAuth(tok, "")
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			drain(res)
			if res.StatusCode != 200 {
				b.Errorf("status %d", res.StatusCode)
			}
		}
	})
}

func BenchmarkGenerateParallel(b *testing.B) {
	s := New(Options{Users: 1000, Tokens: 5000, Now: func() time.Time { return testNow }})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 256}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	tok := s.AdminToken()
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			name := "bench-" + itoa(int(n.Add(1)))
			req, _ := http.NewRequest("POST", ts.URL+genPath, strings.NewReader("name="+name))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(tok, "")
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			drain(res)
			if res.StatusCode != 200 {
				b.Errorf("status %d", res.StatusCode)
			}
		}
	})
}
