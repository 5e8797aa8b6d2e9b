package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"time"
)

// The felt-latency benchmark times key to last byte of the redraw (output quiet
// for -quiet) in a pty, review open; a key that redraws nothing is "silent", and the
// unbound control key z must stay so. Keys land at a random point of the 60 Hz frame.

// press is one key; want, when set, is text its redraw must contain (a miss is counted).
type press struct {
	label, keys, want string
}

// sortColumns is the order s visits the review's columns on 10.6, the sim's default.
var sortColumns = []string{"Type", "Project", "Last use", "Created", "Expires", "Login", "Name"}

// feltRound leaves the review as it found it, so every round measures the same states.
// Round rep types the filter query rep of filter's comma-separated list, in turn: the
// console keeps what each query typed found (ui/tokens/filter.go), so a query typed in
// the round before times a lookup, and another query a search of every row.
func feltRound(filter string, rep int) []press {
	queries := strings.Split(filter, ",")
	query := queries[rep%len(queries)]
	ps := []press{
		{label: "down (↓)", keys: "\x1b[B"},
		{label: "page down (pgdn)", keys: "\x1b[6~"},
	}
	for _, c := range sortColumns {
		ps = append(ps, press{label: "sort (s) → " + c, keys: "s", want: c})
	}
	ps = append(ps,
		press{label: "reverse (S)", keys: "S"},
		press{label: "reverse (S)", keys: "S"},
		press{label: "mark all (a)", keys: "a", want: "marked"},
		press{label: "unmark all (a)", keys: "a"},
		press{label: "open filter (/)", keys: "/"},
	)
	for i, r := range []rune(query) {
		ps = append(ps, press{label: fmt.Sprintf("filter char %d (%s)", i+1, nthRunes(queries, i)), keys: string(r)})
	}
	for i := len([]rune(query)); i > 0; i-- {
		ps = append(ps, press{label: fmt.Sprintf("backspace (%d chars → %d)", i, i-1), keys: "\x7f"})
	}
	ps = append(ps, press{label: "close filter (esc)", keys: "\x1b"})
	for _, q := range []struct{ key, name string }{
		{"1", "expired"}, {"2", "expiring"}, {"3", "no expiry"}, {"4", "never used"}, {"5", "unused"},
	} {
		ps = append(ps,
			press{label: "quick filter " + q.key + " (" + q.name + ")", keys: q.key},
			press{label: "quick filter 0 (all)", keys: "0"})
	}
	return append(ps,
		press{label: "chart pick (→ first bar)", keys: "\x1b[C"},
		press{label: "chart pick (← none)", keys: "\x1b[D"},
		press{label: "open help (?)", keys: "?", want: "Keys"},
		press{label: "esc out of a dialog (help)", keys: "\x1b"},
		press{label: controlLabel, keys: "z"},
	)
}

const controlLabel = "control: z (bound to nothing)"

// nthRunes is the i-th character of each query, joined by "/": the label of
// the filter's i-th key.
func nthRunes(queries []string, i int) string {
	var out []string
	for _, q := range queries {
		if rs := []rune(q); i < len(rs) {
			out = append(out, string(rs[i]))
		}
	}
	return strings.Join(out, "/")
}

// frame is Bubble Tea v1's 60 Hz renderer tick.
const frame = time.Second / 60

// controlEvery: the control key waits the whole -silent-wait, so only one round in 5 has it.
const controlEvery = 5

// goBenchOf names the Go benchmark of the same key (the 200,000 variant when it exists).
func goBenchOf(label string) string {
	switch {
	case strings.HasPrefix(label, "page down"):
		return "BenchmarkReviewPageDown50k"
	case strings.HasPrefix(label, "sort"):
		return "BenchmarkReviewSort50k"
	case strings.HasPrefix(label, "reverse"):
		return "BenchmarkReviewReverse50k"
	case strings.HasPrefix(label, "mark all"), strings.HasPrefix(label, "unmark all"):
		return "BenchmarkReviewMarkAll50k"
	case strings.HasPrefix(label, "filter char"):
		return "BenchmarkReviewFilterKeystroke50k"
	case strings.HasPrefix(label, "quick filter"):
		return "BenchmarkReviewQuickFilter50k"
	}
	return ""
}

