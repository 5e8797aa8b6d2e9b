//go:build unix && !linux

package nocore

// notDumpable has no equivalent outside Linux: the core limit is what
// keeps the memory out of a core file there.
func notDumpable() error { return nil }
