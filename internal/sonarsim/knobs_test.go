package sonarsim

import (
	"encoding/base64"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDropResponses(t *testing.T) {
	f := newFixture(t, Options{})
	f.s.DropResponses(1, genPath)
	u := f.ts.URL + genPath
	req, _ := http.NewRequest("POST", u, strings.NewReader("name=dropped"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(f.tok["alice"]+":")))
	res, err := http.DefaultClient.Do(req)
	if err == nil {
		res.Body.Close()
		t.Fatalf("dropped request answered %d", res.StatusCode)
	}
	found := false
	for _, tk := range f.s.Tokens("alice") {
		found = found || tk.Name == "dropped"
	}
	if !found {
		t.Fatal("effect of the dropped request not applied")
	}
	log := f.s.Requests()
	if last := log[len(log)-1]; !last.Dropped || last.Status != 200 || last.Path != genPath {
		t.Errorf("log %+v", last)
	}
	// Only n requests are dropped.
	wantStatus(t, f.post(genPath, f.tok["alice"], vals("name", "next")), 200)
}

func TestLatencyDoesNotSerialise(t *testing.T) {
	f := newFixture(t, Options{Latency: 100 * time.Millisecond})
	f.s.ResetRequests()
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := http.NewRequest("GET", f.ts.URL+searchPath, nil)
			r.SetBasicAuth(f.tok["alice"], "")
			res, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
		}()
	}
	wg.Wait()
	if d := time.Since(start); d < 100*time.Millisecond || d > 400*time.Millisecond {
		t.Fatalf("8 parallel requests took %v", d)
	}
	if n := f.s.MaxConcurrent(searchPath); n != 8 {
		t.Errorf("MaxConcurrent %d", n)
	}
	f.s.SetLatency(0)
	start = time.Now()
	f.get(searchPath, f.tok["alice"], nil)
	if time.Since(start) > 80*time.Millisecond {
		t.Error("SetLatency(0) ignored")
	}
}

func TestErrorRateDeterministic(t *testing.T) {
	pattern := func() string {
		f := newFixture(t, Options{Seed: 42})
		f.s.SetErrorRate(0.5)
		var b strings.Builder
		for i := 0; i < 40; i++ {
			r := f.get(searchPath, f.tok["alice"], nil)
			if r.status == 500 {
				if r.errMsg(t) != "An error has occurred. Please contact your administrator" {
					t.Fatal(r.body)
				}
				b.WriteByte('x')
			} else {
				b.WriteByte('.')
			}
		}
		return b.String()
	}
	a, b := pattern(), pattern()
	if a != b || !strings.Contains(a, "x") || !strings.Contains(a, ".") {
		t.Fatalf("patterns %s %s", a, b)
	}
}

func TestFaults(t *testing.T) {
	f := newFixture(t, Options{})
	f.s.SetFault(Fault{Kind: FaultStatus, Status: 429, RetryAfter: "2", PathPrefix: searchPath, Count: 1})
	r := f.get(searchPath, f.tok["alice"], nil)
	if r.status != 429 || r.header.Get("Retry-After") != "2" {
		t.Errorf("429: %d %v", r.status, r.header)
	}
	wantStatus(t, f.get(searchPath, f.tok["alice"], nil), 200)

	f.s.SetFault(Fault{Kind: FaultNonJSON, Count: 1})
	r = f.get(searchPath, f.tok["alice"], nil)
	if r.status != 200 || !strings.HasPrefix(r.body, "<!DOCTYPE html>") {
		t.Errorf("non-json: %d %q", r.status, r.body)
	}

	f.s.SetFault(Fault{Kind: FaultTruncate, Count: 1, PathPrefix: genPath})
	req, _ := http.NewRequest("POST", f.ts.URL+genPath+"?name=trunc", nil)
	req.SetBasicAuth(f.tok["alice"], "")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(res.Body)
	res.Body.Close()
	if err == nil {
		t.Error("truncated body read without error")
	}
	if len(f.s.Tokens("alice")) != 2 {
		t.Error("truncated request not applied")
	}

	f.s.SetFault(Fault{Kind: FaultReset, Count: 1})
	if _, err := http.Get(f.ts.URL + "/api/server/version"); err == nil {
		t.Error("reset answered")
	}

	f.s.SetFault(Fault{Kind: FaultHang, Count: 1})
	c := &http.Client{Timeout: 100 * time.Millisecond}
	if _, err := c.Get(f.ts.URL + "/api/server/version"); err == nil {
		t.Error("hang answered")
	}
	f.s.ClearFaults()
	wantStatus(t, f.get("/api/server/version", "", nil), 200)
}

