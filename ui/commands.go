package ui

import (
	"context"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// infoTTL is how long a note stays in the status line, unless a key
// clears it first.
var infoTTL = 10 * time.Second

// Every command copies what it needs into locals: the closure never reads
// the model, which may have changed by the time it runs.

// loadAllCmd fetches the user, the tokens, the scannable projects and the
// max lifetime at once. Failures to read projects or the max lifetime only
// narrow the form; the server enforces its rules anyway.
func loadAllCmd(ctx context.Context, svc Service, login string, projects, maxLife bool) tea.Cmd {
	return func() tea.Msg { return loadAll(ctx, svc, login, projects, maxLife) }
}

// loadAll is loadAllCmd's work, which the start-up screen also does while
// it checks the token (firstLoad).
func loadAll(ctx context.Context, svc Service, login string, projects, maxLife bool) loadedMsg {
	var msg loadedMsg
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		msg.user, msg.userErr = currentUser(ctx, svc)
	}()
	go func() {
		defer wg.Done()
		msg.tokens.tokens, msg.tokens.err = svc.SearchTokens(ctx, login)
	}()
	if projects {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ps, err := svc.ScannableProjects(ctx, ""); err == nil {
				msg.projects = ps
			}
		}()
	}
	if maxLife {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if m, err := svc.MaxTokenLifetime(ctx); err == nil {
				msg.max = m
			}
		}()
	}
	wg.Wait()
	if login == "" && msg.userErr == nil && msg.tokens.err == nil {
		// The tokens were asked before the client knew whose they are.
		msg.tokens.err = client.CheckOwnTokens(msg.user.Login, msg.tokens.tokens)
	}
	msg.tokens.expiry, msg.tokens.hasExpiry = svc.TokenExpiration()
	return msg
}

// currentUser reads the signed-in user; an anonymous answer means the
// server no longer accepts the token, as a 401 does.
func currentUser(ctx context.Context, svc Service) (model.CurrentUser, error) {
	u, err := svc.CurrentUser(ctx)
	if err == nil && !u.IsLoggedIn {
		err = &client.APIError{Method: "GET", Endpoint: "api/users/current", Status: 401}
	}
	return u, err
}

// currentUserCmd reads the signed-in user again (r).
func currentUserCmd(ctx context.Context, svc Service) tea.Cmd {
	return func() tea.Msg {
		u, err := currentUser(ctx, svc)
		return userMsg{user: u, err: err}
	}
}

func loadTokensCmd(ctx context.Context, svc Service, login string) tea.Cmd {
	return func() tea.Msg {
		ts, err := svc.SearchTokens(ctx, login)
		exp, ok := svc.TokenExpiration()
		return tokensMsg{tokens: ts, expiry: exp, hasExpiry: ok, err: err}
	}
}

// revokeCmd revokes t; login is the API's login parameter ("" for one's
// own token).
func revokeCmd(ctx context.Context, svc Service, login string, t model.Token) tea.Cmd {
	return func() tea.Msg {
		return revokedMsg{name: t.Name, token: t, err: svc.RevokeOrConfirm(ctx, login, t.Name)}
	}
}

func expireInfoCmd(id int) tea.Cmd {
	return tea.Tick(infoTTL, func(time.Time) tea.Msg { return expireInfoMsg{id: id} })
}