type sample struct {
	lat   time.Duration // key written to the last byte read
	bytes int
	reads int
	gap   time.Duration // the longest gap between two reads of its output
	out   string
}

// keyStats are one row of the table: one key, one binary, one size.
type keyStats struct {
	samples []sample
	silent  int // presses that wrote nothing
	misses  int // presses whose output lacked press.want
}

// feltRun is what one binary gave at one size, over its sessions.
type feltRun struct {
	label, bin string
	rows       map[string]*keyStats
	sessions   []sessionInfo
	jsonPeak   []int64 // review --format json peak RSS, bytes, one a session
}

// sessionInfo is one console session's load, scan time and memory.
type sessionInfo struct {
	load                  string
	scan                  time.Duration
	rssLoaded, hwmLoaded  int64 // after the scan, bytes (0: unknown)
	rssKeys, hwmKeys      int64 // after the keys
	presses, reps, silent int
}

// felt runs at each size, A-B-A-B with a second binary, and prints the tables.
func (b *bench) felt(ctx context.Context) error {
	cols, rows, err := parseSize(b.size)
	if err != nil {
		return err
	}
	bins := []struct{ label, bin string }{{"A", b.bin}}
	if b.binB != "" {
		bins = append(bins, struct{ label, bin string }{"B", b.binB})
	}
	rounds := max(1, b.rounds)
	if len(bins) == 1 {
		rounds = 1
	}
	for _, tokens := range b.feltTokens {
		users := max(100, tokens/5)
		logf("felt: sim --users %d --tokens %d --seed 1 (load average %s)", users, tokens, loadAvg())
		s, err := b.startSim(ctx, "--users", fmt.Sprint(users), "--tokens", fmt.Sprint(tokens), "--seed", "1")
		if err != nil {
			return err
		}
		own := ownTokenNames(ctx, s)
		runs := make([]*feltRun, len(bins))
		for i, x := range bins {
			runs[i] = &feltRun{label: x.label, bin: x.bin, rows: map[string]*keyStats{}}
		}
		// Each binary's presses are split over its sessions: A, B, A, B…
		for r := range rounds {
			reps := b.reps / rounds
			if r < b.reps%rounds {
				reps++
			}
			for i, x := range bins {
				info, err := b.feltSession(ctx, s, own, termSpec{bin: x.bin, cols: cols, rows: rows}, reps, runs[i])
				if err != nil {
					b.stopSim(s)
					return fmt.Errorf("felt %s (%s), %d tokens: %w", x.label, x.bin, tokens, err)
				}
				runs[i].sessions = append(runs[i].sessions, info)
				if b.feltMemory {
					rss, n, err := b.peakRSSOf(ctx, x.bin, s, `"login":`, "review", "--format", "json")
					if err != nil {
						b.stopSim(s)
						return err
					}
					if n != tokens {
						logf("felt: review --format json gave %d tokens, want %d", n, tokens)
					}
					runs[i].jsonPeak = append(runs[i].jsonPeak, rss)
					logf("felt %s: review --format json peak RSS %s", x.label, mib(rss))
				}
			}
		}
		b.stopSim(s)
		// Printed as soon as measured: a long run stopped later keeps it.
		b.printFelt(feltTable{tokens: tokens, users: users, cols: cols, rows: rows, runs: runs})
	}
	return nil
}

func parseSize(s string) (uint16, uint16, error) {
	var c, r uint16
	if _, err := fmt.Sscanf(s, "%dx%d", &c, &r); err != nil || c < 20 || r < 8 {
		return 0, 0, fmt.Errorf("-size %q: want COLSxROWS, such as 200x50 or 80x24", s)
	}
	return c, r, nil
}

