// Command sonartoken is a console and command line for SonarQube user tokens (internal/cli).
package main

import (
	"fmt"
	"os"

	"github.com/sonartoken/sonartoken/internal/cli"
	"github.com/sonartoken/sonartoken/internal/nocore"
)

func main() {
	// First: the memory holds token values from the start on, and a core
	// file or a debugger attached by another process would read them.
	if err := nocore.Apply(); err != nil {
		fmt.Fprintf(os.Stderr, "sonartoken: warning: %v; a core dump could hold a token\n", err)
	}
	os.Exit(cli.Main(os.Args[1:]))
}
