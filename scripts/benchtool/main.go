// Command benchtool measures issue 8's figures against the built binary and
// prints each beside its target. It is run by scripts/bench.sh, which
// builds the binary and runs the Go benchmarks first; run that script
// rather than this program:
//
//	bash scripts/bench.sh
//
// Every server it talks to is a `sonartoken sim` child process on the
// loopback interface, so that the simulator's memory and CPU are not the
// measured process's. The children are stopped when it returns, on SIGINT
// and SIGTERM, and (Pdeathsig) if it dies.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

func main() {
	if len(os.Args) > 3 && os.Args[1] == "rss-child" {
		os.Exit(rssChild(os.Args[2], os.Args[3:]))
	}
	var o opts
	flag.StringVar(&o.bin, "bin", "", "the sonartoken binary to measure (required)")
	flag.StringVar(&o.gobench, "gobench", "", "output of `go test -bench` to read the rendering figures from")
	flag.StringVar(&o.goVersion, "go-version", runtime.Version(), "Go version to print")
	flag.IntVar(&o.users, "users", 10000, "users of the review's simulator")
	flag.IntVar(&o.tokens, "tokens", 20000, "tokens of the review's simulator")
	flag.IntVar(&o.memTokens, "mem-tokens", 50000, "tokens of the memory run's simulator")
	flag.DurationVar(&o.latency, "latency", 20*time.Millisecond, "latency the review's simulator adds to each request")
	flag.IntVar(&o.concurrency, "concurrency", client.DefaultScanConcurrency, "review --concurrency")
	flag.IntVar(&o.runs, "runs", 3, "runs of each review measurement (the median is judged)")
	flag.IntVar(&o.startRuns, "start-runs", 15, "runs of each start-up measurement")
	flag.IntVar(&o.sample, "sequential-sample", 0, "measure the sequential baseline on the first N users only and extrapolate (0: every user)")
	flag.StringVar(&o.only, "only", "", "comma-separated steps to run: review, tui, start, list, memory (default all)")
	flag.Parse()
	if o.bin == "" {
		fmt.Fprintln(os.Stderr, "benchtool: -bin is required")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	b := &bench{opts: o, tmp: must(os.MkdirTemp("", "sonartoken-bench-"))}
	err := b.run(ctx)
	b.stopAll()
	_ = os.RemoveAll(b.tmp)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(1)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(1)
	}
	return v
}

type opts struct {
	bin, gobench, goVersion, only        string
	users, tokens, memTokens             int
	latency                              time.Duration
	concurrency, runs, startRuns, sample int
}

// row is one line of the final table.
type row struct {
	figure, measured, target, verdict string
}

type bench struct {
	opts
	tmp  string
	rows []row

	mu   sync.Mutex
	sims []*exec.Cmd
}

func (b *bench) want(step string) bool {
	if b.only == "" {
		return true
	}
	return slices.Contains(strings.Split(b.only, ","), step)
}

func (b *bench) add(figure, measured, target string, met *bool) {
	v := "n/a"
	if met != nil {
		v = "MET"
		if !*met {
			v = "NOT MET"
		}
	}
	b.rows = append(b.rows, row{figure, measured, target, v})
}

func ptr[T any](v T) *T { return &v }

func logf(format string, args ...any) { fmt.Fprintf(os.Stderr, "· "+format+"\n", args...) }

func (b *bench) run(ctx context.Context) error {
	machine := machineLine(b.goVersion)
	logf("%s", machine)
	if b.gobench != "" {
		if err := b.rendering(); err != nil {
			return err
		}
	}
	if b.want("review") || b.want("tui") {
		if err := b.review(ctx); err != nil {
			return err
		}
	}
	if b.want("start") || b.want("list") {
		if err := b.start(ctx); err != nil {
			return err
		}
	}
	if b.want("memory") {
		if err := b.memory(ctx); err != nil {
			return err
		}
	}
	b.print(machine)
	return nil
}

