// Command benchtool measures the performance figures against the built
// binary and prints each beside its target. It is run by scripts/bench.sh, which
// builds the binary and runs the Go benchmarks first; run that script
// rather than this program:
//
//	bash scripts/bench.sh
//
// Every server it talks to is a `sonartoken sim` child process on the
// loopback interface, so that the simulator's memory and CPU are not the
// measured process's. The children are stopped when it returns, on SIGINT
// and SIGTERM, and on Linux (Pdeathsig) if it dies. The console
// benchmarks need Linux's pseudo-terminals; the rest builds and runs on
// macOS too, and builds on Windows (proc_*.go, pty_*.go).
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
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sonartoken/sonartoken/client"
)

func main() {
	if len(os.Args) > 3 && os.Args[1] == "rss-child" {
		os.Exit(rssChild(os.Args[2], os.Args[3:]))
	}
	var o opts
	flag.StringVar(&o.bin, "bin", "", "the sonartoken binary to measure (required)")
	flag.StringVar(&o.simBin, "sim-bin", "", "the sonartoken binary that runs `sim --stats` (default -bin): to measure an older -bin, before and after, against the same servers")
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
	flag.StringVar(&o.only, "only", "", "comma-separated steps to run: review, tui, sparse, start, silent, list, memory (default all)")
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
	bin, simBin, gobench, goVersion, only string
	users, tokens, memTokens              int
	latency                               time.Duration
	concurrency, runs, startRuns, sample  int
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
