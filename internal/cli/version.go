package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/internal/version"
)

func (a *app) newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, build date and Go version",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if _, err := fmt.Fprint(a.io.Out, version.Get().String()); err != nil {
				return fmt.Errorf("write version: %w", err)
			}
			return nil
		},
	}
}
