// Package widthpin makes a test binary measure text as a Western terminal
// does, whatever RUNEWIDTH_EASTASIAN or the locale say.
//
// go-runewidth and charmbracelet/x/ansi read RUNEWIDTH_EASTASIAN (and
// runewidth the locale) in their init functions, before any test code
// runs, and x/ansi keeps the answer unexported. With it set, ambiguous
// characters such as "…", "│" and "·" count two cells, and every golden
// file and width check differs. So a test package's TestMain calls Pin
// first: unless RUNEWIDTH_EASTASIAN is already "0", Pin runs the same
// test binary again with it set to "0" and exits with its status.
package widthpin

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// Env is the variable Pin sets to "0" for the test binary.
const Env = "RUNEWIDTH_EASTASIAN"

// Pin returns when the widths are already pinned; otherwise it runs the
// test binary again with Env=0 and exits with that run's status.
func Pin() {
	if os.Getenv(Env) == "0" {
		return
	}
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), Env+"=0")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		os.Exit(0)
	case errors.As(err, &exit):
		os.Exit(exit.ExitCode())
	default:
		fmt.Fprintf(os.Stderr, "widthpin: running the tests again with %s=0: %v\n", Env, err)
		os.Exit(2)
	}
}
