// Command benchtool measures sonartoken's performance beside its targets (README).
// Servers are `sonartoken sim` children, so their memory and CPU are not measured.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sonartoken/sonartoken/client"
)

// steps are the parts of a run, in the order they run.
var steps = []string{"gobench", "review", "tui", "sparse", "start", "silent", "list", "memory", "felt"}

func main() {
	if len(os.Args) > 3 && os.Args[1] == "rss-child" {
		os.Exit(rssChild(os.Args[2], os.Args[3:]))
	}
	var o opts
	var feltTokens string
	var quick bool
	flag.StringVar(&o.bin, "bin", "", "the sonartoken binary to measure (default: built from this tree)")
	flag.StringVar(&o.binB, "bin-b", "", "a second binary for the felt-latency benchmark: the two run alternately (A-B-A-B) and the table shows both and B/A")
	flag.StringVar(&o.revB, "rev-b", "", "a git commit to build -bin-b from (git archive into a temporary folder, then go build)")
	flag.StringVar(&o.simBin, "sim-bin", "", "the sonartoken binary that runs `sim --stats` (default -bin): this tree's sim when -bin is an older build")
	flag.StringVar(&o.gobench, "gobench", "", "output of `go test -bench` to read the rendering figures from (default: run them, step gobench)")
	flag.StringVar(&o.goVersion, "go-version", runtime.Version(), "Go version to print")
	flag.IntVar(&o.users, "users", 10000, "users of the review's simulator")
	flag.IntVar(&o.tokens, "tokens", 20000, "tokens of the review's simulator")
	flag.IntVar(&o.memTokens, "mem-tokens", 50000, "tokens of the memory run's simulator")
	flag.DurationVar(&o.latency, "latency", 20*time.Millisecond, "latency the review's simulator adds to each request")
	flag.IntVar(&o.concurrency, "concurrency", client.DefaultScanConcurrency, "review --concurrency")
	flag.IntVar(&o.runs, "runs", 3, "runs of each review measurement (the median is judged)")
	flag.IntVar(&o.startRuns, "start-runs", 15, "runs of each start-up measurement")
	flag.IntVar(&o.sample, "sequential-sample", 0, "measure the sequential baseline on the first N users only and extrapolate (0: every user)")
	flag.BoolVar(&quick, "quick", false, "quick round-trip figures: -sequential-sample 1000 -runs 1 -start-runs 5, and no felt step unless -only names it")
	flag.StringVar(&o.only, "only", "", "comma-separated steps to run: "+strings.Join(steps, ", ")+" (default all)")
	flag.StringVar(&o.size, "size", "200x50", "felt: the terminal's COLSxROWS (issue 23 asks 200x50; 80x24 too)")
	flag.StringVar(&feltTokens, "felt-tokens", "50000,200000", "felt: the sims' token counts (users: a fifth of each)")
	flag.IntVar(&o.reps, "reps", 100, "felt: presses of each key per binary (100 at least, for a p99 that is not the max)")
	flag.IntVar(&o.rounds, "rounds", 2, "felt with -bin-b: console sessions per binary, alternating A, B, A, B (the presses are split over them)")
	flag.DurationVar(&o.quiet, "quiet", 200*time.Millisecond, "felt: a key's redraw has ended when the output has been quiet this long after its last byte (well under the cursor's 530 ms blink)")
	flag.DurationVar(&o.firstByte, "first-byte", 30*time.Second, "felt: how long a key that redraws may take to its first byte before it counts as silent (lost)")
	flag.DurationVar(&o.silentWait, "silent-wait", time.Second, "felt: how long the control key, bound to nothing, must write nothing")
	flag.StringVar(&o.filter, "filter", "ci", "felt: the characters typed into the filter, then erased; several queries of one length, comma-separated, are typed a round each in turn (a query not typed the round before is searched afresh)")
	flag.BoolVar(&o.feltMemory, "felt-memory", true, "felt: also the peak RSS of review --format json on each sim, after each session")
	flag.Parse()
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if quick {
		if !set["sequential-sample"] {
			o.sample = 1000
		}
		if !set["runs"] {
			o.runs = 1
		}
		if !set["start-runs"] {
			o.startRuns = 5
		}
		if o.only == "" {
			o.only = strings.Join(slices.DeleteFunc(slices.Clone(steps), func(s string) bool { return s == "felt" }), ",")
		}
	}
	for _, p := range strings.Split(feltTokens, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "benchtool: -felt-tokens %q: want counts such as 50000,200000\n", feltTokens)
			os.Exit(2)
		}
		o.feltTokens = append(o.feltTokens, n)
	}
	if o.only != "" {
		for _, st := range strings.Split(o.only, ",") {
			if !slices.Contains(steps, st) {
				fmt.Fprintf(os.Stderr, "benchtool: -only: no step %q (steps: %s)\n", st, strings.Join(steps, ", "))
				os.Exit(2)
			}
		}
	}
	if qs := strings.Split(o.filter, ","); slices.ContainsFunc(qs, func(q string) bool { return q == "" || len([]rune(q)) != len([]rune(qs[0])) }) {
		fmt.Fprintf(os.Stderr, "benchtool: -filter %q: want queries of one length, such as ci or ci,ma\n", o.filter)
		os.Exit(2)
	}
	if o.binB != "" && o.revB != "" {
		fmt.Fprintln(os.Stderr, "benchtool: -bin-b and -rev-b name the same binary: give one")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	b := &bench{opts: o, tmp: must(os.MkdirTemp("", "sonartoken-bench-"))}
	err := b.prepare(ctx)
	if err == nil {
		err = b.run(ctx)
	}
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
	bin, simBin, gobench, goVersion, only string
	binB, revB, size, filter              string
	users, tokens, memTokens              int
	latency, quiet, firstByte, silentWait time.Duration
	concurrency, runs, startRuns, sample  int
	reps, rounds                          int
	feltTokens                            []int
	feltMemory                            bool
}