// machineLine says what the figures were measured on: CPUs, CPU model,
// Go, and the load when the run started (other work on a shared machine
// slows every figure).
func machineLine(goVersion string) string {
	cpu := "unknown CPU"
	if f, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(f), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	load := "?"
	if f, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(f))[:3], " ")
	}
	return fmt.Sprintf("%d CPUs (nproc), %s, %s %s/%s, load average %s at start",
		runtime.NumCPU(), cpu, goVersion, runtime.GOOS, runtime.GOARCH, load)
}

func (b *bench) print(machine string) {
	w := [3]int{len("figure"), len("measured"), len("target")}
	for _, r := range b.rows {
		w[0], w[1], w[2] = max(w[0], len([]rune(r.figure))), max(w[1], len([]rune(r.measured))), max(w[2], len([]rune(r.target)))
	}
	pad := func(s string, n int) string { return s + strings.Repeat(" ", max(0, n-len([]rune(s)))) }
	fmt.Println()
	fmt.Println("sonartoken benchmarks (issue 8)")
	fmt.Println("machine:", machine)
	fmt.Println()
	fmt.Printf("%s  %s  %s  %s\n", pad("figure", w[0]), pad("measured", w[1]), pad("target", w[2]), "verdict")
	fmt.Printf("%s  %s  %s  %s\n", strings.Repeat("-", w[0]), strings.Repeat("-", w[1]), strings.Repeat("-", w[2]), "-------")
	for _, r := range b.rows {
		fmt.Printf("%s  %s  %s  %s\n", pad(r.figure, w[0]), pad(r.measured, w[1]), pad(r.target, w[2]), r.verdict)
	}
}

