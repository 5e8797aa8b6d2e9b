// Package revoke is the revocation of one token: the question that names
// it and what revoking it costs, the request, and its answer. The bulk
// revocation (ui/review) asks in the same words.
package revoke

import (
	"context"
	"fmt"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/errtext"
	"github.com/sonartoken/sonartoken/ui/session"
)

// SignOutWarning is the line a revocation's question carries when a token
// it revokes may be the one the console is signed in with.
const SignOutWarning = "This may be the token this console is signed in with: revoking it signs you out."

// Service is what a revocation needs from the server.
type Service interface {
	// RevokeOrConfirm is Revoke that settles a lost answer by a search.
	RevokeOrConfirm(ctx context.Context, login, name string) error
}

// Ask is the question before revoking t, whose yes revokes it; login is
// the API's login parameter ("" for one's own token), and showOwner names
// t's owner (another user's token, the review).
func Ask(c common.Common, s session.Session, t model.Token, login string, showOwner bool) confirm.Model {
	body := []common.Part{common.Line(fmt.Sprintf("Revoke token %s?", model.Quote(t.Name)), common.Keep)}
	body = append(body, SignOutParts(s, c.Now(), t)...)
	if showOwner {
		body = append(body, common.Line("Owner: "+t.Login, common.Context))
	}
	if t.Type != model.TypeUnknown {
		body = append(body, common.Line("Type: "+t.Type.Label(), common.Context))
	}
	if p := projectOf(t); p != "" {
		body = append(body, common.Line("Project: "+p, common.Context))
	}
	body = append(body, common.Line(Consequence(1, !t.IsExpiredAt(c.Now())), common.Hint))
	work := common.Work(fmt.Sprintf("Revoking token %s…", model.Quote(t.Name)), Cmd(s.Ctx, s.Svc, login, t))
	return confirm.New(c, "Revoke token "+t.Name, body, "Revoke", work)
}

// Consequence says what revoking n tokens costs, the same for one token
// and for a bulk revocation: what uses them stops working, unless every
// one has expired already.
func Consequence(n int, anyActive bool) string {
	switch {
	case anyActive && n == 1:
		return "Anything using it will stop working."
	case anyActive:
		return "Anything using them will stop working."
	case n == 1:
		return "It has expired: revoking only takes it off the list."
	}
	return "They have expired: revoking only takes them off the list."
}

// SignOutParts is the warning, as a part never given up, when one of ts
// may be the console's own token; nothing otherwise.
func SignOutParts(s session.Session, now time.Time, ts ...model.Token) []common.Part {
	if slices.ContainsFunc(ts, s.MayBeOwn(now)) {
		return []common.Part{common.Line(SignOutWarning, common.Keep)}
	}
	return nil
}

func projectOf(t model.Token) string {
	if t.ProjectName != "" {
		return t.ProjectName
	}
	return t.ProjectKey
}

// Cmd revokes t; login is the API's login parameter.
func Cmd(ctx context.Context, svc Service, login string, t model.Token) tea.Cmd {
	return func() tea.Msg {
		return DoneMsg{Token: t, Err: svc.RevokeOrConfirm(ctx, login, t.Name)}
	}
}

// DoneMsg is the answer to a revocation.
type DoneMsg struct {
	Token model.Token
	Err   error
}

// Outcome implements common.Result.
func (m DoneMsg) Outcome() common.Outcome {
	o := common.Outcome{Err: m.Err, Ends: true, Audit: []common.AuditEntry{{Action: audit.Revoke, Token: m.Token, Err: m.Err}}}
	if m.Err != nil {
		o.Error = fmt.Sprintf("Could not revoke %s: %s", model.Quote(m.Token.Name), errtext.Describe(m.Err))
		return o
	}
	o.Revoked = []model.Token{m.Token}
	o.Info = fmt.Sprintf("Token %s is gone.", model.Quote(m.Token.Name))
	return o
}
