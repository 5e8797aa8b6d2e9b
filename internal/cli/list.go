package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
)

func (a *app) newListCmd() *cobra.Command {
	var login, format, fail, unusedFor string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List tokens",
		Long: `List the signed-in user's tokens, or with --login another user's (which
needs the Administer System permission).

On SonarQube Cloud, which lists only your own tokens, the table has no
TYPE or PROJECT column but a REMOVAL one: Cloud removes a token unused
for 60 days (counted from its creation if never used), and the column
says when ("removed in 12 days if unused"). --fail-on inactive[=DAYS]
exits 6 when a token is within DAYS (default 14) of that removal.`,
		Example: `  sonartoken list
  sonartoken list --login jdoe --json | jq -r '.[] | select(.status=="expired") | .name'
  sonartoken list --fail-on expired,expiring --format markdown
  sonartoken list --cloud --fail-on inactive=20   # SonarQube Cloud: a token near its 60 days`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			f, err := resolveFormat(format, asJSON)
			if err != nil {
				return err
			}
			var unused time.Duration
			if unusedFor != "" {
				if unused, err = parseDays(unusedFor); err != nil {
					return usageErr(fmt.Errorf("--unused-for: %w", err))
				}
			}
			fo, err := parseFailOn(fail, unused, 0)
			if err != nil {
				return err
			}
			// The tokens are asked together with the connection's requests.
			var toks []model.Token
			var listErr error
			s, err := a.connectWith(ctx, func(ctx context.Context, c *client.Client) {
				toks, listErr = c.SearchTokens(ctx, login)
			})
			if err != nil {
				return err
			}
			defer s.close()
			cloud := s.client.Cloud()
			if login != "" && cloud {
				return cloudLoginRefusal()
			}
			if err := fo.checkServer(cloud, false); err != nil {
				return err
			}
			if listErr == nil && login == "" {
				listErr = client.CheckOwnTokens(s.user.Login, toks)
			}
			if err := listErr; err != nil {
				return wrap("list tokens"+ofLogin(login), err)
			}
			now := a.io.Now()
			kept := toks[:0]
			for _, t := range toks {
				if t.Login == "" {
					t.Login = login
					if login == "" {
						t.Login = s.user.Login
					}
				}
				if unused <= 0 || t.UnusedFor(now, unused) {
					kept = append(kept, t)
				}
			}
			sortTokens(kept)
			rep := report{Report: reports.Report{Tokens: kept, Now: now, Within: model.DefaultExpiringWithin, Cloud: cloud}}
			if len(kept) == 0 && f == formatTable {
				who := s.user.Login
				if login != "" {
					who = login
				}
				if unused > 0 {
					fmt.Fprintf(a.io.Err, "%s has no token unused for %s.\n", model.Printable(who), unusedFor)
				} else {
					fmt.Fprintf(a.io.Err, "%s has no tokens. Create one with: sonartoken generate NAME\n", model.Printable(who))
				}
			} else if err := a.emit(f, rep, false); err != nil {
				return err
			}
			return fo.check(rep)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&login, "login", "", "list the tokens of this user (administrators)")
	fl.BoolVar(&asJSON, "json", false, "print a JSON array (--format json)")
	fl.StringVar(&unusedFor, "unused-for", "", "only tokens not used for this long (never used ones count from their creation)")
	bindReportFlags(cmd, &format, &fail)
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
	return " --login " + model.ShellQuote(login)
}
