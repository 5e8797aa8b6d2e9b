package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/model"
)

type rotateFlags struct {
	login, newName, exec string
	retryLost            bool
}

func (a *app) newRotateCmd() *cobra.Command {
	var rf rotateFlags
	cmd := &cobra.Command{
		Use:   "rotate NAME",
		Short: "Replace a token by a new one with the same type, project and lifetime",
		Long: `Generate the replacement of a token (same type, project and lifetime,
named --new-name or NAME-YYYYMMDD), check that it signs in, then revoke
the old one.

The check asks the server who the new token is (api/users/current, which
every token type may call), with the new token, sent to the same server
only and following no redirect. If the server refuses it, or the check
gets no answer, the new token is revoked before its value goes anywhere,
the old one is kept, and the message says why and how to finish.

With --exec, the new value is written, followed by a newline, to the
standard input of COMMAND (run with sh -c), never to its arguments or
environment. SONAR_TOKEN is removed from COMMAND's environment, so that it
does not receive sonartoken's own token either. The old token is revoked
only if COMMAND exits 0; otherwise the new token is revoked and the old one
kept: all or nothing.

Without --exec, the new value is printed on standard output before the old
token is revoked.

A lost answer to generating the new token is handled as by generate (see
sonartoken generate --help, --retry-lost); the old token is untouched.

If sonartoken is killed (kill -9) between generating the new token and
revoking the old one, both tokens stay active: finish with sonartoken
revoke OLD once the new value is in place, or revoke the new one.`,
		Example: `  sonartoken rotate ci --exec 'gh secret set SONAR_TOKEN'
  (umask 077; sonartoken rotate deploy --new-name deploy-2026 > new-token.txt)   # a new file only you can read`,
		Args:              usageArgs(cobra.ExactArgs(1)),
		Annotations:       map[string]string{argsAnnotation: "the name of the token to replace"},
		ValidArgsFunction: a.completeTokenNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := refuseReadOnly(cmd, "rotate"); err != nil {
				return err
			}
			return a.rotate(cmd.Context(), args[0], rf)
		},
	}
	f := cmd.Flags()
	f.StringVar(&rf.login, "login", "", "rotate a token of this user (administrators; user tokens only)")
	f.StringVar(&rf.newName, "new-name", "", "name of the new token (default NAME-YYYYMMDD)")
	f.StringVar(&rf.exec, "exec", "", "hand the new value to `COMMAND` (sh -c) on standard input")
	f.BoolVar(&rf.retryLost, "retry-lost", false, "if the server's answer is lost after it created the new token, revoke that token and generate it again without asking")
	return cmd
}

