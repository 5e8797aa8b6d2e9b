// Package nocore keeps the program's memory, which holds token values, out
// of core dumps, as ssh-agent does: at start, the core file size limit
// (RLIMIT_CORE) goes to 0 where the OS has one, and on Linux the process is
// marked not dumpable (PR_SET_DUMPABLE 0), which also keeps other
// processes of the same user from attaching a debugger (ptrace) or reading
// its memory through /proc/PID/mem (root, with CAP_SYS_PTRACE, still can).
// The process's own /proc/self stays readable to it, and a parent still
// learns its peak memory from wait4 (the benchmark tool's RSS figures).
package nocore

// Apply lowers the core file size limit, soft and hard, to 0 (a child
// process inherits it: rotate --exec hands it the new value too), and on
// Linux marks the process not dumpable. It returns what it could not do;
// the caller warns and goes on. On Windows it does nothing: no core files
// there, and Windows Error Reporting's dumps are the system's setting.
func Apply() error { return apply() }
