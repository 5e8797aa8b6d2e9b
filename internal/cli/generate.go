package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
)

type generateFlags struct {
	typ, project, expires, login string
	asJSON                       bool
	retryLost                    bool
}

func (a *app) newGenerateCmd() *cobra.Command {
	var gf generateFlags
	cmd := &cobra.Command{
		Use:   "generate NAME",
		Short: "Generate a token and print its value",
		Long: `Generate a token and print its value, alone, on standard output (the
details go to standard error), so that it can be piped into a secret store.
The value is shown this once: SonarQube keeps only a hash.

--expires defaults to 30d, as on SonarQube's web page, on servers that
support expiry (9.6 and later); --type defaults to user, or to project
when --project is given.

If the server's answer is lost (a reset connection, a timeout) after it
created the token, the value cannot be recovered: sonartoken says so and,
on a terminal, offers to revoke the token and generate it again. Scripts
are not asked: the command exits 1 with the command that revokes the
token, or, with --retry-lost, revokes it and generates it again.`,
		Example: `  sonartoken generate ci --type project --project app --expires 90d | gh secret set SONAR_TOKEN
  sonartoken generate laptop --expires 2026-12-31 --json`,
		Args:        usageArgs(cobra.ExactArgs(1)),
		Annotations: map[string]string{argsAnnotation: "the name of the new token"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := refuseReadOnly(cmd, "generate"); err != nil {
				return err
			}
			return a.generate(cmd.Context(), args[0], gf)
		},
	}
	f := cmd.Flags()
	f.StringVar(&gf.typ, "type", "", "token type: user, global or project")
	f.StringVar(&gf.project, "project", "", "project `KEY` of a project analysis token")
	f.StringVar(&gf.expires, "expires", "", "expiry: 30d, 90d, 1y, never, or a date YYYY-MM-DD (default 30d)")
	f.StringVar(&gf.login, "login", "", "generate for this user (administrators; user tokens only)")
	f.BoolVar(&gf.asJSON, "json", false, "print one JSON object, value included")
	f.BoolVar(&gf.retryLost, "retry-lost", false, "if the server's answer is lost after it created the token, revoke the token and generate it again without asking")
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions([]string{"user", "global", "project"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("expires", cobra.FixedCompletions([]string{"30d", "90d", "1y", "never"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// parseGenerateFlags checks what can be checked without the server.
func parseGenerateFlags(gf generateFlags) (model.TokenType, *model.Expiration, error) {
	typ := model.TypeUnknown
	if gf.typ != "" {
		t, err := model.ParseTokenType(gf.typ)
		if err != nil {
			return typ, nil, usageErr(fmt.Errorf("--type: %w", err))
		}
		typ = t
	} else if gf.project != "" {
		typ = model.TypeProject
	}
	switch {
	case typ == model.TypeProject && gf.project == "":
		return typ, nil, usageErr(errors.New("a project analysis token needs --project KEY"))
	case typ != model.TypeProject && gf.project != "":
		return typ, nil, usageErr(fmt.Errorf("--project applies only to project tokens, not to a %s", typ.Label()))
	}
	if gf.expires == "" {
		return typ, nil, nil
	}
	e, err := model.ParseExpiration(gf.expires)
	if err != nil {
		return typ, nil, usageErr(fmt.Errorf("--expires: %w", err))
	}
	return typ, &e, nil
}

// expiryDate checks e as the server would; nil means the server's default.
func expiryDate(ctx context.Context, c *client.Client, e *model.Expiration, now time.Time) (time.Time, error) {
	caps := c.Capabilities()
	if e == nil {
		if !caps.Expiration {
			return time.Time{}, nil
		}
		def := model.Expire30Days
		e = &def
	}
	max, err := c.MaxTokenLifetime(ctx)
	if err != nil {
		return time.Time{}, wrap("read the max token lifetime", err)
	}
	if err := e.Validate(now, max); err != nil {
		return time.Time{}, fmt.Errorf("--expires: %w", err)
	}
	d, _ := e.Resolve(now)
	return d, nil
}

func (a *app) generate(ctx context.Context, name string, gf generateFlags) error {
	typ, exp, err := parseGenerateFlags(gf)
	if err != nil {
		return err
	}
	s, err := a.connect(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	if s.client.Cloud() {
		switch {
		case gf.login != "":
			return cloudLoginRefusal()
		case gf.project != "":
			return cloudGenerateRefusal("--project " + model.ShellQuote(gf.project))
		case typ == model.TypeGlobal || typ == model.TypeProject:
			return cloudGenerateRefusal("--type " + gf.typ)
		}
	}
	now := a.io.Now()
	expires, err := expiryDate(ctx, s.client, exp, now)
	if err != nil {
		return err
	}
	req := client.GenerateRequest{Login: gf.login, Name: name, Type: typ, ProjectKey: gf.project, ExpiresOn: expires}
	nt, err := a.create(ctx, s, req, gf.retryLost)
	if err != nil {
		a.record(s, audit.Generate, requested(req), err)
		return err
	}
	if gf.asJSON {
		out := generatedJSON{tokenJSON: toJSON(nt.Token, now), Token: nt.Value.Reveal()}
		err = writeJSON(a.io.Out, out)
	} else if _, err = fmt.Fprintln(a.io.Out, a.shownValue(nt.Value)); err != nil {
		err = fmt.Errorf("write the value: %w", err)
	}
	if err != nil {
		err = lostValue(nt.Token, gf.login, err)
		a.record(s, audit.Generate, nt.Token, err)
		return err
	}
	a.record(s, audit.Generate, nt.Token, nil)
	fmt.Fprintf(a.io.Err, "Generated %s. It will not be shown again.\n", describeToken(nt.Token))
	return nil
}

// requested is what a failed generate asked for, for the audit log.
func requested(req client.GenerateRequest) model.Token {
	t := model.Token{Login: req.Login, Name: model.TrimName(req.Name), Type: req.Type, ProjectKey: req.ProjectKey}
	if !req.ExpiresOn.IsZero() {
		e := req.ExpiresOn
		t.ExpiresAt = &e
	}
	return t
}

// create generates a token; one created with its answer lost is settled by settleLost.
func (a *app) create(ctx context.Context, s *session, req client.GenerateRequest, retryLost bool) (model.NewToken, error) {
	for attempt := 1; ; attempt++ {
		nt, err := s.client.GenerateOrConfirm(ctx, req)
		if err == nil {
			if nt.Login == "" {
				nt.Login = req.Login
				if nt.Login == "" {
					nt.Login = s.user.Login
				}
			}
			if nt.ProjectKey != "" && nt.ProjectName == "" {
				a.fillProjectName(ctx, s, &nt.Token)
			}
			return nt, nil
		}
		if err := a.settleLost(ctx, s, req, err, retryLost, attempt); err != nil {
			return model.NewToken{}, err
		}
	}
}

// maxLostAttempts: a server that keeps losing answers is reported, not retried forever.
const maxLostAttempts = 3

// settleLost returns nil when the valueless token was revoked and the
// request should be sent again; otherwise the error to report.
func (a *app) settleLost(ctx context.Context, s *session, req client.GenerateRequest, err error, retryLost bool, attempt int) error {
	op := fmt.Sprintf("generate token %s%s", model.Quote(req.Name), ofLogin(req.Login))
	var lost *client.LostResponseError
	if !errors.As(err, &lost) {
		return wrap(op, err)
	}
	if lost.Unconfirmed {
		return &codedError{code: ExitError, err: err, msg: fmt.Sprintf(
			"%s: the server's answer was lost and checking failed too (%s), so the outcome is unknown: the token may have been created. See: sonartoken list%s",
			op, describe(lost.SearchErr), loginFlag(req.Login))}
	}
	if !lost.Created {
		return wrap(op, err)
	}
	fmt.Fprintf(a.io.Err, "Token %s was created, but its value was lost on the way and cannot be recovered.\n", model.Quote(lost.Name))
	revokeCmd := "sonartoken revoke " + model.ShellQuote(lost.Name) + loginFlag(req.Login)
	again := retryLost && attempt < maxLostAttempts
	if !retryLost && a.stdinIsTerminal() {
		again = a.askYes("Revoke it and generate again? [y/N] ")
	}
	if !again {
		msg := fmt.Sprintf("%s: the token %s exists without a known value (%s). Revoke it with: %s", op, model.Quote(lost.Name), describe(lost.Err), revokeCmd)
		if !retryLost && !a.stdinIsTerminal() {
			msg += "\n(or run the command again with --retry-lost to revoke it and generate it again)"
		}
		return &codedError{code: ExitError, err: err, msg: msg}
	}
	a.record(s, audit.Generate, lostToken(lost, req), err)
	rerr := s.client.RevokeOrConfirm(ctx, req.Login, lost.Name)
	a.record(s, audit.Revoke, lostToken(lost, req), rerr)
	if rerr != nil {
		return &codedError{code: ExitError, err: rerr, msg: fmt.Sprintf(
			"%s: the token %s exists without a known value, and revoking it failed: %s\nRevoke it with: %s",
			op, model.Quote(lost.Name), describe(rerr), revokeCmd)}
	}
	fmt.Fprintf(a.io.Err, "Revoked %s; generating it again.\n", model.Quote(lost.Name))
	return nil
}

// lostToken is the token a lost generate created, as the search found it.
func lostToken(lost *client.LostResponseError, req client.GenerateRequest) model.Token {
	t := lost.Token
	if t.Name == "" {
		t = requested(req)
	}
	if t.Login == "" {
		t.Login = req.Login
	}
	return t
}

// stdinIsTerminal reports whether the user can be asked on standard input.
func (a *app) stdinIsTerminal() bool {
	switch in := a.io.In.(type) {
	case *os.File:
		return term.IsTerminal(in.Fd())
	case interface{ IsTerminal() bool }:
		return in.IsTerminal()
	}
	return false
}

// askYes asks on standard error; only y or yes is yes.
func (a *app) askYes(question string) bool {
	fmt.Fprint(a.io.Err, question)
	line, err := bufio.NewReader(a.io.In).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(a.io.Err)
		return false
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}

// fillProjectName adds the project's name, which generate does not answer; best effort.
func (a *app) fillProjectName(ctx context.Context, s *session, t *model.Token) {
	toks, err := s.client.SearchTokens(ctx, t.Login)
	if err != nil {
		return
	}
	for _, o := range toks {
		if o.Name == t.Name {
			t.ProjectName = o.ProjectName
			return
		}
	}
}

// lostValue reports a token created whose value could not be handed over.
func lostValue(t model.Token, login string, err error) error {
	return &codedError{code: ExitError, err: fmt.Errorf("%w: %w", errValueLost, err), msg: fmt.Sprintf(
		"the token %s was created but its value could not be written (%v); it cannot be recovered. Revoke it with: sonartoken revoke %s%s",
		model.Quote(t.Name), err, model.ShellQuote(t.Name), loginFlag(login))}
}

func describeToken(t model.Token) string {
	var b strings.Builder
	b.WriteString(describeGone(t))
	if t.ExpiresAt != nil {
		fmt.Fprintf(&b, ", expires %s", model.ExpiryDay(*t.ExpiresAt))
	} else {
		b.WriteString(", no expiration")
	}
	return b.String()
}

// describeGone is describeToken without the expiry, for a revoked token.
func describeGone(t model.Token) string {
	label := t.Type.Label()
	if label == "" {
		label = "token"
	}
	s := fmt.Sprintf("%s %s for %s", label, model.Quote(t.Name), model.Printable(t.Login))
	if t.ProjectKey != "" {
		s += fmt.Sprintf(" on project %s", model.Printable(t.ProjectKey))
	}
	return s
}
