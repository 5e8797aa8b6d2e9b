//go:build linux || darwin

package termbg

import (
	"os"
	"time"

	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/unix"
)

// askTerminal sends Query and returns the replies, unless the program is
// not in the terminal's foreground process group (reading would stop it).
func askTerminal(in, out *os.File, timeout time.Duration) []byte {
	fd := int(in.Fd())
	pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
	if err != nil || pgrp != unix.Getpgrp() {
		return nil
	}
	return exchange(in, out, timeout)
}

// exchange puts in in raw mode, writes Query to out and reads the
// replies a byte at a time, so that nothing typed after them is taken from
// the console, until DA1's reply or timeout.
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
