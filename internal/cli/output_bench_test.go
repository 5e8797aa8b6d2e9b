package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/audit"
	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
)

// benchReport is a review of n tokens over n/10 users, the dates and
// types spread as the simulator spreads them, without a server: what
// BenchmarkOutput200k times is the writing alone.
func benchReport(n int) report {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	toks := make([]model.Token, n)
	for i := range toks {
		created := now.Add(-time.Duration(i%900) * 24 * time.Hour)
		t := model.Token{
			Login:     fmt.Sprintf("user.name%05d", i/10),
			Name:      fmt.Sprintf("ci-pipeline-%d", i),
			Type:      model.TypeUser,
			CreatedAt: created,
		}
		if i%3 == 0 {
			t.Type, t.ProjectKey, t.ProjectName = model.TypeProject, fmt.Sprintf("org.example:project-%d", i%50), fmt.Sprintf("Project %d", i%50)
		}
		if i%4 != 0 {
			used := created.Add(48 * time.Hour)
			t.LastUsed = &used
		}
		if i%5 != 0 {
			exp := created.Add(time.Duration(30+i%400) * 24 * time.Hour)
			t.ExpiresAt = &exp
		}
		toks[i] = t
	}
	sortTokens(toks)
	return report{Report: reports.Report{Tokens: toks, Now: now, Within: model.DefaultExpiringWithin}}
}

// BenchmarkOutput200k writes a 200,000-token review in each --format to
// a writer that keeps nothing, counting the Write calls that reach it
// (each would be a write system call on a pipe). The formats' time and
// allocations side by side are the figures of the README's Benchmarks
// (table ≤ 1.3x json's time, markdown ≤ 1.1x its memory: the whole
// binary's figures come from /usr/bin/time against `sonartoken sim`).
//
//	go test -run '^$' -bench Output200k -benchmem ./internal/cli/
func BenchmarkOutput200k(b *testing.B) {
	rep := benchReport(200000)
	for _, f := range formats {
		b.Run(f, func(b *testing.B) {
			var out writeCounter
			a := &app{io: IO{Out: &out, Zone: time.UTC}.withDefaults()}
			b.ReportAllocs()
			for b.Loop() {
				out = writeCounter{}
				if err := a.emit(f, rep, true); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.writes)/float64(len(rep.Tokens)+1), "writes/line")
		})
	}
}

// writeCounter counts the bytes and the Write calls it is given and
// keeps none of them.
type writeCounter struct{ n, writes int }

func (w *writeCounter) Write(p []byte) (int, error) {
	w.n += len(p)
	w.writes++
	return len(p), nil
}

// BenchmarkLog100k runs `sonartoken log` (the table, then --json) over an
// audit log of 100,000 entries (about 30 MB), as written by sonartoken.
//
//	go test -run '^$' -bench Log100k -benchmem ./internal/cli/
func BenchmarkLog100k(b *testing.B) {
	state := b.TempDir()
	path := filepath.Join(state, "sonartoken", "audit.jsonl")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		b.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 100000 {
		exp := t0.AddDate(1, 0, i%300)
		e := audit.Entry{
			Time: t0.Add(time.Duration(i) * 5 * time.Minute), Server: fmt.Sprintf("https://sonar%d.example.com", i%3),
			Profile: fmt.Sprintf("prod%d", i%3), Actor: "admin", Login: fmt.Sprintf("user.name%05d", i%20000),
			Name: fmt.Sprintf("ci-pipeline-token-%d", i), Type: "USER_TOKEN", Expiration: &exp,
			Action: audit.Revoke, Outcome: audit.OK,
		}
		if i%3 == 0 {
			e.Action, e.NewName = audit.Rotate, fmt.Sprintf("ci-pipeline-token-%d-2", i)
		}
		if i%5 == 0 {
			e.Outcome, e.Error = audit.Failed, "the server answered 500 Internal Server Error: An error has occurred. Please contact your administrator"
		}
		if err := enc.Encode(e); err != nil {
			b.Fatal(err)
		}
	}
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	for _, args := range [][]string{{"log"}, {"log", "--json"}} {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			var out writeCounter
			var errb strings.Builder
			a := &app{io: IO{Out: &out, Err: &errb, Zone: time.UTC,
				AuditPath: func() (string, error) { return path, nil }}.withDefaults()}
			b.ReportAllocs()
			for b.Loop() {
				out = writeCounter{}
				if code := a.run(context.Background(), args); code != 0 {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
			}
			b.ReportMetric(float64(out.writes)/100001, "writes/line")
		})
	}
}

var _ io.Writer = (*writeCounter)(nil)
