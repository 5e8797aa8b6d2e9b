package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) newCompletionCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Print the completion script of a shell. Load it in the current shell, for
instance in bash:

    source <(sonartoken completion bash)

or install it where your shell looks for completions:

    sonartoken completion bash > /etc/bash_completion.d/sonartoken
    sonartoken completion zsh > "${fpath[1]}/_sonartoken"
    sonartoken completion fish > ~/.config/fish/completions/sonartoken.fish
    sonartoken completion powershell | Out-String | Invoke-Expression`,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		Args:                  usageArgs(cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs)),
		Annotations:           map[string]string{argsAnnotation: "the shell to write the script for"},
		DisableFlagsInUseLine: true,
		RunE: func(_ *cobra.Command, args []string) error {
			var err error
			switch out := a.io.Out; args[0] {
			case "bash":
				err = root.GenBashCompletionV2(out, true)
			case "zsh":
				err = root.GenZshCompletion(out)
			case "fish":
				err = root.GenFishCompletion(out, true)
			case "powershell":
				err = root.GenPowerShellCompletionWithDesc(out)
			}
			if err != nil {
				return fmt.Errorf("write the %s completion script: %w", args[0], err)
			}
			return nil
		},
	}
}
