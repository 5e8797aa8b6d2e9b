package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/scanfloor"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

func (b *bench) review(ctx context.Context) error {
	logf("review: starting sim --users %d --tokens %d --latency %v", b.users, b.tokens, b.latency)
	s, err := b.startSim(ctx, "--users", fmt.Sprint(b.users), "--tokens", fmt.Sprint(b.tokens), "--latency", b.latency.String(), "--seed", "1")
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
	// Counted on the server as the review sees it.
	var users, withTokens, tokens int
	var logins []string
	for u, err := range c.AllUsers(ctx, client.MaxPageSize) {
		if err != nil {
			return err
		}
		users++
		if u.TokensCount == nil || *u.TokensCount > 0 {
			withTokens++
			if u.TokensCount != nil {
				tokens += *u.TokensCount
			}
			if u.Login != "admin" {
				logins = append(logins, u.Login)
			}
		}
	}
	pages := (users + client.MaxPageSize - 1) / client.MaxPageSize
	logf("review: %d active users, %d with tokens (%.1f%%), %d tokens", users, withTokens, 100*float64(withTokens)/float64(users), tokens)

	if b.want("tui") {
		if err := b.tuiReview(ctx, s, logins); err != nil {
			return err
		}
	}
	if !b.want("review") {
		return nil
	}

	med, err := b.measureReview(ctx, s, fmt.Sprintf("%d users / %d tokens (over %.0f%% of the users)", users, tokens, 100*float64(withTokens)/float64(users)), tokens)
	if err != nil {
		return err
	}

	// The naive review: one request at a time, every user searched.
	seqRequests := pages + users
	var seq time.Duration
	label := fmt.Sprintf("sequential baseline: %d pages + %d searches, one at a time", pages, users)
	if b.sample > 0 && b.sample < users {
		sc, err := s.client()
		if err != nil {
			return err
		}
		n := 0
		start := time.Now()
		for u, err := range sc.AllUsers(ctx, client.MaxPageSize) {
			if err != nil {
				return err
			}
			if _, err := sc.SearchTokens(ctx, u.Login); err != nil {
				return err
			}
			if n++; n == b.sample {
				break
			}
		}
		part := time.Since(start)
		sampleReq := (b.sample+client.MaxPageSize-1)/client.MaxPageSize + b.sample
		seq = time.Duration(float64(part) * float64(seqRequests) / float64(sampleReq))
		label += fmt.Sprintf(" (EXTRAPOLATED from the first %d users: %s for %d requests)", b.sample, secs(part), sampleReq)
	} else {
		logf("sequential baseline: %d requests one at a time (about %v)…", seqRequests, time.Duration(seqRequests)*b.latency)
		sc, err := s.client()
		if err != nil {
			return err
		}
		start := time.Now()
		all, err := sequential(ctx, sc)
		if err != nil {
			return err
		}
		seq = time.Since(start)
		if len(all) != tokens {
			return fmt.Errorf("sequential scan: %d tokens, the server has %d", len(all), tokens)
		}
	}
	logf("sequential baseline: %v", seq)
	b.add(label, secs(seq), "", nil)
	speed := float64(seq) / float64(med)
	b.add("review: speed-up over sequential (vs median review)", fmt.Sprintf("%.1fx", speed), "≥ 20x", ptr(speed >= 20))
	return nil
}

// sequential is the naive review the concurrent one is measured against.
func sequential(ctx context.Context, c *client.Client) ([]model.Token, error) {
	var all []model.Token
	for u, err := range c.AllUsers(ctx, client.MaxPageSize) {
		if err != nil {
			return all, err
		}
		tokens, err := c.SearchTokens(ctx, u.Login)
		if err != nil {
			return all, err
		}
		all = append(all, tokens...)
	}
	return all, nil
}

