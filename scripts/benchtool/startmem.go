package main

import (
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/client"
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
			t, err := b.openTUI(ctx, s)
			if err != nil {
				return err
			}
			at, err := t.waitFor(ctx, 20*time.Second, func(out string) bool { return containsAny(out, own) })
			t.close()
			if err != nil {
				return fmt.Errorf("console run %d: no table: %w", i+1, err)
			}
			times = append(times, at)
		}
		med := median(times)
		logf("start: %s", list(times, millis))
		b.add("start: process start to first table frame (pty, 100 tokens)",
			fmt.Sprintf("median %s of %d (min %s, max %s)", millis(med), len(times), millis(slices.Min(times)), millis(slices.Max(times))),
			"< 150 ms", ptr(med < 150*time.Millisecond))
	}

	if b.want("list") {
		curl, err := exec.LookPath("curl")
		if err != nil {
			b.add("list --json vs curl", "curl not found: not measured", "≤ 2x", nil)
			return nil
		}
		endpoint := strings.TrimRight(s.url, "/") + "/api/user_tokens/search"
		var lt, ct []time.Duration
		for range b.startRuns {
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
		lm, cm := median(lt), median(ct)
		ratio := float64(lm) / float64(cm)
		b.add("list --json wall (100 tokens, loopback)", fmt.Sprintf("median %s of %d", millis(lm), len(lt)), "", nil)
		b.add("curl of api/user_tokens/search, same runs", fmt.Sprintf("median %s of %d", millis(cm), len(ct)), "", nil)
		b.add("list --json / curl", fmt.Sprintf("%.2fx", ratio), "≤ 2x", ptr(ratio <= 2))
	}
	return nil
}

// ---- memory ----

func (b *bench) memory(ctx context.Context) error {
	logf("memory: sim --users %d --tokens %d", b.users, b.memTokens)
	s, err := b.startSim(ctx, "--users", fmt.Sprint(b.users), "--tokens", fmt.Sprint(b.memTokens), "--seed", "1")
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
		if n != b.memTokens {
			return fmt.Errorf("review --json: %d tokens, want %d", n, b.memTokens)
		}
		peak = max(peak, rss)
		all = append(all, fmt.Sprintf("%.1f", float64(rss)/(1<<20)))
	}
	mb := float64(peak) / (1 << 20)
	b.add(fmt.Sprintf("memory: peak RSS of review --json, %d tokens", b.memTokens),
		fmt.Sprintf("%.1f MB (worst of %d: %s MB)", mb, len(all), strings.Join(all, ", ")), "< 80 MB", ptr(mb < 80))
	return nil
}

// ---- pty ----
