package cli

import "github.com/spf13/cobra"

// Command returns the root command for tools that document the command
// line (internal/gendocs); Run runs one.
func Command() *cobra.Command {
	a := &app{io: IO{}.withDefaults(), tui: runTUI}
	return a.newRootCmd()
}