func (a *app) rotate(ctx context.Context, name string, rf rotateFlags) error {
	s, err := a.connect(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	if rf.login != "" && s.client.Cloud() {
		return cloudLoginRefusal()
	}
	old, all, err := findToken(ctx, s, rf.login, name)
	if err != nil {
		return err
	}
	now := a.io.Now()
	req := client.GenerateRequest{Login: rf.login, Name: rf.newName, Type: old.Type, ProjectKey: old.ProjectKey}
	if req.Name == "" {
		req.Name = replacementName(old.Name, now, all)
	}
	if s.client.Capabilities().Expiration {
		max, err := s.client.MaxTokenLifetime(ctx)
		if err != nil {
			return wrap("read the max token lifetime", err)
		}
		if d, ok := model.LifetimeOf(old, max).Resolve(now); ok {
			req.ExpiresOn = d
		}
	}
	entry := audit.FromToken(old)
	entry.NewName = model.TrimName(req.Name)
	entry.Expiration = audit.FromToken(requested(req)).Expiration
	nt, err := a.create(ctx, s, req, rf.retryLost)
	if err != nil {
		a.recordEntry(s, audit.Rotate, entry, err)
		return err
	}
	entry.NewName = nt.Name
	entry.Expiration = audit.FromToken(nt.Token).Expiration
	err = a.replace(ctx, s, rf, old, nt)
	a.recordEntry(s, audit.Rotate, entry, err)
	return err
}

// replace checks the new token, hands it over, then revokes the old one; on
// a failed check or handover it revokes the new one instead.
func (a *app) replace(ctx context.Context, s *session, rf rotateFlags, old model.Token, nt model.NewToken) error {
	fmt.Fprintf(a.io.Err, "Generated %s.\n", describeToken(nt.Token))
	// From here on, cleanups must run even if the run is being cancelled.
	bg := context.WithoutCancel(ctx)
	// Checked as the user the rotation is for, never as the login the answer
	// names, which a proxy could get wrong.
	owner := cmp.Or(rf.login, s.user.Login)
	if err := s.client.CheckToken(ctx, nt.Value, owner); err != nil {
		return a.uncheckedRotation(bg, s, rf.login, old, nt.Token, err)
	}
	fmt.Fprintf(a.io.Err, "The new token signs in as %s.\n", model.Printable(owner))
	if rf.exec == "" {
		if _, err := fmt.Fprintln(a.io.Out, a.shownValue(nt.Value)); err != nil {
			return a.undoRotation(bg, s, rf.login, old, nt.Token, fmt.Sprintf("writing the new value failed (%v)", err))
		}
		return a.finishRotation(bg, s, rf.login, old, nt.Token)
	}
	if err := a.handOver(ctx, rf.exec, nt.Value); err != nil {
		return a.undoRotation(bg, s, rf.login, old, nt.Token, fmt.Sprintf("the command failed (%s)", exitStatus(err)))
	}
	fmt.Fprintf(a.io.Err, "The command received the new value and exited 0.\n")
	return a.finishRotation(bg, s, rf.login, old, nt.Token)
}

// finishRotation revokes the old token once the new one is in place.
func (a *app) finishRotation(ctx context.Context, s *session, login string, old, new model.Token) error {
	if err := s.client.RevokeOrConfirm(ctx, login, old.Name); err != nil {
		return &codedError{code: exitCode(err), err: err, msg: fmt.Sprintf(
			"the new token %s is in place, but revoking the old token %s failed: %s\nBoth tokens exist now. Revoke the old one with: sonartoken revoke %s%s",
			model.Quote(new.Name), model.Quote(old.Name), describe(err), model.ShellQuote(old.Name), loginFlag(login))}
	}
	fmt.Fprintf(a.io.Err, "Revoked the old token %s; %s replaces it.\n", model.Quote(old.Name), model.Quote(new.Name))
	return nil
}

// undoRotation revokes the new token and keeps the old one.
func (a *app) undoRotation(ctx context.Context, s *session, login string, old, new model.Token, why string) error {
	if err := s.client.RevokeOrConfirm(ctx, login, new.Name); err != nil {
		return &codedError{code: ExitError, err: err, msg: fmt.Sprintf(
			"%s; the old token %s is kept, but revoking the new token %s failed: %s\nBoth tokens exist now. Revoke the new one with: sonartoken revoke %s%s",
			why, model.Quote(old.Name), model.Quote(new.Name), describe(err), model.ShellQuote(new.Name), loginFlag(login))}
	}
	return &codedError{code: ExitError, msg: fmt.Sprintf(
		"%s: the new token %s was revoked and the old token %s is kept unchanged", why, model.Quote(new.Name), model.Quote(old.Name))}
}

// uncheckedRotation revokes the new token, keeps the old, and says why.
func (a *app) uncheckedRotation(ctx context.Context, s *session, login string, old, new model.Token, cause error) error {
	why := fmt.Sprintf("the new token %s could not be checked: %s", model.Quote(new.Name), describe(cause))
	var ce *client.TokenCheckError
	if errors.As(cause, &ce) {
		why = fmt.Sprintf("the new token %s could not be checked: %s", model.Quote(new.Name), ce.Reason)
		if ce.Refused {
			why = fmt.Sprintf("the new token %s does not sign in: %s", model.Quote(new.Name), ce.Reason)
		}
	}
	if err := s.client.RevokeOrConfirm(ctx, login, new.Name); err != nil {
		return &codedError{code: ExitError, err: cause, msg: fmt.Sprintf(
			"%s.\nThe old token %s is kept, and the value was handed to no one, but revoking the new token failed: %s\nBoth tokens exist now. Revoke the new one with: %s",
			why, model.Quote(old.Name), describe(err), model.RevokeCommand(new.Name, login))}
	}
	return &codedError{code: ExitError, err: cause, msg: fmt.Sprintf(
		"%s.\nThe new token was revoked before its value was handed to anyone, and the old token %s is kept unchanged. Once the server accepts new tokens, rotate again with: sonartoken rotate %s%s",
		why, model.Quote(old.Name), model.ShellQuote(old.Name), loginFlag(login))}
}

// handOver runs COMMAND with the value on standard input only, never argv or
// env, and strips the variables sonartoken reads its own token from.
func (a *app) handOver(ctx context.Context, command string, value model.Secret) error {
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Stdin = strings.NewReader(value.Reveal() + "\n")
	cmd.Stdout = a.io.Out
	cmd.Stderr = a.io.Err
	cmd.Env = withoutTokenVars(a.io.Environ())
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("run %q: %w", command, err)
	}
	return nil
}

// withoutTokenVars returns env without config.TokenEnvVars.
func withoutTokenVars(env []string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains(config.TokenEnvVars, name)
	})
}

func exitStatus(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ProcessState.String()
	}
	return err.Error()
}

// replacementName is model.ReplacementName over the user's token names.
func replacementName(old string, now time.Time, existing []model.Token) string {
	names := make([]string, len(existing))
	for i, t := range existing {
		names[i] = t.Name
	}
	return model.ReplacementName(old, now, names)
}
