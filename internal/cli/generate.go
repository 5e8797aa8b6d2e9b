package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

type generateFlags struct {
	typ, project, expires, login string
	asJSON                       bool
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
when --project is given.`,
		Example: `  sonartoken generate ci --type project --project app --expires 90d | gh secret set SONAR_TOKEN
  sonartoken generate laptop --expires 2026-12-31 --json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.generate(cmd.Context(), args[0], gf)
		},
	}
	f := cmd.Flags()
	f.StringVar(&gf.typ, "type", "", "token type: user, global or project")
	f.StringVar(&gf.project, "project", "", "project `KEY` of a project analysis token")
	f.StringVar(&gf.expires, "expires", "", "expiry: 30d, 90d, 1y, never, or a date YYYY-MM-DD (default 30d)")
	f.StringVar(&gf.login, "login", "", "generate for this user (administrators; user tokens only)")
	f.BoolVar(&gf.asJSON, "json", false, "print one JSON object, value included")
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

// expiryDate checks an expiry against today and the server's max lifetime
// (with the server's own message) and resolves it to the date to send;
// nil means the server's default: 30 days where expiry exists.
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
	now := a.io.Now()
	expires, err := expiryDate(ctx, s.client, exp, now)
	if err != nil {
		return err
	}
	nt, err := a.create(ctx, s, client.GenerateRequest{Login: gf.login, Name: name, Type: typ, ProjectKey: gf.project, ExpiresOn: expires})
	if err != nil {
		return err
	}
	if gf.asJSON {
		out := generatedJSON{tokenJSON: toJSON(nt.Token, now), Token: nt.Value.Reveal()}
		if err := writeJSON(a.io.Out, out); err != nil {
			return lostValue(nt.Token, gf.login, err)
		}
	} else if _, err := fmt.Fprintln(a.io.Out, nt.Value.Reveal()); err != nil {
		return lostValue(nt.Token, gf.login, fmt.Errorf("write the value: %w", err))
	}
	fmt.Fprintf(a.io.Err, "Generated %s. It will not be shown again.\n", describeToken(nt.Token))
	return nil
}

// create generates a token. When the request failed in a way that may
// still have created it, it looks the name up and, if the token exists,
// says that its value is lost and how to revoke it.
func (a *app) create(ctx context.Context, s *session, req client.GenerateRequest) (model.NewToken, error) {
	nt, err := s.client.Generate(ctx, req)
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
	op := fmt.Sprintf("generate token %q%s", req.Name, ofLogin(req.Login))
	if !client.MayHaveReachedServer(err) {
		return nt, wrap(op, err)
	}
	toks, serr := s.client.SearchTokens(context.WithoutCancel(ctx), req.Login)
	if serr != nil {
		return nt, wrap(op, fmt.Errorf("%s; the token may have been created anyway (checking failed: %s): see sonartoken list%s", client.Describe(err), client.Describe(serr), loginFlag(req.Login)))
	}
	for _, t := range toks {
		if t.Name == model.TrimName(req.Name) {
			return nt, &codedError{code: ExitError, err: err, msg: fmt.Sprintf(
				"%s: %s\nThe token %q was created, but its value was lost and cannot be recovered. Revoke it with: sonartoken revoke %s%s",
				op, client.Describe(err), t.Name, shellQuote(t.Name), loginFlag(req.Login))}
		}
	}
	return nt, wrap(op, err)
}

// fillProjectName completes a generated project token with its project's
// name (generate answers only the key); best effort.
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
	return &codedError{code: ExitError, err: err, msg: fmt.Sprintf(
		"the token %q was created but its value could not be written (%v); it cannot be recovered. Revoke it with: sonartoken revoke %s%s",
		t.Name, err, shellQuote(t.Name), loginFlag(login))}
}

// describeToken is a one-line description for standard error.
func describeToken(t model.Token) string {
	var b strings.Builder
	label := t.Type.Label()
	if label == "" {
		label = "token"
	}
	fmt.Fprintf(&b, "%s %q for %s", label, t.Name, t.Login)
	if t.ProjectKey != "" {
		fmt.Fprintf(&b, " on project %s", t.ProjectKey)
	}
	if t.ExpiresAt != nil {
		fmt.Fprintf(&b, ", expires %s", t.ExpiresAt.Format(time.DateOnly))
	} else {
		b.WriteString(", no expiration")
	}
	return b.String()
}

// shellQuote quotes a word for a command line the user may paste.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+:@=,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
