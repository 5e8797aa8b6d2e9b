package client

import (
	"context"
	"fmt"

	"github.com/sonartoken/sonartoken/model"
)

// FindToken looks a token up by name, trimmed as the server trims it.
func (c *Client) FindToken(ctx context.Context, login, name string) (model.Token, bool, error) {
	toks, err := c.SearchTokens(ctx, login)
	if err != nil {
		return model.Token{}, false, err
	}
	want := model.TrimName(name)
	for _, t := range toks {
		if t.Name == want {
			return t, true, nil
		}
	}
	return model.Token{}, false, nil
}

// LostResponseError is a generate or revoke whose answer was lost, with what
// a search then settled. It unwraps to the lost request's error.
type LostResponseError struct {
	Op    string // "generate" or "revoke"
	Login string // the token's user; "" for the signed-in user
	Name  string // the token's name, trimmed as the server trims it
	// Created: the lost generate did create the token, whose value is lost.
	Created bool
	// Token is the token found when Created.
	Token model.Token
	// Unconfirmed: the search failed too, so the outcome is unknown.
	Unconfirmed bool
	SearchErr   error
	// Err is the error of the generate or revoke request.
	Err error
}

// Error never holds a token value.
func (e *LostResponseError) Error() string {
	subject := fmt.Sprintf("%s token %s", e.Op, model.Quote(e.Name))
	if e.Login != "" {
		subject += " of " + e.Login
	}
	switch {
	case e.Created:
		return fmt.Sprintf("%s: the token was created but its value cannot be recovered: revoke it and generate again: %v", subject, e.Err)
	case e.Unconfirmed && e.Op == "revoke":
		return fmt.Sprintf("%s: the answer was lost (%v) and checking failed (%v): the token may still exist", subject, e.Err, e.SearchErr)
	case e.Unconfirmed:
		return fmt.Sprintf("%s: the answer was lost (%v) and checking failed (%v): the token may have been created", subject, e.Err, e.SearchErr)
	}
	return fmt.Sprintf("%s: %v", subject, e.Err)
}

// Unwrap returns the error of the generate or revoke request.
func (e *LostResponseError) Unwrap() error { return e.Err }

func (e *LostResponseError) describe() string {
	whose := ""
	if e.Login != "" {
		whose = " of " + e.Login
	}
	switch {
	case e.Created:
		return fmt.Sprintf("The token %s%s was created, but the server's answer with its value was lost, and the value cannot be recovered: revoke the token and generate it again. (%s)", model.Quote(e.Name), whose, Describe(e.Err))
	case e.Unconfirmed && e.Op == "revoke":
		return fmt.Sprintf("The answer to revoking %s%s was lost and checking failed too, so the token may still exist: list the tokens before relying on it being gone. (%s Checking: %s)", model.Quote(e.Name), whose, Describe(e.Err), Describe(e.SearchErr))
	case e.Unconfirmed:
		return fmt.Sprintf("The answer to generating %s%s was lost and checking failed too, so the token may have been created: list the tokens before generating it again. (%s Checking: %s)", model.Quote(e.Name), whose, Describe(e.Err), Describe(e.SearchErr))
	}
	return Describe(e.Err)
}

// confirmContext outlives a cancelled ctx: the user must still learn what the request did.
func (c *Client) confirmContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx.Err() == nil {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(context.WithoutCancel(ctx), c.timeout)
}

// GenerateOrConfirm is Generate, never retried; when the request may have reached
// the server, a search for the name settles it (the server refuses a taken name).
func (c *Client) GenerateOrConfirm(ctx context.Context, req GenerateRequest) (model.NewToken, error) {
	nt, err := c.Generate(ctx, req)
	if err == nil || !MayHaveReachedServer(err) {
		return nt, err
	}
	cctx, cancel := c.confirmContext(ctx)
	defer cancel()
	name := model.TrimName(req.Name)
	t, found, serr := c.FindToken(cctx, req.Login, name)
	switch {
	case serr != nil:
		return model.NewToken{}, &LostResponseError{Op: "generate", Login: req.Login, Name: name, Unconfirmed: true, SearchErr: serr, Err: err}
	case found:
		c.log.Debug("lost generate answer: the token exists", "name", name)
		return model.NewToken{}, &LostResponseError{Op: "generate", Login: req.Login, Name: name, Created: true, Token: t, Err: err}
	}
	return model.NewToken{}, err
}

// RevokeOrConfirm is Revoke, never retried; when the request may have reached the
// server, a search settles it.
func (c *Client) RevokeOrConfirm(ctx context.Context, login, name string) error {
	err := c.Revoke(ctx, login, name)
	if err == nil || !MayHaveReachedServer(err) {
		return err
	}
	cctx, cancel := c.confirmContext(ctx)
	defer cancel()
	_, found, serr := c.FindToken(cctx, login, name)
	switch {
	case serr != nil:
		return &LostResponseError{Op: "revoke", Login: login, Name: model.TrimName(name), Unconfirmed: true, SearchErr: serr, Err: err}
	case found:
		return err
	}
	c.log.Debug("lost revoke answer: the token is gone", "name", model.TrimName(name))
	return nil
}
