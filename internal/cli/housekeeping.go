package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
)

// refuseReadOnly refuses a change under --read-only.
func refuseReadOnly(cmd *cobra.Command, what string) error {
	if ro, _ := cmd.Flags().GetBool("read-only"); ro {
		return usageErr(fmt.Errorf("--read-only: %s changes the server, which --read-only forbids", what))
	}
	return nil
}

// checkRevokeFlags refuses --revoke without a state filter (unless a plan
// holds the list), under --read-only, and --yes or --plan without --revoke.
func checkRevokeFlags(cmd *cobra.Command, rf reviewFlags) error {
	fromPlan := rf.yes && rf.plan != ""
	switch {
	case rf.yes && !rf.revoke:
		return usageErr(errors.New("--yes confirms --revoke: give --revoke too"))
	case rf.plan != "" && !rf.revoke:
		return usageErr(errors.New("--plan goes with --revoke: review --status expired --revoke --plan FILE writes the dry run's list, review --revoke --yes --plan FILE revokes it"))
	case !rf.revoke:
		return nil
	case rf.failOn != "":
		return usageErr(errors.New("--revoke and --fail-on do not go together: a dry run exits 0"))
	case fromPlan && rf.login != "":
		return usageErr(errors.New("--login does not go with --yes --plan: the plan holds the exact list of tokens to revoke"))
	case !fromPlan && rf.status == "" && rf.unusedFor == "":
		return usageErr(errors.New("--revoke needs a filter on the tokens' state: --status (such as --status expired) or --unused-for (such as --unused-for 180d); --type and --login only narrow them"))
	}
	return refuseReadOnly(cmd, "review --revoke")
}

// sessionHint is what s knows of its own token.
func sessionHint(s *session) model.SessionHint {
	exp, ok := s.client.TokenExpiration()
	return model.SessionHint{Login: s.user.Login, Type: model.TypeOfValue(s.settings.Token.Reveal()), Expiration: exp, HasExpiration: ok}
}

// keptWhy names the expiry header, which a proxy may drop.
func keptWhy(h model.SessionHint) string {
	const why = "it may be the token sonartoken is signed in with"
	if h.HasExpiration {
		return why
	}
	which := "token"
	if h.Type != model.TypeUnknown {
		which = strings.ToLower(h.Type.Label())
	}
	return fmt.Sprintf("%s (the server sent no %s header, so any of %s's unexpired %ss may be)", why, client.ExpirationHeader, model.Printable(h.Login), which)
}

// housekeep revokes what the review kept (dry run without --yes), never the session's own token.
func (a *app) housekeep(ctx context.Context, w io.Writer, parts []reviewPart, rf reviewFlags, multi bool) error {
	now := a.io.Now()
	yes := rf.yes
	type target struct {
		s *session
		t model.Token
	}
	var todo []target
	for _, p := range parts {
		h := sessionHint(p.s)
		for _, t := range p.tokens {
			if h.MayBeSession(t, now) {
				fmt.Fprintf(w, "kept %s: %s\n", hkSubject(p.s, t, multi), keptWhy(h))
				continue
			}
			todo = append(todo, target{p.s, t})
		}
	}
	if !yes && rf.plan != "" {
		p := plan{Kind: planKind, Version: planVersion, Made: now.UTC(), Tokens: make([]planToken, 0, len(todo))}
		for _, tg := range todo {
			p.Tokens = append(p.Tokens, planEntry(tg.s, tg.t))
		}
		if err := writePlan(rf.plan, p); err != nil {
			return err
		}
		fmt.Fprintf(w, "Dry run: %s would be revoked, written to the plan %s. Run sonartoken review --revoke --yes --plan %s to revoke exactly %s.\n", countTokens(len(todo)), model.Printable(rf.plan), model.ShellQuote(rf.plan), them(len(todo)))
		return nil
	}
	if !yes {
		fmt.Fprintf(w, "Dry run: %s would be revoked. Run again with --yes to revoke %s.\n", countTokens(len(todo)), them(len(todo)))
		return nil
	}
	changed := 0
	for _, p := range parts {
		for _, c := range p.changes {
			fmt.Fprintf(w, "not revoked %s: %s\n", hkSubject(p.s, model.Token{Login: c.t.Login, Name: c.t.Name}, multi), c.why)
			if !c.benign {
				changed++
			}
		}
	}
	failed := 0
	for _, tg := range todo {
		login := tg.t.Login
		if login == tg.s.user.Login {
			login = ""
		}
		err := tg.s.client.RevokeOrConfirm(ctx, login, tg.t.Name)
		a.record(tg.s, audit.Revoke, tg.t, err)
		if err != nil {
			failed++
			fmt.Fprintf(w, "failed %s: %s\n", hkSubject(tg.s, tg.t, multi), model.Printable(errorWords(err)))
			continue
		}
		fmt.Fprintf(w, "revoked %s\n", hkSubject(tg.s, tg.t, multi))
	}
	if failed > 0 {
		return &codedError{code: ExitError, msg: fmt.Sprintf("%d of %d revocations failed (see above)", failed, len(todo))}
	}
	fmt.Fprintf(w, "Revoked %s.\n", countTokens(len(todo)))
	if changed > 0 {
		return &codedError{code: ExitError, msg: fmt.Sprintf("%s of the plan changed since it was made and %s not revoked (see above): review them, and make a new plan if they should go", countTokens(changed), map[bool]string{true: "was", false: "were"}[changed == 1])}
	}
	return nil
}

// hkSubject names a token by user and name, and server when several.
func hkSubject(s *session, t model.Token, multi bool) string {
	sub := model.Printable(t.Login) + " " + model.Quote(t.Name)
	if multi {
		sub += " on " + model.Printable(s.settings.URL)
	}
	return sub
}

func countTokens(n int) string {
	if n == 1 {
		return "1 token"
	}
	return fmt.Sprintf("%d tokens", n)
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
