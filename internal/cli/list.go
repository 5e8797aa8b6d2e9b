package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/model"
)

func (a *app) newListCmd() *cobra.Command {
	var login string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List tokens",
		Long: `List the signed-in user's tokens, or with --login another user's (which
needs the Administer System permission).`,
		Example: `  sonartoken list
  sonartoken list --login jdoe --json | jq -r '.[] | select(.status=="expired") | .name'`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := a.connect(ctx)
			if err != nil {
				return err
			}
			defer s.close()
			toks, err := s.client.SearchTokens(ctx, login)
			if err != nil {
				return wrap("list tokens"+ofLogin(login), err)
			}
			sortTokens(toks)
			now := a.io.Now()
			if asJSON {
				out := make([]tokenJSON, 0, len(toks))
				for _, t := range toks {
					out = append(out, toJSON(t, now))
				}
				return writeJSON(a.io.Out, out)
			}
			if len(toks) == 0 {
				who := s.user.Login
				if login != "" {
					who = login
				}
				fmt.Fprintf(a.io.Err, "%s has no tokens. Create one with: sonartoken generate NAME\n", model.Printable(who))
				return nil
			}
			return a.printTokens(toks, now)
		},
	}
	f := cmd.Flags()
	f.StringVar(&login, "login", "", "list the tokens of this user (administrators)")
	f.BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}

// ofLogin is " of LOGIN" for messages about another user's tokens.
func ofLogin(login string) string {
	if login == "" {
		return ""
	}
	return " of " + login
}

// loginFlag is " --login LOGIN" for commands suggested to the user.
func loginFlag(login string) string {
	if login == "" {
		return ""
	}
	return " --login " + shellQuote(login)
}
