package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

type reviewFlags struct {
	expiringWithin, unusedFor, status, typ, login string
	concurrency                                   int
	asJSON                                        bool
}

func (a *app) newReviewCmd() *cobra.Command {
	var rf reviewFlags
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Report every user's tokens (administrators)",
		Long: `List the tokens of every active user, each with its login and a status
computed against the --expiring-within window. --status, --type, --login
and --unused-for narrow the report. Needs the Administer System permission.`,
		Example: `  sonartoken review --status expired,expiring
  sonartoken review --unused-for 90d --json | jq -r '.[] | "\(.login) \(.name)"'`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.review(cmd.Context(), rf)
		},
	}
	f := cmd.Flags()
	f.StringVar(&rf.expiringWithin, "expiring-within", "7d", "window in which a token counts as expiring (days as 7d, or a Go duration)")
	f.StringVar(&rf.unusedFor, "unused-for", "", "only tokens not used for this long (never used ones count from their creation)")
	f.IntVar(&rf.concurrency, "concurrency", client.DefaultScanConcurrency, "requests in flight")
	f.StringVar(&rf.status, "status", "", "only these statuses, comma-separated: active, expiring, expired, no-expiration")
	f.StringVar(&rf.typ, "type", "", "only this token type: user, global or project")
	f.StringVar(&rf.login, "login", "", "only this user's tokens")
	f.BoolVar(&rf.asJSON, "json", false, "print a JSON array")
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions([]string{"active", "expiring", "expired", "no-expiration"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions([]string{"user", "global", "project"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// reviewFilter is the parsed form of the review's flags.
type reviewFilter struct {
	within, unused time.Duration
	statuses       map[model.Status]bool
	typ            model.TokenType
}

func parseReviewFlags(rf reviewFlags) (reviewFilter, error) {
	var f reviewFilter
	var err error
	if err := checkConcurrency(rf.concurrency); err != nil {
		return f, err
	}
	if f.within, err = parseDays(rf.expiringWithin); err != nil {
		return f, usageErr(fmt.Errorf("--expiring-within: %w", err))
	}
	if rf.unusedFor != "" {
		if f.unused, err = parseDays(rf.unusedFor); err != nil {
			return f, usageErr(fmt.Errorf("--unused-for: %w", err))
		}
	}
	if rf.typ != "" {
		if f.typ, err = model.ParseTokenType(rf.typ); err != nil {
			return f, usageErr(fmt.Errorf("--type: %w", err))
		}
	}
	for _, s := range strings.Split(rf.status, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		st, ok := model.ParseStatus(s)
		if !ok {
			return f, usageErr(fmt.Errorf("--status %q: use active, expiring, expired or no-expiration", s))
		}
		if f.statuses == nil {
			f.statuses = map[model.Status]bool{}
		}
		f.statuses[st] = true
	}
	return f, nil
}

// parseDays reads "7d" as 7 days, or a Go duration such as "36h".
func parseDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		d, err := strconv.Atoi(n)
		if err != nil || d < 0 {
			return 0, fmt.Errorf("%q is not a number of days such as 7d", s)
		}
		return time.Duration(d) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration such as 7d or 36h", s)
	}
	return d, nil
}

func (f reviewFilter) keep(t model.Token, now time.Time) bool {
	if f.typ != model.TypeUnknown && t.Type != f.typ {
		return false
	}
	if f.statuses != nil && !f.statuses[t.StatusAt(now, f.within)] {
		return false
	}
	return f.unused <= 0 || t.UnusedFor(now, f.unused)
}

func (a *app) review(ctx context.Context, rf reviewFlags) error {
	filter, err := parseReviewFlags(rf)
	if err != nil {
		return err
	}
	s, err := a.connect(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	var toks []model.Token
	if rf.login != "" {
		if toks, err = s.client.SearchTokens(ctx, rf.login); err != nil {
			return wrap("list tokens"+ofLogin(rf.login), err)
		}
	} else if toks, err = a.scanAll(ctx, s, rf.concurrency); err != nil {
		return err
	}
	now := a.io.Now()
	kept := toks[:0]
	for _, t := range toks {
		if filter.keep(t, now) {
			kept = append(kept, t)
		}
	}
	sortTokens(kept)
	if rf.asJSON {
		return writeJSONArray(a.io.Out, len(kept), func(i int) tokenJSON {
			return toJSONWithin(kept[i], now, filter.within)
		})
	}
	if len(kept) == 0 {
		fmt.Fprintln(a.io.Err, "No token matches.")
		return nil
	}
	return a.printTokensWithin(kept, now, filter.within, true)
}

// scanAll lists the tokens of every active user through the client's
// review loader, with at most n requests in flight. A report with holes
// would mislead, so the first failure stops the scan and fails the run.
func (a *app) scanAll(ctx context.Context, s *session, n int) ([]model.Token, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var out []model.Token
	var first error
	for b := range s.client.ScanAllTokens(ctx, client.ScanOptions{Concurrency: n}) {
		if b.Err != nil {
			if first == nil {
				if b.Login == "" {
					first = wrap("list users", b.Err)
				} else {
					first = wrap("list tokens"+ofLogin(b.Login), b.Err)
				}
				cancel()
			}
			continue
		}
		for _, t := range b.Tokens {
			if t.Login == "" {
				t.Login = b.Login
			}
			out = append(out, t)
		}
	}
	if first != nil {
		return nil, first
	}
	if err := ctx.Err(); err != nil {
		return nil, wrap("list every user's tokens", err)
	}
	return out, nil
}
