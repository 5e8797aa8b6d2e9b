package nocore

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// childEnv makes the test binary a child that crashes on a line of
// standard input, with its core limit raised (ulimit -c unlimited), after
// Apply when it says "apply".
const childEnv = "SONARTOKEN_NOCORE_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(child(mode))
	}
	os.Exit(m.Run())
}

func child(mode string) int {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_CORE, &lim); err != nil {
		fmt.Println("error", err)
		return 1
	}
	lim.Cur = lim.Max // ulimit -c unlimited, or as high as allowed
	if err := unix.Setrlimit(unix.RLIMIT_CORE, &lim); err != nil {
		fmt.Println("error", err)
		return 1
	}
	if mode == "apply" {
		if err := Apply(); err != nil {
			fmt.Println("error", err)
			return 1
		}
	}
	d, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	fmt.Printf("ready dumpable=%d\n", d)
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	var p *int
	*p = 1 // a fault: with GOTRACEBACK=crash the runtime aborts and the kernel may dump core
	return 0
}

// crash runs a child in mode, in its own folder, makes it fault under
// GOTRACEBACK=crash, and returns its PR_GET_DUMPABLE, its core
// limit line of /proc/PID/limits, and the core files it left.
func crash(t *testing.T, mode string) (dumpable, limits string, cores []string) {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "GOTRACEBACK=crash")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "ready ") {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("child %s: %q, %v", mode, line, err)
	}
	dumpable = strings.TrimSpace(strings.TrimPrefix(line, "ready "))
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/limits", cmd.Process.Pid)); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "Max core file size") {
				limits = strings.Join(strings.Fields(l)[4:6], " ")
			}
		}
	}
	// A fault, not SIGQUIT: the runtime's SIGQUIT relay under
	// GOTRACEBACK=crash took from 0.04 s to over 2 minutes to end the
	// process in runs on an idle machine; a fault aborts at once, through
	// the same crash path and the same core limit.
	if _, err := in.Write([]byte("crash\n")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("child %s still runs 30 s after its fault", mode)
	}
	cores, _ = filepath.Glob(filepath.Join(dir, "core*"))
	return dumpable, limits, cores
}

// TestNoCoreDump: a process that called Apply leaves no core file when it
// crashes with GOTRACEBACK=crash and an unlimited core limit, is not
// dumpable, and has a core limit of 0; the same process without Apply
// (the control) leaves one, where this system writes core files to the
// crashing process's folder (core_pattern without a pipe).
func TestNoCoreDump(t *testing.T) {
	if testing.Short() {
		t.Skip("crashes two processes")
	}
	dumpable, limits, cores := crash(t, "apply")
	if dumpable != "dumpable=0" || limits != "0 0" || len(cores) != 0 {
		t.Errorf("after Apply: %s, core limit %q, core files %v; want dumpable=0, 0 0, none", dumpable, limits, cores)
	}

	pattern, _ := os.ReadFile("/proc/sys/kernel/core_pattern")
	if p := strings.TrimSpace(string(pattern)); p == "" || strings.HasPrefix(p, "|") || strings.Contains(p, "/") {
		t.Skipf("core_pattern is %q: this system does not write core files beside the process, so the control cannot show one", p)
	}
	dumpable, limits, cores = crash(t, "control")
	if len(cores) == 0 {
		t.Skipf("the control (%s, core limit %q) left no core file either: this system writes none", dumpable, limits)
	}
	if dumpable != "dumpable=1" {
		t.Errorf("the control: %s", dumpable)
	}
	t.Logf("the control left %v (core limit %s); after Apply none", cores, limits)
}