// feltSession opens one console and review and presses reps rounds.
func (b *bench) feltSession(ctx context.Context, s *sim, own []string, spec termSpec, reps int, run *feltRun) (sessionInfo, error) {
	info := sessionInfo{load: loadAvg(), reps: reps}
	t, err := b.openTerm(ctx, s, spec)
	if err != nil {
		return info, err
	}
	defer t.close()
	if _, err := t.waitFor(ctx, 60*time.Second, func(out string) bool { return containsAny(out, own) }); err != nil {
		return info, fmt.Errorf("no first frame: %w", err)
	}
	if err := t.quiet(ctx, 300*time.Millisecond, 30*time.Second); err != nil {
		return info, err
	}
	at := t.send("R")
	if _, err := t.waitFor(ctx, 10*time.Minute, func(out string) bool { return strings.Contains(out, "Scanned ") }); err != nil {
		return info, fmt.Errorf("the review's scan did not finish: %w", err)
	}
	info.scan = time.Since(at)
	if err := t.quiet(ctx, 500*time.Millisecond, time.Minute); err != nil {
		return info, err
	}
	info.rssLoaded, info.hwmLoaded, _ = procRSS(t.cmd.Process.Pid)
	logf("felt %s: %dx%d, review scanned in %v, console RSS %s (peak %s), load average %s",
		run.label, spec.cols, spec.rows, info.scan.Round(time.Millisecond), mib(info.rssLoaded), mib(info.hwmLoaded), info.load)

	for rep := range reps {
		for _, p := range feltRound(b.filter, rep) {
			if p.label == controlLabel && rep%controlEvery != 0 {
				continue
			}
			// At a random point of the frame, as a person types; a fixed pause would
			// always land just after a frame and wait a whole one.
			time.Sleep(rand.N(frame))
			first := b.firstByte
			if p.label == controlLabel {
				first = b.silentWait
			}
			sm, err := t.press(ctx, p.keys, first, b.quiet, first+2*time.Minute)
			if err != nil {
				return info, fmt.Errorf("%s: %w", p.label, err)
			}
			k := run.rows[p.label]
			if k == nil {
				k = &keyStats{}
				run.rows[p.label] = k
			}
			info.presses++
			if sm.bytes == 0 {
				k.silent++
				info.silent++
				continue
			}
			if p.want != "" && !strings.Contains(sm.out, p.want) {
				k.misses++
			}
			sm.out = ""
			k.samples = append(k.samples, sm)
		}
	}
	info.rssKeys, info.hwmKeys, _ = procRSS(t.cmd.Process.Pid)
	logf("felt %s: %d presses (%d silent); console RSS after the keys %s (peak %s)",
		run.label, info.presses, info.silent, mib(info.rssKeys), mib(info.hwmKeys))
	return info, nil
}

// quiet waits until the console has written nothing for gap.
func (t *tui) quiet(ctx context.Context, gap, limit time.Duration) error {
	t.send("")
	_, err := t.settle(ctx, time.Now(), gap, gap, limit)
	return err
}

// press writes keys and returns when the redraw ended or nothing came within first.
func (t *tui) press(ctx context.Context, keys string, first, gap, limit time.Duration) (sample, error) {
	at := t.send(keys)
	return t.settle(ctx, at, first, gap, limit)
}

// settle waits for gap of quiet after the last read (first when none came).
func (t *tui) settle(ctx context.Context, at time.Time, first, gap, limit time.Duration) (sample, error) {
	for {
		t.mu.Lock()
		deadline := at.Add(first)
		if n := len(t.reads); n > 0 {
			deadline = t.reads[n-1].at.Add(gap)
		}
		t.mu.Unlock()
		wait := time.Until(deadline)
		if wait <= 0 {
			break
		}
		if time.Since(at) > limit {
			return sample{}, fmt.Errorf("the output never paused for %v within %v; it ends with %q", gap, limit, tail(t))
		}
		timer := time.NewTimer(wait)
		select {
		case <-t.changed:
		case <-timer.C:
		case <-t.done:
			timer.Stop()
			return sample{}, fmt.Errorf("the console exited; its output ended with %q", tail(t))
		case <-ctx.Done():
			timer.Stop()
			return sample{}, ctx.Err()
		}
		timer.Stop()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var sm sample
	for i, r := range t.reads {
		sm.bytes += r.n
		if i > 0 {
			sm.gap = max(sm.gap, r.at.Sub(t.reads[i-1].at))
		}
	}
	sm.reads = len(t.reads)
	if sm.reads > 0 {
		sm.lat = t.reads[sm.reads-1].at.Sub(at)
		sm.out = t.out.String()
	}
	return sm, nil
}

// ---- the tables ----

type feltTable struct {
	tokens, users int
	cols, rows    uint16
	runs          []*feltRun
}

// pct is the nearest-rank percentile p (0..1] of sorted ds.
func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

type figures struct {
	n, silent, misses  int
	med, p99, max, gap time.Duration
	bytesMed, readsMed int
}

func (k *keyStats) figures() figures {
	f := figures{n: len(k.samples), silent: k.silent, misses: k.misses}
	if len(k.samples) == 0 {
		return f
	}
	lats := make([]time.Duration, len(k.samples))
	bs := make([]int, len(k.samples))
	rs := make([]int, len(k.samples))
	for i, s := range k.samples {
		lats[i], bs[i], rs[i] = s.lat, s.bytes, s.reads
		f.gap = max(f.gap, s.gap)
	}
	slices.Sort(lats)
	slices.Sort(bs)
	slices.Sort(rs)
	f.med, f.p99, f.max = median(lats), pct(lats, 0.99), lats[len(lats)-1]
	f.bytesMed, f.readsMed = bs[len(bs)/2], rs[len(rs)/2]
	return f
}

// target is issue 23's: 200,000 tokens median ≤ 16 ms and p99 ≤ 50 ms; 50,000 median ≤ 8 ms.
func target(tokens int) (string, func(figures) bool) {
	if tokens >= 200000 {
		return "med ≤ 16 ms, p99 ≤ 50 ms", func(f figures) bool { return f.med <= 16*time.Millisecond && f.p99 <= 50*time.Millisecond }
	}
	return "med ≤ 8 ms", func(f figures) bool { return f.med <= 8*time.Millisecond }
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

func kib(n int) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/1024)
}

