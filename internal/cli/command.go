package cli

import "github.com/spf13/cobra"

// Command returns the root command for tools that document it (internal/gendocs).
func Command() *cobra.Command {
	a := &app{io: IO{}.withDefaults(), tui: runTUI}
	return a.newRootCmd()
}
