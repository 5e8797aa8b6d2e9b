package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

type tui struct {
	cmd    *exec.Cmd
	master *os.File
	start  time.Time

	// silent: the terminal answers no query, as under script(1).
	silent bool

	mu  sync.Mutex
	out strings.Builder // the output since the last send
	// reads are each read's time and size since the last send.
	reads   []read
	changed chan struct{}
	done    chan struct{}
}

type read struct {
	at time.Time
	n  int
}

type termSpec struct {
	bin        string // the console binary
	cols, rows uint16
	silent     bool // answer no query
}

// openTUI starts the console in a 120×40 pty; the clock starts right before.
func (b *bench) openTUI(ctx context.Context, s *sim) (*tui, error) {
	return b.openTerm(ctx, s, termSpec{bin: b.bin, cols: 120, rows: 40})
}

// openTUIWith is openTUI in a terminal that answers no query when silent.
func (b *bench) openTUIWith(ctx context.Context, s *sim, silent bool) (*tui, error) {
	return b.openTerm(ctx, s, termSpec{bin: b.bin, cols: 120, rows: 40, silent: silent})
}

// openTerm starts the console as spec says, against s.
func (b *bench) openTerm(_ context.Context, s *sim, spec termSpec) (*tui, error) {
	master, slave, err := openPTY(spec.cols, spec.rows)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(spec.bin)
	cmd.Env = b.env(s)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = tuiAttr()
	t := &tui{cmd: cmd, master: master, silent: spec.silent, changed: make(chan struct{}, 1), done: make(chan struct{})}
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

// read collects output and answers terminal queries at once, as a real terminal.
func (t *tui) read() {
	defer close(t.done)
	buf := make([]byte, 64<<10)
	for {
		n, err := t.master.Read(buf)
		if n > 0 {
			at := time.Now()
			chunk := string(buf[:n])
			if t.silent {
				chunk = "" // answer nothing; keep the output below
			}
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
			t.out.Write(buf[:n])
			t.reads = append(t.reads, read{at: at, n: n})
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

// waitFor waits until ok holds for the output since the last send.
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
	t.reads = t.reads[:0]
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
