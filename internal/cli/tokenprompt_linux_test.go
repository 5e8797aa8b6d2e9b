package cli

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/sonartoken/sonartoken/internal/ptytest"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// lockedBuffer is standard error, written by the command while the test
// reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// --token-file - on a terminal asks on standard error and reads the token
// with echo off: what is typed never shows on the screen.
func TestTokenFromTerminalWithoutEcho(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	master, slave := ptytest.Open(t)
	var out bytes.Buffer
	var errb lockedBuffer
	a := &app{io: IO{
		In: slave, Out: &out, Err: &errb,
		Getenv: func(k string) string { return map[string]string{"SONAR_HOST_URL": e.url}[k] },
		Now:    func() time.Time { return now },
	}.withDefaults(), tui: func(context.Context, tuiParams) error { return nil }}
	var screen lockedBuffer
	go func() { _, _ = io.Copy(&screen, master) }()
	done := make(chan int, 1)
	go func() { done <- a.run(context.Background(), []string{"list", "--token-file", "-"}) }()

	// Wait until echo is off, then type the token.
	echoOff := false
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
		if err == nil && tio.Lflag&unix.ECHO == 0 {
			echoOff = true
			break
		}
	}
	token := e.sim.AdminToken()
	if _, err := io.WriteString(master, token+"\n"); err != nil {
		t.Fatal(err)
	}
	var code int
	select {
	case code = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("list --token-file - still waits after the token was typed")
	}
	// What the terminal showed: never the token.
	time.Sleep(100 * time.Millisecond)
	if !echoOff {
		t.Error("echo was never turned off while the token was read")
	}
	if strings.Contains(screen.String(), token) {
		t.Errorf("the terminal echoed the token: %q", screen.String())
	}
	if !strings.Contains(errb.String(), "Token (input hidden): ") {
		t.Errorf("no prompt on standard error: %q", errb.String())
	}
	if code != ExitOK || !strings.Contains(out.String(), "laptop") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out.String(), errb.String())
	}
	// The terminal is left as it was found: echo on again.
	if tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS); err != nil || tio.Lflag&unix.ECHO == 0 {
		t.Errorf("echo left off (%v)", err)
	}
}

// Ctrl-C (the run's context cancelled, as SIGINT does) while the token is
// asked for ends the run at once and gives the terminal its echo back.
func TestTokenPromptInterrupted(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	_, slave := ptytest.Open(t)
	var errb lockedBuffer
	a := &app{io: IO{
		In: slave, Err: &errb,
		Getenv: func(k string) string { return map[string]string{"SONAR_HOST_URL": e.url}[k] },
		Now:    func() time.Time { return now },
	}.withDefaults(), tui: func(context.Context, tuiParams) error { return nil }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- a.run(ctx, []string{"list", "--token-file", "-"}) }()
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS); err == nil && tio.Lflag&unix.ECHO == 0 {
			break
		}
	}
	cancel()
	select {
	case code := <-done:
		if code == ExitOK {
			t.Errorf("exit %d after an interrupt", code)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("the prompt ignores the interrupt")
	}
	if tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS); err != nil || tio.Lflag&unix.ECHO == 0 {
		t.Errorf("echo left off after the interrupt (%v)", err)
	}
}
