package termbg

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/sonartoken/sonartoken/internal/ptytest"
)

// TestExchange plays a multiplexer on a pseudo-terminal: the replies are
// read up to DA1's and no further, so what the user types next stays for
// the console, and the terminal leaves raw mode.
func TestExchange(t *testing.T) {
	master, slave := ptytest.Open(t)
	before, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, len(Query))
		n := 0
		for n < len(buf) {
			k, err := master.Read(buf[n:])
			if err != nil {
				return
			}
			n += k
		}
		_, _ = master.WriteString("\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?1;2cq")
	}()
	start := time.Now()
	got := exchange(slave, slave, 2*time.Second)
	if want := "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?1;2c"; string(got) != want {
		t.Fatalf("read %q, want %q", got, want)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v: the DA1 reply should end the wait", d)
	}
	after, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != before.Lflag {
		t.Errorf("terminal modes %#x, want %#x restored", after.Lflag, before.Lflag)
	}
	if n, err := unix.IoctlGetInt(int(slave.Fd()), unix.TIOCINQ); err != nil || n != 1 {
		t.Errorf("%d bytes (%v) left for the console, want 1 (the q typed after)", n, err)
	}
}

// TestExchangeSilent: a terminal that answers nothing costs the timeout,
// no more.
func TestExchangeSilent(t *testing.T) {
	_, slave := ptytest.Open(t)
	start := time.Now()
	if got := exchange(slave, slave, 150*time.Millisecond); len(got) != 0 {
		t.Errorf("read %q from a silent terminal", got)
	}
	if d := time.Since(start); d < 150*time.Millisecond || d > time.Second {
		t.Errorf("took %v, want the timeout (150ms)", d)
	}
}