// ---- rendering: read from the Go benchmarks' output ----

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)$`)

type goBench struct {
	ns            float64
	bytes, allocs string
	extra         string
}

func (b *bench) rendering() error {
	f, err := os.Open(b.gobench)
	if err != nil {
		return err
	}
	defer f.Close()
	got := map[string]goBench{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[2], 64)
		g := goBench{ns: ns}
		fs := strings.Fields(m[3])
		for i := 1; i < len(fs); i++ {
			switch fs[i] {
			case "B/op":
				g.bytes = fs[i-1]
			case "allocs/op":
				g.allocs = fs[i-1]
			case "lines/frame":
				g.extra = fs[i-1] + " lines"
			}
		}
		got[m[1]] = g // the last run of a name wins
	}
	ms := func(ns float64) string { return fmt.Sprintf("%.3f ms", ns/1e6) }
	alloc := func(g goBench) string {
		if g.bytes == "" {
			return ""
		}
		return fmt.Sprintf(", %s B/op, %s allocs/op", g.bytes, g.allocs)
	}
	rows := []struct {
		name, figure, target string
		limit                float64
	}{
		{"BenchmarkReviewView50k", "render: review frame (View), 50,000 rows", "< 2 ms", 2e6},
		{"BenchmarkReviewFilterKeystroke50k", "render: filter keystroke + frame, 50,000 rows", "< 10 ms", 10e6},
		{"BenchmarkReviewQuickFilter50k", "render: quick-filter key + frame, 50,000 rows", "< 10 ms", 10e6},
		{"BenchmarkReviewAppendBatchAt50k", "render: one user's batch streamed in at 50,000", "(keeps up with the scan)", 0},
		{"BenchmarkView50k", "render: own-tokens table frame, 50,000 rows", "< 2 ms", 2e6},
	}
	for _, r := range rows {
		g, ok := got[r.name]
		if !ok {
			b.add(r.figure, "not run ("+r.name+")", r.target, ptr(false))
			continue
		}
		var met *bool
		if r.limit > 0 {
			met = ptr(g.ns < r.limit)
		}
		b.add(r.figure, ms(g.ns)+alloc(g), r.target, met)
	}
	v50, ok50 := got["BenchmarkReviewView50k"]
	v5, ok5 := got["BenchmarkReviewView5k"]
	if ok50 && ok5 {
		ratio := v50.ns / v5.ns
		b.add("render: only visible rows (frame 50k vs 5k rows)",
			fmt.Sprintf("%.2fx the time, %s per frame", ratio, v50.extra),
			"~1x, ≤ screen height", ptr(ratio < 1.5))
	}
	return nil
}

// ---- simulators ----

type sim struct {
	url, token string
	cmd        *exec.Cmd
}

// startSim runs `sonartoken sim` with args and reads its two first lines.
func (b *bench) startSim(ctx context.Context, args ...string) (*sim, error) {
	cmd := exec.Command(b.bin, append([]string{"sim"}, args...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	cmd.Env = b.env(nil)
	cmd.Stderr = io.Discard
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	b.mu.Lock()
	b.sims = append(b.sims, cmd)
	b.mu.Unlock()
	s := &sim{cmd: cmd}
	lines := make(chan error, 1)
	go func() {
		r := bufio.NewReader(out)
		for s.url == "" || s.token == "" {
			l, err := r.ReadString('\n')
			if err != nil {
				lines <- fmt.Errorf("sim %v: %w", args, err)
				return
			}
			l = strings.TrimSpace(l)
			if v, ok := strings.CutPrefix(l, "SONAR_HOST_URL="); ok {
				s.url = v
			} else if v, ok := strings.CutPrefix(l, "SONAR_TOKEN="); ok {
				s.token = v
			}
		}
		lines <- nil
		_, _ = io.Copy(io.Discard, r)
	}()
	select {
	case err := <-lines:
		if err != nil {
			return nil, err
		}
	case <-time.After(60 * time.Second):
		return nil, fmt.Errorf("sim %v: no address after 60 s", args)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return s, nil
}

func (b *bench) stopSim(s *sim) {
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
	_ = s.cmd.Wait()
	b.mu.Lock()
	b.sims = slices.DeleteFunc(b.sims, func(c *exec.Cmd) bool { return c == s.cmd })
	b.mu.Unlock()
}

func (b *bench) stopAll() {
	b.mu.Lock()
	sims := b.sims
	b.sims = nil
	b.mu.Unlock()
	for _, c := range sims {
		_ = syscall.Kill(-c.Process.Pid, syscall.SIGTERM)
		_ = c.Wait()
	}
}

// env is the measured binary's environment: a fresh HOME (no profile,
// no keychain entry, no configuration of the person running this), the
// simulator's URL and token, and nothing that makes it colourless.
func (b *bench) env(s *sim) []string {
	home := filepath.Join(b.tmp, "home")
	_ = os.MkdirAll(home, 0o700)
	env := []string{
		"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8",
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"TERM=xterm-256color",
	}
	if s != nil {
		env = append(env, "SONAR_HOST_URL="+s.url, "SONAR_TOKEN="+s.token)
	}
	return env
}

func (s *sim) client() (*client.Client, error) {
	return client.New(client.Options{BaseURL: s.url, Token: model.NewSecret(s.token), Timeout: time.Minute})
}

// ---- review ----

// timed runs the binary with args and returns the wall time and stdout.
func (b *bench) timed(ctx context.Context, s *sim, args ...string) (time.Duration, []byte, error) {
	cmd := exec.CommandContext(ctx, b.bin, args...)
	cmd.Env = b.env(s)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	el := time.Since(start)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %v: %w: %s", filepath.Base(b.bin), args, err, errb.String())
	}
	return el, out.Bytes(), nil
}

// peakRSS runs the binary with args through `benchtool rss-child` and
// returns its peak RSS and how many times stdout holds count.
//
// Why a helper process: Go starts children with vfork (CLONE_VM), and
// Linux records the hiwater RSS of the memory the child leaves at exec,
// the parent's, in the child's ru_maxrss. Measured from this process,
// which has held the review's output, a 45 MB review read 80 MB. The
// helper is a fresh process of a few MB; what it adds is only a floor.
func (b *bench) peakRSS(ctx context.Context, s *sim, count string, args ...string) (int64, int, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, 0, err
	}
	f := filepath.Join(b.tmp, "maxrss")
	cmd := exec.CommandContext(ctx, self, append([]string{"rss-child", f, b.bin}, args...)...)
	cmd.Env = b.env(s)
	cw := &counter{pat: []byte(count)}
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = cw, &errb
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s %v: %w: %s", filepath.Base(b.bin), args, err, errb.String())
	}
	raw, err := os.ReadFile(f)
	if err != nil {
		return 0, 0, err
	}
	kb, err := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
	return kb * 1024, cw.n, err
}

// rssChild is the helper of peakRSS: it runs argv with its own standard
// streams and writes the child's ru_maxrss (KB) to outFile.
func rssChild(outFile string, argv []string) int {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "rss-child:", err)
		return 1
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 1
	}
	if werr := os.WriteFile(outFile, []byte(strconv.FormatInt(ru.Maxrss, 10)), 0o600); werr != nil {
		return 1
	}
	if err != nil {
		return 1
	}
	return 0
}

// counter counts the occurrences of pat in what is written, keeping none
// of it.
type counter struct {
	pat   []byte
	carry []byte
	n     int
}

func (c *counter) Write(p []byte) (int, error) {
	buf := append(c.carry, p...)
	c.n += bytes.Count(buf, c.pat)
	keep := min(len(buf), len(c.pat)-1)
	c.carry = append(c.carry[:0:0], buf[len(buf)-keep:]...)
	return len(p), nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func millis(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func list(ds []time.Duration, f func(time.Duration) string) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = f(d)
	}
	return strings.Join(parts, ", ")
}

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
	// The counts the floor is made of, read from the server as the review
	// sees it: active users (api/users/search's total) and those whose
	// tokensCount is above 0.
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
	floor := client.ScanFloor(users, withTokens, client.MaxPageSize, b.concurrency, b.latency)
	logf("review: %d active users, %d with tokens (%.1f%%), %d tokens; floor (%d pages + %d searches)/%d × %v = %v",
		users, withTokens, 100*float64(withTokens)/float64(users), tokens, pages, withTokens, b.concurrency, b.latency, floor)

	if b.want("tui") {
		if err := b.tuiReview(ctx, s, logins); err != nil {
			return err
		}
	}
	if !b.want("review") {
		return nil
	}

	var walls []time.Duration
	for i := range b.runs {
		el, out, err := b.timed(ctx, s, "review", "--json", "--concurrency", fmt.Sprint(b.concurrency))
		if err != nil {
			return err
		}
		var arr []json.RawMessage
		if err := json.Unmarshal(out, &arr); err != nil || len(arr) != tokens {
			return fmt.Errorf("review --json run %d: %d tokens (%v), the server has %d", i+1, len(arr), err, tokens)
		}
		logf("review --json run %d: %v", i+1, el)
		walls = append(walls, el)
	}
	med := median(walls)
	ratio := float64(med) / float64(floor)
	b.add(fmt.Sprintf("review --json wall, %d users / %d tokens / %v, concurrency %d", users, tokens, b.latency, b.concurrency),
		fmt.Sprintf("median %s of %d (%s)", secs(med), len(walls), list(walls, secs)), "", nil)
	b.add(fmt.Sprintf("review: floor = (%d pages + %d token searches)/%d × %v", pages, withTokens, b.concurrency, b.latency),
		secs(floor), "", nil)
	b.add("review: wall / floor (median; best run)",
		fmt.Sprintf("%.2fx; %.2fx", ratio, float64(slices.Min(walls))/float64(floor)), "≤ 1.3x", ptr(ratio <= 1.3))

	// The naive review: one request at a time, a token search for every
	// user (client.ScanSequential), in this process, over the same server.
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
		all, err := sc.ScanSequential(ctx, client.MaxPageSize)
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

// ---- the console in a pseudo-terminal ----

// tuiReview opens the console against the review's simulator, waits for
// its first frame, presses R, and times until a row of another user than
// admin is on the screen: the first batch of the review rendered.
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
	// Without a review screen, the closest figure: the time to the first
	// batch of client.ScanAllTokens, which the screen would render.
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

// ownTokenNames lists the names of admin's tokens, long enough not to
// appear by chance elsewhere on the screen.
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

// ---- start-up ----

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

type tui struct {
	cmd    *exec.Cmd
	master *os.File
	start  time.Time

	mu      sync.Mutex
	out     strings.Builder
	changed chan struct{}
	done    chan struct{}
}

// openTUI starts the console in a 120×40 pseudo-terminal. The clock starts
// right before the process does.
func (b *bench) openTUI(ctx context.Context, s *sim) (*tui, error) {
	master, slave, err := openPTY(120, 40)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(b.bin)
	cmd.Env = b.env(s)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0, Pdeathsig: syscall.SIGKILL}
	t := &tui{cmd: cmd, master: master, changed: make(chan struct{}, 1), done: make(chan struct{})}
	t.start = time.Now()
	if err := cmd.Start(); err != nil {
		master.Close()
		slave.Close()
		return nil, err
	}
	slave.Close()
	go t.read()
	return t, nil
}

// read collects the terminal's output and answers the queries a terminal
// answers (background colour, cursor position, device attributes), as a
// real terminal would at once.
func (t *tui) read() {
	defer close(t.done)
	buf := make([]byte, 64<<10)
	for {
		n, err := t.master.Read(buf)
		if n > 0 {
			chunk := string(buf[:n])
			if strings.Contains(chunk, "\x1b]11;?") {
				_, _ = t.master.WriteString("\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\")
			}
			if strings.Contains(chunk, "\x1b]10;?") {
				_, _ = t.master.WriteString("\x1b]10;rgb:dddd/dddd/dddd\x1b\\")
			}
			if strings.Contains(chunk, "\x1b[6n") {
				_, _ = t.master.WriteString("\x1b[1;1R")
			}
			if strings.Contains(chunk, "\x1b[c") || strings.Contains(chunk, "\x1b[0c") {
				_, _ = t.master.WriteString("\x1b[?62;22c")
			}
			t.mu.Lock()
			t.out.WriteString(chunk)
			t.mu.Unlock()
			select {
			case t.changed <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// waitFor waits until the output since the last send satisfies ok, and
// returns the time since the process started.
func (t *tui) waitFor(ctx context.Context, limit time.Duration, ok func(string) bool) (time.Duration, error) {
	deadline := time.After(limit)
	for {
		t.mu.Lock()
		hit := ok(t.out.String())
		t.mu.Unlock()
		if hit {
			return time.Since(t.start), nil
		}
		select {
		case <-t.changed:
		case <-t.done:
			t.mu.Lock()
			hit := ok(t.out.String())
			t.mu.Unlock()
			if hit {
				return time.Since(t.start), nil
			}
			return 0, fmt.Errorf("the console exited; its output ended with %q", tail(t))
		case <-deadline:
			return 0, fmt.Errorf("not within %v; output ends with %q", limit, tail(t))
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

func tail(t *tui) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.out.String()
	return s[max(0, len(s)-400):]
}

// send clears the collected output, types keys and returns when it did.
func (t *tui) send(keys string) time.Time {
	t.mu.Lock()
	t.out.Reset()
	t.mu.Unlock()
	at := time.Now()
	_, _ = t.master.WriteString(keys)
	return at
}

func (t *tui) close() {
	_, _ = t.master.WriteString("\x03") // ctrl+c
	select {
	case <-t.done:
	case <-time.After(2 * time.Second):
	}
	_ = t.cmd.Process.Kill()
	_ = t.cmd.Wait()
	_ = t.master.Close()
}
