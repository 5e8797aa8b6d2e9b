package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
)

func (a *app) newRevokeCmd() *cobra.Command {
	var login string
	var yes bool
	cmd := &cobra.Command{
		Use:   "revoke NAME",
		Short: "Revoke a token",
		Long: `Revoke a token by name. SonarQube answers success even for a name that
does not exist, so sonartoken checks the list first and exits with 5 when
no token has that name, naming the nearest ones.

On a terminal it asks before revoking (the default is no); --yes revokes
without asking. Without a terminal on standard input (a script, CI) it
needs --yes, and exits with 2 without it.`,
		Example: `  sonartoken revoke old-laptop
  sonartoken revoke ci --login jenkins --yes`,
		Args:        usageArgs(cobra.ExactArgs(1)),
		Annotations: map[string]string{argsAnnotation: "the name of the token to revoke"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := refuseReadOnly(cmd, "revoke"); err != nil {
				return err
			}
			if !yes && !a.stdinIsTerminal() {
				return usageErr(errors.New("revoke asks for confirmation, and standard input is not a terminal: pass --yes to revoke without asking"))
			}
			ctx := cmd.Context()
			s, err := a.connect(ctx)
			if err != nil {
				return err
			}
			defer s.close()
			if login != "" && s.client.Cloud() {
				return cloudLoginRefusal()
			}
			t, _, err := findToken(ctx, s, login, args[0])
			if err != nil {
				return err
			}
			if !yes && !a.confirm(ctx, fmt.Sprintf("Revoke %s? Anything using it will stop working. [y/N] ", describeToken(t))) {
				return &codedError{code: ExitError, msg: "Nothing revoked."}
			}
			// A lost answer is settled by looking the token up again.
			err = s.client.RevokeOrConfirm(ctx, login, t.Name)
			a.record(s, audit.Revoke, t, err)
			if err != nil {
				return wrap(fmt.Sprintf("revoke token %s%s", model.Quote(t.Name), ofLogin(login)), err)
			}
			fmt.Fprintf(a.io.Err, "Revoked %s.\n", describeGone(t))
			return nil
		},
		ValidArgsFunction: a.completeTokenNames,
	}
	cmd.Flags().StringVar(&login, "login", "", "revoke a token of this user (administrators)")
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "revoke without asking (needed without a terminal)")
	return cmd
}

// confirm asks until answered or ctx ends, which a read of stdin would not notice.
func (a *app) confirm(ctx context.Context, question string) bool {
	answer := make(chan bool, 1)
	go func() { answer <- a.askYes(question) }()
	select {
	case yes := <-answer:
		return yes
	case <-ctx.Done():
		fmt.Fprintln(a.io.Err)
		return false
	}
}

// findToken looks a token up by name, returning the list too.
func findToken(ctx context.Context, s *session, login, name string) (model.Token, []model.Token, error) {
	toks, err := s.client.SearchTokens(ctx, login)
	if err != nil {
		return model.Token{}, nil, wrap("list tokens"+ofLogin(login), err)
	}
	want := model.TrimName(name)
	for _, t := range toks {
		if t.Name == want {
			if t.Login == "" {
				t.Login = s.user.Login
			}
			return t, toks, nil
		}
	}
	who := login
	if who == "" {
		who = s.user.Login
	}
	msg := fmt.Sprintf("%s has no token named %s", model.Printable(who), model.Quote(want))
	names := make([]string, len(toks))
	for i, t := range toks {
		names[i] = t.Name
	}
	if near := model.Nearest(want, names, maxNearest); len(near) > 0 {
		for i, n := range near {
			near[i] = model.Quote(n)
		}
		msg += ". Did you mean " + orList(near) + "?"
	}
	msg += fmt.Sprintf(" (see sonartoken list%s)", loginFlag(login))
	return model.Token{}, toks, &noSuchTokenError{msg: msg}
}

// maxNearest is how many names "did you mean" offers.
const maxNearest = 3

// completeTokenNames completes from the server when the configuration allows.
func (a *app) completeTokenNames(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	login, _ := cmd.Flags().GetString("login")
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := a.settings(ctx)
	if err != nil || st.RequireServer() != nil || st.ConfirmURL() != nil || st.TokenSource == "standard input" {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	s, err := a.open(ctx, st)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer s.close()
	toks, err := s.client.SearchTokens(ctx, login)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	names := make([]string, 0, len(toks))
	for _, t := range toks {
		names = append(names, t.Name)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

// noSuchTokenError is a name that the user's token list does not hold.
type noSuchTokenError struct{ msg string }

func (e *noSuchTokenError) Error() string        { return e.msg }
func (e *noSuchTokenError) Is(target error) bool { return target == errNoSuchToken }
