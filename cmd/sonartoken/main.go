// Command sonartoken is a terminal console for SonarQube user tokens, and
// a command line to script them. See internal/cli.
package main

import (
	"os"

	"github.com/sonartoken/sonartoken/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:]))
}
