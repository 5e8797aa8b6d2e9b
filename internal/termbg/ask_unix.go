//go:build linux || darwin

package termbg

import (
	"os"
	"time"

	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/unix"
)

// askTerminal asks only from the foreground process group: reading would stop the program.
func askTerminal(in, out *os.File, timeout time.Duration) []byte {
	fd := int(in.Fd())
	pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
	if err != nil || pgrp != unix.Getpgrp() {
		return nil
	}
	return exchange(in, out, timeout)
}

// exchange reads replies a byte at a time in raw mode until DA1's reply, so
// nothing typed after them is taken from the console.
func exchange(in, out *os.File, timeout time.Duration) []byte {
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return nil
	}
	defer func() { _ = term.Restore(in.Fd(), state) }()
	if _, err := out.WriteString(Query); err != nil {
		return nil
	}
	deadline := time.Now().Add(timeout)
	var got []byte
	b := make([]byte, 1)
	for len(got) < 512 && !answered(got) {
		left := time.Until(deadline)
		if left <= 0 {
			break
		}
		fds := []unix.PollFd{{Fd: int32(in.Fd()), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left/time.Millisecond)+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			break
		}
		if k, err := in.Read(b); err != nil || k == 0 {
			break
		}
		got = append(got, b[0])
	}
	return got
}
