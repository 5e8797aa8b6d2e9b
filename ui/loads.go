package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/errtext"
)

// The root's own loads: the signed-in user, the tokens of the user shown,
// and what the generate form needs. Every command copies what it needs
// into locals: the closure never reads the model.

// loadedMsg carries everything the first screen needs, fetched
// concurrently in one command so that the screen settles in one step.
type loadedMsg struct {
	user     model.CurrentUser
	userErr  error
	tokens   tokensMsg
	projects []model.Project
	max      model.MaxLifetime
}

// tokensMsg carries the token list, and the expiry the server reported
// for the console's own token.
type tokensMsg struct {
	tokens    []model.Token
	expiry    time.Time
	hasExpiry bool
	err       error
}

// userMsg carries the signed-in user, read again by a refresh.
type userMsg struct {
	user model.CurrentUser
	err  error
}

// Outcome implements common.Result.
func (m loadedMsg) Outcome() common.Outcome {
	return common.Outcome{Err: errors.Join(m.userErr, m.tokens.err), Ends: true}
}

// Outcome implements common.Result.
func (m tokensMsg) Outcome() common.Outcome { return common.Outcome{Err: m.err, Ends: true} }

// Outcome implements common.Result.
func (m userMsg) Outcome() common.Outcome { return common.Outcome{Err: m.err, Ends: true} }

// takeLoad keeps what a load read; the Cmd opens the review for --review.
func (m *Model) takeLoad(r common.Result) tea.Cmd {
	switch msg := r.(type) {
	case loadedMsg:
		m.projects, m.maxLife = msg.projects, msg.max
		m.takeUser(msg.user, msg.userErr)
		m.takeTokens(msg.tokens)
		if m.opts.Review {
			var cmd tea.Cmd
			*m, cmd = m.reviewAtStart()
			return cmd
		}
	case userMsg:
		m.takeUser(msg.user, msg.err)
	case tokensMsg:
		m.takeTokens(msg)
	}
	return nil
}

// takeUser keeps the signed-in user read, or says why it could not be,
// and opens the administrators' keys when the session allows them.
func (m *Model) takeUser(u model.CurrentUser, err error) {
	if err != nil {
		m.status.SetError("Could not read the signed-in user: " + errtext.Describe(err))
		return
	}
	m.user, m.userLoaded = u, true
	m.common.Keys.SetAdmin(m.isAdmin())
	m.table.SetOwner(m.ownerLogin(m.login))
}

// takeTokens shows the token list read, or says why it could not be.
func (m *Model) takeTokens(msg tokensMsg) {
	if msg.hasExpiry {
		m.ownExpiry, m.hasOwnExpiry = msg.expiry, true
	}
	if msg.err != nil {
		m.status.SetError("Could not load tokens: " + errtext.Describe(msg.err))
		m.table.SetFailed()
		return
	}
	m.table.SetTokens(msg.tokens)
}

// refresh reloads the token list and the signed-in user (whose first
// read may have failed, closing the administrators' keys).
func (m *Model) refresh() tea.Cmd {
	if m.svc == nil {
		return nil
	}
	tick := m.begin(common.BeganMsg{Activity: "Refreshing tokens…"})
	m.pending++
	return tea.Batch(tick, loadTokensCmd(m.ctx, m.svc, m.login), currentUserCmd(m.ctx, m.svc))
}

// infoTTL is how long a note stays in the status line, unless a key
// clears it first.
var infoTTL = 10 * time.Second

// expireInfoMsg hides a status note.
type expireInfoMsg struct{ id int }

func expireInfoCmd(id int) tea.Cmd {
	return tea.Tick(infoTTL, func(time.Time) tea.Msg { return expireInfoMsg{id: id} })
}

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
