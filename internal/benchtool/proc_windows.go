package main

import (
	"os"
	"syscall"
)

// simAttr needs nothing on Windows: terminate stops the sim itself.
func simAttr() *syscall.SysProcAttr { return nil }

// tuiAttr is unused on Windows, where openPTY fails.
func tuiAttr() *syscall.SysProcAttr { return nil }

// terminate stops p (Windows has no process groups to signal).
func terminate(p *os.Process) { _ = p.Kill() }

// maxRSSKB is not measured on Windows.
func maxRSSKB(*os.ProcessState) (int64, bool) { return 0, false }

// procRSS is Linux's only (/proc): the memory rows say "?" elsewhere.
func procRSS(int) (rss, peak int64, ok bool) { return 0, 0, false }
