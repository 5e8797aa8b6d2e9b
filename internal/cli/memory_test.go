package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// endlessServer plays a hostile SonarQube 10.6: it signs the admin in,
// lists users users with a token each, and answers every token search with
// a JSON body that never ends.
func endlessServer(t *testing.T, users int) *httptest.Server {
	t.Helper()
	chunk := []byte(strings.Repeat(`{"name":"x","createdAt":"2024-01-01T00:00:00+0000"},`, 1000))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/server/version":
			_, _ = fmt.Fprint(w, "10.6.0.92116")
		case "/api/users/current":
			_, _ = fmt.Fprint(w, `{"isLoggedIn":true,"login":"admin","name":"Admin","permissions":{"global":["admin"]}}`)
		case "/api/users/search":
			var b strings.Builder
			fmt.Fprintf(&b, `{"paging":{"pageIndex":1,"pageSize":500,"total":%d},"users":[`, users)
			for i := range users {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, `{"login":"u%03d","name":"U","active":true,"tokensCount":1}`, i)
			}
			b.WriteString("]}")
			_, _ = fmt.Fprint(w, b.String())
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"login":"x","userTokens":[`))
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// peakMemory samples the memory the Go runtime holds from the OS (mapped
// and not released: what RSS counts of it) while f runs, and returns the
// highest sample.
func peakMemory(f func()) uint64 {
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	var peak atomic.Uint64
	measure := func() {
		metrics.Read(samples)
		held := samples[0].Value.Uint64() - samples[1].Value.Uint64()
		if held > peak.Load() {
			peak.Store(held)
		}
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				measure()
			}
		}
	}()
	f()
	close(done)
	<-stopped
	measure()
	return peak.Load()
}

// TestReviewMemoryAgainstEndlessBodies: a server whose token searches
// never end costs the review a bounded amount of memory at any allowed
// concurrency (it was 590 MB at 8 and 4.3 GB at 64), and each user's
// failure says why.
func TestReviewMemoryAgainstEndlessBodies(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("streams hundreds of MB; the race detector multiplies memory")
	}
	const bound = 200 << 20
	for _, concurrency := range []int{8, 64} {
		t.Run(fmt.Sprint(concurrency), func(t *testing.T) {
			srv := endlessServer(t, 64)
			e := &testEnv{t: t, vars: map[string]string{
				"SONAR_HOST_URL": srv.URL,
				"SONAR_TOKEN":    "squ_0123456789abcdef0123456789abcdef01234567",
			}}
			runtime.GC()
			var r result
			peak := peakMemory(func() {
				// --timeout: on a loaded machine 64 endless bodies of 8 MB each
				// can take longer than the default 30 s to read; the test is
				// about memory and the words, not the clock.
				r = e.run("review", "--concurrency", fmt.Sprint(concurrency), "--timeout", "10m")
			})
			t.Logf("--concurrency %d: peak %d MB held by the runtime", concurrency, peak>>20)
			if peak > bound {
				t.Errorf("peak memory %d MB, want under %d MB", peak>>20, bound>>20)
			}
			r.expect(t, ExitError)
			if !strings.Contains(r.stderr, "far more than SonarQube sends: is the URL SonarQube's?") {
				t.Errorf("stderr = %q, want the answer called too large", r.stderr)
			}
		})
	}
}