func TestStartCloseRestart(t *testing.T) {
	s := New(Options{Empty: true})
	base, err := s.Start("127.0.0.1:0")
	must(t, err)
	if s.URL() != base {
		t.Fatalf("URL %q vs %q", s.URL(), base)
	}
	get := func() error {
		res, err := http.Get(base + "/api/server/version")
		if err == nil {
			res.Body.Close()
		}
		return err
	}
	must(t, get())
	must(t, s.Restart(10*time.Millisecond))
	must(t, get())
	must(t, s.Close())
	if get() == nil {
		t.Error("answered after Close")
	}
	must(t, s.Close())
}

func TestRequestLog(t *testing.T) {
	f := newFixture(t, Options{})
	f.s.ResetRequests()
	f.get(searchPath, f.tok["alice"], vals("login", "alice"))
	f.get(searchPath, "Bearer "+f.tok["alice"], nil)
	f.get("/api/server/version", "", nil)
	got := f.s.Requests()
	want := []Request{
		{Method: "GET", Path: searchPath, Params: url.Values{"login": {"alice"}}, Auth: "basic", Login: "alice", Status: 200},
		{Method: "GET", Path: searchPath, Params: url.Values{}, Auth: "bearer", Login: "alice", Status: 200},
		{Method: "GET", Path: "/api/server/version", Params: url.Values{}, Auth: "none", Status: 200},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("log\n%+v\nwant\n%+v", got, want)
	}
	for i := 0; i < requestLogSize+5; i++ {
		f.s.record(Request{Path: "x"})
	}
	if n := len(f.s.Requests()); n != requestLogSize {
		t.Errorf("ring size %d", n)
	}
}

// TestHijackableUnderHTTPTest guards DropResponses' assumption.
func TestHijackableUnderHTTPTest(t *testing.T) {
	var ok atomic.Bool
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, hj := w.(http.Hijacker)
		ok.Store(hj)
	}))
	defer ts.Close()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	must(t, err)
	defer conn.Close()
	_, _ = conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	_, _ = conn.Read(make([]byte, 512))
	if !ok.Load() {
		t.Error("not hijackable")
	}
}

func TestWithoutUsersSearch(t *testing.T) {
	const v2Path = "/api/v2/users-management/users"
	f := newFixture(t, Options{WithoutUsersSearch: true})
	wantError(t, f.get("/api/users/search", f.tok["admin"], nil), 404, "Unknown url : /api/users/search")
	wantError(t, f.get("/api/users/search.json", f.tok["admin"], nil), 404, "Unknown url : /api/users/search.json")
	wantEmpty401(t, f.get("/api/users/search", "", nil)) // authentication comes first
	wantStatus(t, f.get(v2Path, f.tok["admin"], nil), 200)
	wantStatus(t, f.get("/api/users/current", f.tok["alice"], nil), 200)

	g := newFixture(t, Options{})
	wantStatus(t, g.get("/api/users/search", g.tok["admin"], nil), 200)
	g.s.RemoveLegacyUsersSearch()
	wantError(t, g.get("/api/users/search", g.tok["admin"], nil), 404, "Unknown url : /api/users/search")
	wantStatus(t, g.get(v2Path, g.tok["admin"], nil), 200)
}
