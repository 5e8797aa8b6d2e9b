//go:build !linux

package main

import (
	"errors"
	"os"
)

// openPTY is Linux's only (/dev/ptmx and its ioctls): the console
// benchmarks say so elsewhere, and the rest of benchtool still runs.
func openPTY(cols, rows uint16) (master, slave *os.File, err error) {
	return nil, nil, errors.New("the console benchmarks need Linux's pseudo-terminals")
}
