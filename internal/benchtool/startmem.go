package main

import (
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

func (b *bench) start(ctx context.Context) error {
	logf("start: sim with 100 tokens, no added latency")
	s, err := b.startSim(ctx, "--users", "1", "--tokens", "9", "--seed", "1")
	if err != nil {
		return err
	}
	defer b.stopSim(s)
	c, err := s.client()
	if err != nil {
		return err
	}
	if _, err := c.Connect(ctx); err != nil {
		return err
	}
	// admin owns the seeded ones; generate the rest up to 100.
	have, err := c.SearchTokens(ctx, "")
	if err != nil {
		return err
	}
	for i := len(have); i < 100; i++ {
		if _, err := c.Generate(ctx, client.GenerateRequest{Name: fmt.Sprintf("bench-token-%03d", i)}); err != nil {
			return err
		}
	}
	own := ownTokenNames(ctx, s)
	if len(own) < 90 {
		return fmt.Errorf("admin has %d tokens, want 100", len(own))
	}

	if b.want("start") {
		var times []time.Duration
		for i := range b.startRuns {
			at, err := b.firstTable(ctx, s, own, false)
			if err != nil {
				return fmt.Errorf("console run %d: %w", i+1, err)
			}
			times = append(times, at)
		}
		med := median(times)
		logf("start: %s", list(times, millis))
		b.add("start: process start to first table frame (pty, 100 tokens)",
			fmt.Sprintf("median %s of %d (min %s, max %s)", millis(med), len(times), millis(slices.Min(times)), millis(slices.Max(times))),
			"< 150 ms", ptr(med < 150*time.Millisecond))
	}

	if b.want("silent") {
		// A terminal that answers no query still shows the table fast.
		var times []time.Duration
		for i := range max(3, b.startRuns/3) {
			at, err := b.firstTable(ctx, s, own, true)
			if err != nil {
				return fmt.Errorf("silent console run %d: %w", i+1, err)
			}
			times = append(times, at)
		}
		med := median(times)
		logf("silent start: %s", list(times, millis))
		b.add("start, terminal answering no query: to first table frame",
			fmt.Sprintf("median %s of %d (max %s)", millis(med), len(times), millis(slices.Max(times))),
			"< 500 ms", ptr(med < 500*time.Millisecond))
	}

	if b.want("start") {
		for _, lat := range smallLatencies {
			if err := b.startAtLatency(ctx, lat); err != nil {
				return err
			}
		}
	}

	if b.want("list") {
		if err := b.listVsCurl(ctx, s, 0); err != nil {
			return err
		}
		for _, lat := range smallLatencies {
			ls, err := b.smallSim(ctx, lat)
			if err != nil {
				return err
			}
			err = b.listVsCurl(ctx, ls, lat)
			b.stopSim(ls)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// smallLatencies are measured besides the loopback's.
var smallLatencies = []time.Duration{20 * time.Millisecond, 50 * time.Millisecond}

// smallSim is admin's few tokens (seed 1) answering after latency.
func (b *bench) smallSim(ctx context.Context, latency time.Duration) (*sim, error) {
	return b.startSim(ctx, "--users", "1", "--tokens", "9", "--seed", "1", "--latency", latency.String())
}

// firstTable returns when the table first shows one of own.
func (b *bench) firstTable(ctx context.Context, s *sim, own []string, silent bool) (time.Duration, error) {
	t, err := b.openTUIWith(ctx, s, silent)
	if err != nil {
		return 0, err
	}
	defer t.close()
	at, err := t.waitFor(ctx, 20*time.Second, func(out string) bool { return containsAny(out, own) })
	if err != nil {
		return 0, fmt.Errorf("no table: %w", err)
	}
	return at, nil
}

// startAtLatency times the first table with the version remembered (target:
// 1.5 round trips plus 30 ms, process start included).
func (b *bench) startAtLatency(ctx context.Context, latency time.Duration) error {
	s, err := b.smallSim(ctx, latency)
	if err != nil {
		return err
	}
	defer b.stopSim(s)
	own := ownTokenNames(ctx, s)
	var times []time.Duration
	var st sonarsim.Stats // what the server counted for the last run
	for i := range max(4, b.startRuns/3) + 1 {
		if _, err := s.stats(ctx); err != nil { // restarts the counts
			return err
		}
		at, err := b.firstTable(ctx, s, own, false)
		if err != nil {
			return fmt.Errorf("console run %d at %v: %w", i+1, latency, err)
		}
		if st, err = s.stats(ctx); err != nil {
			return err
		}
		if i > 0 { // the first run learns the version
			times = append(times, at)
		}
	}
	med := median(times)
	limit := latency*3/2 + 30*time.Millisecond
	logf("start at %v: %s; last run on the server: %+v", latency, list(times, millis), st)
	// All the requests in flight at once is one round trip.
	b.add(fmt.Sprintf("start at %v latency, version remembered: to first table frame", latency),
		fmt.Sprintf("median %s of %d (%.1f round trips; server: %d requests, %d at once)", millis(med), len(times), float64(med)/float64(latency), st.Total, st.PeakAll),
		"< "+millis(limit), ptr(med < limit))
	return nil
}

// listVsCurl times `list --json` against curl, alternately.
func (b *bench) listVsCurl(ctx context.Context, s *sim, latency time.Duration) error {
	target, limit := "≤ 2x", 2.0
	if latency > 0 {
		target, limit = "≤ 1.2x", 1.2
	}
	curl, err := exec.LookPath("curl")
	if err != nil {
		b.add(fmt.Sprintf("list --json vs curl, %v latency", latency), "curl not found: not measured", target, nil)
		return nil
	}
	endpoint := strings.TrimRight(s.url, "/") + "/api/user_tokens/search"
	runs := b.startRuns
	if latency > 0 {
		runs = max(5, min(runs, 11)) // median of 11, as the target asks
	}
	if _, err := s.stats(ctx); err != nil { // restart the counts
		return err
	}
	var lt, ct []time.Duration
	for range runs {
		// side by side: one of each, alternately
		el, _, err := b.timed(ctx, s, "list", "--json")
		if err != nil {
			return err
		}
		lt = append(lt, el)
		cmd := exec.CommandContext(ctx, curl, "-sf", "-o", "/dev/null", "-u", s.token+":", endpoint)
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("curl: %w", err)
		}
		ct = append(ct, time.Since(start))
	}
	st, err := s.stats(ctx)
	if err != nil {
		return err
	}
	perList := float64(st.Total-runs) / float64(runs) // curl sent one each
	lm, cm := median(lt), median(ct)
	ratio := float64(lm) / float64(cm)
	b.add(fmt.Sprintf("list --json wall, %v latency", latency),
		fmt.Sprintf("median %s of %d; %.1f requests each, counted on the server", millis(lm), len(lt), perList), "", nil)
	b.add(fmt.Sprintf("curl of api/user_tokens/search, %v latency, same runs", latency), fmt.Sprintf("median %s of %d", millis(cm), len(ct)), "", nil)
	b.add(fmt.Sprintf("list --json / curl, %v latency", latency), fmt.Sprintf("%.2fx", ratio), target, ptr(ratio <= limit))
	return nil
}

// ---- memory ----

func (b *bench) memory(ctx context.Context) error {
	// Memory proportional to what is kept, at two sizes.
	for _, m := range []struct {
		tokens int
		limit  float64
	}{{b.memTokens, 40}, {b.memTokens * 4, 100}} {
		if err := b.memoryOf(ctx, m.tokens, m.limit); err != nil {
			return err
		}
	}
	return nil
}

func (b *bench) memoryOf(ctx context.Context, tokens int, limitMB float64) error {
	logf("memory: sim --users %d --tokens %d", b.users, tokens)
	s, err := b.startSim(ctx, "--users", fmt.Sprint(b.users), "--tokens", fmt.Sprint(tokens), "--seed", "1")
	if err != nil {
		return err
	}
	defer b.stopSim(s)
	var peak int64
	var all []string
	for range b.runs {
		rss, n, err := b.peakRSS(ctx, s, `"login":`, "review", "--json")
		if err != nil {
			return err
		}
		if n != tokens {
			return fmt.Errorf("review --json: %d tokens, want %d", n, tokens)
		}
		peak = max(peak, rss)
		all = append(all, fmt.Sprintf("%.1f", float64(rss)/(1<<20)))
	}
	mb := float64(peak) / (1 << 20)
	b.add(fmt.Sprintf("memory: peak RSS of review --json, %d tokens", tokens),
		fmt.Sprintf("%.1f MB (worst of %d: %s MB; %.2f KB a token)", mb, len(all), strings.Join(all, ", "), float64(peak)/1024/float64(tokens)),
		fmt.Sprintf("< %.0f MB", limitMB), ptr(mb < limitMB))
	return nil
}