type row struct {
	figure, measured, target, verdict string
}

type bench struct {
	opts
	tmp       string
	rows      []row
	goBenches map[string]goBench // from -gobench, by name

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
	if b.gobench != "" && b.want("gobench") {
		if err := b.rendering(); err != nil {
			return err
		}
	}
	if b.want("review") || b.want("tui") {
		if err := b.review(ctx); err != nil {
			return err
		}
	}
	if b.want("sparse") {
		if err := b.sparse(ctx); err != nil {
			return err
		}
	}
	if b.want("start") || b.want("silent") || b.want("list") {
		if err := b.start(ctx); err != nil {
			return err
		}
	}
	if b.want("memory") {
		if err := b.memory(ctx); err != nil {
			return err
		}
	}
	if b.want("felt") {
		if err := b.felt(ctx); err != nil {
			return err
		}
	}
	b.print(machine)
	return nil
}

// machineLine says what the figures were measured on, load included.
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
	load := loadAvg()
	return fmt.Sprintf("%d CPUs (nproc), %s, %s %s/%s, load average %s at start",
		runtime.NumCPU(), cpu, goVersion, runtime.GOOS, runtime.GOARCH, load)
}

func (b *bench) print(machine string) {
	if len(b.rows) == 0 {
		fmt.Println()
		fmt.Println("sonartoken benchmarks")
		fmt.Println("machine:", machine)
		return
	}
	w := [3]int{len("figure"), len("measured"), len("target")}
	for _, r := range b.rows {
		w[0], w[1], w[2] = max(w[0], len([]rune(r.figure))), max(w[1], len([]rune(r.measured))), max(w[2], len([]rune(r.target)))
	}
	pad := func(s string, n int) string { return s + strings.Repeat(" ", max(0, n-len([]rune(s)))) }
	fmt.Println()
	fmt.Println("sonartoken benchmarks")
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
