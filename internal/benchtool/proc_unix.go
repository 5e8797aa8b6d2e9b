//go:build unix && !linux

package main

import (
	"os"
	"syscall"
)

// simAttr: no Pdeathsig outside Linux; stopAll and the signal handler stop it.
func simAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// tuiAttr gives the console its own session on the pty.
func tuiAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
}

func terminate(p *os.Process) { _ = syscall.Kill(-p.Pid, syscall.SIGTERM) }

func maxRSSKB(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return ru.Maxrss / 1024, true // bytes on macOS and the BSDs
}

// procRSS is Linux's only (/proc): the memory rows say "?" elsewhere.
func procRSS(int) (rss, peak int64, ok bool) { return 0, 0, false }
