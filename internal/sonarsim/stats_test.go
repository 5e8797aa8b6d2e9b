package sonarsim

import (
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestStatsEndpointCountsOnTheServer: the stats endpoint reports the
// requests per path and the peak in flight as the server saw them, and
// restarts the counts on ?reset=1. Benchmarks take their floor from it.
func TestStatsEndpointCountsOnTheServer(t *testing.T) {
	e := newEnv(t, Options{Version: "10.6", Users: 20, Tokens: 10, Seed: 1, Latency: 50 * time.Millisecond, StatsEndpoint: true})
	get := func(path string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
		req.SetBasicAuth(e.s.AdminToken(), "")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { get("/api/user_tokens/search") })
	}
	wg.Wait()
	get("/api/users/search")

	stats := func(path string) Stats {
		res, err := http.Get(e.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var st Stats
		if err := json.NewDecoder(res.Body).Decode(&st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := stats(StatsPath + "?reset=1")
	if st.Total != 4 || st.Requests["/api/user_tokens/search"] != 3 || st.Requests["/api/users/search"] != 1 {
		t.Errorf("counts %+v, want 3 token searches and 1 users search", st)
	}
	// Three requests of 50 ms sent together overlap on the server.
	if st.Peak["/api/user_tokens/search"] != 3 || st.PeakAll != 3 {
		t.Errorf("peaks %+v, want 3", st)
	}
	// (The peaks restart from the requests still in flight: the last
	// one may be leaving.)
	if st := stats(StatsPath); st.Total != 0 || len(st.Requests) != 0 {
		t.Errorf("after reset: %+v", st)
	}
}

func TestStatsEndpointIsOffByDefault(t *testing.T) {
	e := newEnv(t, Options{Version: "10.6", Empty: true})
	res, err := http.Get(e.ts.URL + StatsPath)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode == http.StatusOK {
		t.Error("the stats endpoint answers without StatsEndpoint")
	}
}
