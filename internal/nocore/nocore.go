// Package nocore keeps the program's memory, which holds token values, out
// of core dumps, as ssh-agent does (RLIMIT_CORE 0; on Linux, not dumpable,
// which also stops same-user ptrace).
package nocore

// Apply sets the core limit to 0 (inherited by rotate --exec's child) and,
// on Linux, marks the process not dumpable. The caller warns on error.
func Apply() error { return apply() }