// measureReview times `review --json` and returns the median; the floor uses
// the simulator's own counts, not the client's idea of them.
func (b *bench) measureReview(ctx context.Context, s *sim, what string, tokens int) (time.Duration, error) {
	if _, err := s.stats(ctx); err != nil { // restart the counts
		return 0, err
	}
	var walls []time.Duration
	var st sonarsim.Stats
	for i := range b.runs {
		el, out, err := b.timed(ctx, s, "review", "--json", "--concurrency", fmt.Sprint(b.concurrency))
		if err != nil {
			return 0, err
		}
		var arr []json.RawMessage
		if err := json.Unmarshal(out, &arr); err != nil || len(arr) != tokens {
			return 0, fmt.Errorf("review --json run %d: %d tokens (%v), the server has %d", i+1, len(arr), err, tokens)
		}
		if st, err = s.stats(ctx); err != nil {
			return 0, err
		}
		logf("review --json run %d: %v; server: %d requests, peak %d in flight", i+1, el, st.Total, st.PeakAll)
		walls = append(walls, el)
	}
	pages := st.Requests["/api/users/search"] + st.Requests["/api/v2/users-management/users"]
	searches := st.Requests["/api/user_tokens/search"]
	other := st.Total - pages - searches
	floor := scanfloor.Of(pages, searches, b.concurrency, b.latency)
	med := median(walls)
	ratio := float64(med) / float64(floor)
	b.add(fmt.Sprintf("review --json wall, %s, %v, concurrency %d", what, b.latency, b.concurrency),
		fmt.Sprintf("median %s of %d (%s)", secs(med), len(walls), list(walls, secs)), "", nil)
	b.add("review: counted on the server (last run)",
		fmt.Sprintf("%d pages + %d token searches + %d other; peak %d in flight", pages, searches, other, st.PeakAll),
		fmt.Sprintf("peak ≤ %d", b.concurrency), ptr(st.PeakAll <= b.concurrency))
	b.add(fmt.Sprintf("review: floor = %v × (1 + ⌈(%d − 1 + %d)/%d⌉)", b.latency, pages, searches, b.concurrency),
		secs(floor), "", nil)
	b.add("review: wall / floor (median; best run)",
		fmt.Sprintf("%.2fx; %.2fx", ratio, float64(slices.Min(walls))/float64(floor)), "≤ 1.3x", ptr(ratio <= 1.3))
	return med, nil
}

// sparse measures many users with few tokens, where paging is most of the work.
func (b *bench) sparse(ctx context.Context) error {
	users, tokens := 50000, 600
	logf("sparse review: starting sim --users %d --tokens %d --latency %v", users, tokens, b.latency)
	s, err := b.startSim(ctx, "--users", fmt.Sprint(users), "--tokens", fmt.Sprint(tokens), "--latency", b.latency.String(), "--seed", "1")
	if err != nil {
		return err
	}
	defer b.stopSim(s)
	_, err = b.measureReview(ctx, s, fmt.Sprintf("sparse: %d users / %d tokens", users, tokens), tokens)
	return err
}

// ---- the console in a pseudo-terminal ----

// tuiReview times from R to the first other user's row on screen.
func (b *bench) tuiReview(ctx context.Context, s *sim, logins []string) error {
	if len(logins) == 0 {
		return errors.New("no user with tokens besides admin")
	}
	var times []time.Duration
	var note string
	for i := range max(1, min(b.runs, 5)) {
		t, err := b.openTUI(ctx, s)
		if err != nil {
			return err
		}
		own := ownTokenNames(ctx, s)
		if _, err := t.waitFor(ctx, 20*time.Second, func(out string) bool { return containsAny(out, own) }); err != nil {
			t.close()
			return fmt.Errorf("console: no first frame: %w", err)
		}
		time.Sleep(300 * time.Millisecond) // settle: the console is idle when R is pressed
		pressed := t.send("R")
		_, err = t.waitFor(ctx, 10*time.Second, func(out string) bool { return containsAny(out, logins) })
		el := time.Since(pressed)
		t.close()
		if err != nil {
			note = "R showed no review row within 10 s (no review screen in this build?)"
			break
		}
		logf("tui: first review row %v after R (run %d)", el, i+1)
		times = append(times, el)
	}
	if len(times) > 0 {
		med := median(times)
		b.add(fmt.Sprintf("TUI: R to first review rows on screen (pty, %v latency)", b.latency),
			fmt.Sprintf("median %s of %d (%s)", millis(med), len(times), list(times, millis)), "< 300 ms", ptr(med < 300*time.Millisecond))
		return nil
	}
	// Without a review screen: the time to ScanAllTokens' first batch.
	c, err := s.client()
	if err != nil {
		return err
	}
	if _, err := c.Connect(ctx); err != nil {
		return err
	}
	for range max(1, min(b.runs, 5)) {
		cctx, cancel := context.WithCancel(ctx)
		start := time.Now()
		ch := c.ScanAllTokens(cctx, client.ScanOptions{Concurrency: b.concurrency})
		<-ch
		times = append(times, time.Since(start))
		cancel()
		for range ch {
		}
	}
	med := median(times)
	b.add(fmt.Sprintf("TUI review: first ScanAllTokens batch (%v latency) — %s", b.latency, note),
		fmt.Sprintf("median %s (%s)", millis(med), list(times, millis)), "< 300 ms", ptr(med < 300*time.Millisecond))
	return nil
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// ownTokenNames lists admin's token names, too long to appear by chance.
func ownTokenNames(ctx context.Context, s *sim) []string {
	c, err := s.client()
	if err != nil {
		return nil
	}
	toks, err := c.SearchTokens(ctx, "")
	if err != nil {
		return nil
	}
	var out []string
	for _, t := range toks {
		if len(t.Name) >= 6 {
			out = append(out, t.Name)
		}
	}
	return out
}
