// Package nocore keeps the memory, which holds token values, out of core dumps
// and same-user ptrace, as ssh-agent does.
package nocore

// Apply sets the core limit to 0 (inherited by rotate --exec's child) and,
// on Linux, marks the process not dumpable. The caller warns on error.
func Apply() error { return apply() }
