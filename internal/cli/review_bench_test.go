package cli

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// BenchmarkReviewJSON runs `sonartoken review --json` in-process against a
// simulator of 10,000 users holding 50,000 tokens, without added latency:
// what it measures is the client's own work (decoding, collecting, sorting
// and writing the report), the part that -cpuprofile and -memprofile look
// at for the performance targets (README, Benchmarks). The wall time against a server with latency, and the
// peak RSS of the real binary, come from go run ./internal/benchtool.
//
//	go test -run '^$' -bench ReviewJSON -benchmem -memprofile mem.out ./internal/cli/
func BenchmarkReviewJSON(b *testing.B) {
	sim := sonarsim.New(sonarsim.Options{Users: 10000, Tokens: 50000, Seed: 1})
	srv := httptest.NewServer(sim.Handler())
	b.Cleanup(func() { srv.Close(); _ = sim.Close() })
	vars := map[string]string{"SONAR_HOST_URL": srv.URL, "SONAR_TOKEN": sim.AdminToken()}
	var out countWriter
	var errb bytes.Buffer
	a := &app{io: IO{
		In:         strings.NewReader(""),
		Out:        &out,
		Err:        &errb,
		Getenv:     func(k string) string { return vars[k] },
		Environ:    func() []string { return nil },
		IsTerminal: func(io.Writer) bool { return false },
		Now:        time.Now,
	}.withDefaults(), tui: func(context.Context, tuiParams) error { return nil }}
	b.ReportAllocs()
	for b.Loop() {
		out.n = 0
		if code := a.run(context.Background(), []string{"review", "--json"}); code != 0 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
	b.ReportMetric(float64(out.n), "json_bytes")
}

// countWriter counts what is written and keeps none of it.
type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }
