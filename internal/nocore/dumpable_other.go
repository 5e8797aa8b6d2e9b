//go:build unix && !linux

package nocore

// notDumpable: outside Linux the core limit alone keeps memory out of cores.
func notDumpable() error { return nil }
