package cli

import "github.com/spf13/cobra"

// Command returns sonartoken's root command with every subcommand, its
// flags and its help, for tools that document the command line (the man
// pages of the release packages: internal/gendocs). It is for reading:
// Run runs a command line.
func Command() *cobra.Command {
	a := &app{io: IO{}.withDefaults(), tui: runTUI}
	return a.newRootCmd()
}