func mib(n int64) string {
	if n <= 0 {
		return "?"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}

func ratio(a, b time.Duration) string {
	if a <= 0 || b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fx", float64(b)/float64(a))
}

// printFelt prints one size's table, beside the target and Go benchmark, or A beside B with their ratio.
func (b *bench) printFelt(ft feltTable) {
	labels := orderedLabels(b.filter)
	fmt.Println()
	fmt.Printf("felt latency: %d tokens (%d users), %dx%d; ms from a key written to the last byte read before %v of quiet; %d presses a key (control: one round in %d); bytes/key and reads: medians; gap: longest pause inside one redraw\n",
		ft.tokens, ft.users, ft.cols, ft.rows, b.quiet, b.reps, controlEvery)
	for _, r := range ft.runs {
		var loads, scans []string
		for _, s := range r.sessions {
			loads = append(loads, s.load)
			scans = append(scans, s.scan.Round(time.Millisecond).String())
		}
		fmt.Printf("%s: %s; %d session(s), load average (1, 5, 15 min) at each start: %s; review scan %s\n",
			r.label, r.bin, len(r.sessions), strings.Join(loads, " | "), strings.Join(scans, ", "))
	}
	var tbl [][]string
	tgt, met := target(ft.tokens)
	if len(ft.runs) == 1 {
		tbl = append(tbl, []string{"key", "median", "p99", "max", "bytes/key", "reads", "gap", "n", "target", "verdict", "Go benchmark (same key)"})
		for _, l := range labels {
			k := ft.runs[0].rows[l]
			if k == nil {
				continue
			}
			f := k.figures()
			if f.n == 0 {
				tbl = append(tbl, []string{l, "-", "-", "-", "0 B", "0", "-", fmt.Sprintf("0 (%d silent)", f.silent), "", silentVerdict(l), ""})
				continue
			}
			v := "MET"
			if !met(f) {
				v = "NOT MET"
			}
			if l == controlLabel {
				v = "WRITES (check)"
			}
			tbl = append(tbl, []string{l, ms(f.med), ms(f.p99), ms(f.max), kib(f.bytesMed), fmt.Sprint(f.readsMed), ms(f.gap), countNote(f), tgt, v, b.goBenchFigure(goBenchOf(l), ft.tokens)})
		}
	} else {
		a, bb := ft.runs[0], ft.runs[1]
		tbl = append(tbl, []string{"key", "A median", "A p99", "A max", "A bytes", "B median", "B p99", "B max", "B bytes", "B/A median", "B/A p99", "n (A; B)"})
		for _, l := range labels {
			ka, kb := a.rows[l], bb.rows[l]
			if ka == nil || kb == nil {
				continue
			}
			fa, fb := ka.figures(), kb.figures()
			tbl = append(tbl, []string{l, ms(fa.med), ms(fa.p99), ms(fa.max), kib(fa.bytesMed), ms(fb.med), ms(fb.p99), ms(fb.max), kib(fb.bytesMed), ratio(fa.med, fb.med), ratio(fa.p99, fb.p99), countNote(fa) + "; " + countNote(fb)})
		}
	}
	printTable(tbl)
	for _, r := range ft.runs {
		printMemory(ft, r)
	}
}

// orderedLabels lists the rows in the order of a round, each once.
func orderedLabels(filter string) []string {
	var out []string
	for _, p := range feltRound(filter, 0) {
		if !slices.Contains(out, p.label) {
			out = append(out, p.label)
		}
	}
	return out
}

func silentVerdict(label string) string {
	if label == controlLabel {
		return "silent, as it must be"
	}
	return "SILENT (no redraw)"
}

func countNote(f figures) string {
	s := fmt.Sprint(f.n)
	if f.silent > 0 {
		s += fmt.Sprintf(" +%d silent", f.silent)
	}
	if f.misses > 0 {
		s += fmt.Sprintf(" (%d without the expected text)", f.misses)
	}
	return s
}

// printMemory prints the console's RSS beside review --format json's peak.
func printMemory(ft feltTable, r *feltRun) {
	var loaded, keys []string
	var peak int64
	for _, s := range r.sessions {
		loaded = append(loaded, fmt.Sprintf("%s (peak %s)", mib(s.rssLoaded), mib(s.hwmLoaded)))
		keys = append(keys, fmt.Sprintf("%s (peak %s)", mib(s.rssKeys), mib(s.hwmKeys)))
		peak = max(peak, s.hwmKeys)
	}
	fmt.Printf("%s memory, %d tokens: console RSS after the scan %s; after the keys %s", r.label, ft.tokens, strings.Join(loaded, ", "), strings.Join(keys, ", "))
	if len(r.jsonPeak) > 0 {
		var js []string
		for _, p := range r.jsonPeak {
			js = append(js, mib(p))
		}
		jp := slices.Max(r.jsonPeak)
		fmt.Printf("; review --format json peak RSS %s", strings.Join(js, ", "))
		if peak > 0 && jp > 0 {
			fmt.Printf("; console peak / json peak %.2fx (issue 23 item 4: ≤ 1.3x)", float64(peak)/float64(jp))
		}
	}
	fmt.Println()
}

// printTable prints rows in columns, the first being the header.
func printTable(rows [][]string) {
	if len(rows) == 0 {
		return
	}
	w := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			w[i] = max(w[i], len([]rune(c)))
		}
	}
	line := func(r []string) {
		var sb strings.Builder
		for i, c := range r {
			if i > 0 {
				sb.WriteString("  ")
			}
			sb.WriteString(c)
			if i < len(r)-1 {
				sb.WriteString(strings.Repeat(" ", w[i]-len([]rune(c))))
			}
		}
		fmt.Println(strings.TrimRight(sb.String(), " "))
	}
	line(rows[0])
	dashes := make([]string, len(w))
	for i, n := range w {
		dashes[i] = strings.Repeat("-", n)
	}
	line(dashes)
	for _, r := range rows[1:] {
		line(r)
	}
}

// goBenchFigure is the Go benchmark's time for a key (the 200k variant at 200,000).
func (b *bench) goBenchFigure(name string, tokens int) string {
	if name == "" || b.goBenches == nil {
		return ""
	}
	if tokens >= 200000 {
		if g, ok := b.goBenches[strings.TrimSuffix(name, "50k")+"200k"]; ok {
			return fmt.Sprintf("%.2f ms (%s)", g.ns/1e6, strings.TrimPrefix(strings.TrimSuffix(name, "50k")+"200k", "Benchmark"))
		}
	}
	if g, ok := b.goBenches[name]; ok {
		return fmt.Sprintf("%.2f ms (%s)", g.ns/1e6, strings.TrimPrefix(name, "Benchmark"))
	}
	return ""
}

// loadAvg is the machine's load average (1, 5 and 15 minutes).
func loadAvg() string {
	f, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	fs := strings.Fields(string(f))
	if len(fs) < 3 {
		return "?"
	}
	return strings.Join(fs[:3], " ")
}
