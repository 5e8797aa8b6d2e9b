//go:build !linux

package main

import (
	"errors"
	"os"
)

// openPTY is Linux-only; the rest of benchtool still runs.
func openPTY(cols, rows uint16) (master, slave *os.File, err error) {
	return nil, nil, errors.New("the console benchmarks need Linux's pseudo-terminals")
}
