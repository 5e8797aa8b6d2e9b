package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

type sim struct {
	url, token string
	cmd        *exec.Cmd
}

// startSim runs `sonartoken sim` with args and reads its two first lines.
func (b *bench) startSim(ctx context.Context, args ...string) (*sim, error) {
	// --stats: the review's floor is counted on the server.
	bin := b.bin
	if b.simBin != "" {
		bin = b.simBin
	}
	cmd := exec.Command(bin, append([]string{"sim", "--stats"}, args...)...)
	cmd.SysProcAttr = simAttr()
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
	terminate(s.cmd.Process)
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
		terminate(c.Process)
		_ = c.Wait()
	}
}

// env is a fresh HOME, the sim's URL and token, and nothing that removes colour.
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

// stats reads and resets the simulator's counts.
func (s *sim) stats(ctx context.Context) (sonarsim.Stats, error) {
	var st sonarsim.Stats
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(s.url, "/")+sonarsim.StatsPath+"?reset=1", nil)
	if err != nil {
		return st, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return st, fmt.Errorf("sim stats: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return st, fmt.Errorf("sim stats: %s", res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(&st); err != nil {
		return st, fmt.Errorf("sim stats: %w", err)
	}
	return st, nil
}

func (s *sim) client() (*client.Client, error) {
	return client.New(client.Options{BaseURL: s.url, Token: model.NewSecret(s.token), Timeout: time.Minute})
}

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

// peakRSS measures through a `benchtool rss-child` helper: Go forks with vfork, and
// Linux charges the parent's hiwater RSS to the child (a 45 MB review read 80 MB).
func (b *bench) peakRSS(ctx context.Context, s *sim, count string, args ...string) (int64, int, error) {
	return b.peakRSSOf(ctx, b.bin, s, count, args...)
}

func (b *bench) peakRSSOf(ctx context.Context, bin string, s *sim, count string, args ...string) (int64, int, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, 0, err
	}
	f := filepath.Join(b.tmp, "maxrss")
	cmd := exec.CommandContext(ctx, self, append([]string{"rss-child", f, bin}, args...)...)
	cmd.Env = b.env(s)
	cw := &counter{pat: []byte(count)}
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = cw, &errb
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s %v: %w: %s", filepath.Base(bin), args, err, errb.String())
	}
	raw, err := os.ReadFile(f)
	if err != nil {
		return 0, 0, err
	}
	kb, err := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
	return kb * 1024, cw.n, err
}

// rssChild runs argv and writes its ru_maxrss (KB) to outFile.
func rssChild(outFile string, argv []string) int {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "rss-child:", err)
		return 1
	}
	kb, ok := maxRSSKB(cmd.ProcessState)
	if !ok {
		return 1
	}
	if werr := os.WriteFile(outFile, []byte(strconv.FormatInt(kb, 10)), 0o600); werr != nil {
		return 1
	}
	if err != nil {
		return 1
	}
	return 0
}

// counter counts pat in what is written, keeping none of it.
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
