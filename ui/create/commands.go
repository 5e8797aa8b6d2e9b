package create

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/errtext"
	"github.com/sonartoken/sonartoken/ui/reveal"
)

// Service is what generating a token needs from the server, lost answers
// included. *client.Client satisfies it, as does the console's
// ui.Service.
type Service interface {
	// GenerateOrConfirm is Generate that settles a lost answer by a
	// search (a *client.LostResponseError says what it found).
	GenerateOrConfirm(ctx context.Context, r client.GenerateRequest) (model.NewToken, error)
	// RevokeOrConfirm is Revoke that settles a lost answer by a search.
	RevokeOrConfirm(ctx context.Context, login, name string) error
}

// Sender sends a generate and shows its answer: the new value in the
// reveal, or the question that settles a value lost on the way.
type Sender struct {
	common.Common
	Ctx       context.Context
	Svc       Service
	Clipboard clipboard.Writer
	// Login is the API's login parameter ("" for the signed-in user's
	// own token), Owner the owner's login.
	Login, Owner string
}

// GenerateCmd sends the form's request, its expiry resolved against the
// clock.
func (s Sender) GenerateCmd(req Request) tea.Cmd {
	r := client.GenerateRequest{Login: s.Login, Name: req.Name, Type: req.Type}
	if req.Type == model.TypeProject {
		r.ProjectKey = req.Project.Key
	}
	if req.HasExpiration {
		if d, ok := req.Expiration.Resolve(s.Now()); ok {
			r.ExpiresOn = d
		}
	}
	return common.Generate(fmt.Sprintf("Generating token %s…", model.Quote(req.Name)),
		common.Generating{Name: req.Name, Login: s.Login}, s.RequestCmd(r, req.Project.Name))
}

// RequestCmd sends r (client.GenerateOrConfirm). The answer keeps the
// request, without any value, so that a token created without its value
// can be generated again.
func (s Sender) RequestCmd(r client.GenerateRequest, projectName string) tea.Cmd {
	return func() tea.Msg {
		nt, err := Generate(s.Ctx, s.Svc, r, projectName)
		return GeneratedMsg{Token: nt, Err: err, Req: r, ProjectName: projectName, s: s}
	}
}

// RegenerateCmd revokes the token name, created without its value, then
// sends r again. Both settle lost answers.
func (s Sender) RegenerateCmd(name string, r client.GenerateRequest, projectName string) tea.Cmd {
	gen := s.RequestCmd(r, projectName)
	return func() tea.Msg {
		if err := s.Svc.RevokeOrConfirm(s.Ctx, r.Login, name); err != nil {
			return RegeneratedMsg{Name: name, RevokeErr: err, s: s}
		}
		return RegeneratedMsg{Name: name, Gen: gen().(GeneratedMsg), s: s}
	}
}

// Generate sends req (client.GenerateOrConfirm), blocking: call it from a
// Cmd. projectName names the token's project when the server's answer
// does not.
func Generate(ctx context.Context, svc Service, req client.GenerateRequest, projectName string) (model.NewToken, error) {
	nt, err := svc.GenerateOrConfirm(ctx, req)
	if err == nil && nt.ProjectKey != "" && nt.ProjectName == "" {
		nt.ProjectName = projectName
	}
	return nt, err
}

// GeneratedMsg carries a new token with its value, which goes into the
// reveal and nowhere else.
type GeneratedMsg struct {
	Token model.NewToken
	Err   error
	// Req and ProjectName are the request (no value), to send it again
	// when the answer was lost after the token was created.
	Req         client.GenerateRequest
	ProjectName string
	s           Sender
}

// lost is the lost answer within err, if any.
func lost(err error) (*client.LostResponseError, bool) {
	var l *client.LostResponseError
	if errors.As(err, &l) && l.Op == "generate" {
		return l, true
	}
	return nil, false
}

// problem is the failure in words, for the form or the status line; ""
// when the token was created.
func (m GeneratedMsg) problem() string {
	l, ok := lost(m.Err)
	switch {
	case m.Err == nil || ok && l.Created:
		return ""
	case ok && l.Unconfirmed:
		text := fmt.Sprintf("The answer to generating %s was lost and checking failed too: the outcome is unknown, "+
			"and the token may have been created. Refresh the list (esc, then r) to see. (%s)", model.Quote(l.Name), errtext.Describe(l.SearchErr))
		return errtext.Describe(errors.New(text))
	}
	return errtext.Describe(m.Err)
}

// Outcome implements common.Result: the new value in the reveal, in place
// of the form; when its value was lost, the token is listed and a
// question offers to generate it again; a refusal shows in the form (which
// answers it), or in the status line once the form is closed.
func (m GeneratedMsg) Outcome() common.Outcome {
	o := common.Outcome{Err: m.Err, Ends: true, Generated: true, Owner: m.Req.Login}
	t := m.Token.Token
	if m.Err != nil || t.Name == "" {
		t = model.Token{Login: m.Req.Login, Name: m.Req.Name, Type: m.Req.Type, ProjectKey: m.Req.ProjectKey}
		if !m.Req.ExpiresOn.IsZero() {
			e := m.Req.ExpiresOn
			t.ExpiresAt = &e
		}
	}
	l, isLost := lost(m.Err)
	if isLost && l.Created {
		t = l.Token
	}
	if t.Login == "" {
		t.Login = m.Req.Login
	}
	o.Audit = []common.AuditEntry{{Action: audit.Generate, Token: t, Err: m.Err}}
	switch {
	case isLost && l.Created:
		if l.Token.Login == "" {
			l.Token.Login = m.s.Owner
		}
		o.Added = []model.Token{l.Token}
		o.Open = m.askAgain(l.Name)
	case m.Err != nil:
		o.Error = "Could not generate the token: " + m.problem()
	default:
		o.Added = []model.Token{m.Token.Token}
		r := reveal.New(m.s.Common, m.Token, m.s.Clipboard)
		if m.s.Login != "" {
			r = r.ForOwner(m.s.Login)
		}
		o.Open = reveal.Dialog{Model: r}
	}
	return o
}

// askAgain is the question after a token was created without its value:
// revoke it and send the same request again, or keep it.
func (m GeneratedMsg) askAgain(name string) confirm.Model {
	body := []common.Part{
		common.Line(fmt.Sprintf("Token %s was created, but its value was lost on the way and cannot be recovered.", model.Quote(name)), common.Context),
		common.Blank(),
		common.Line("Revoke it and generate it again with the same settings?", common.Keep),
		common.Line("No keeps it: it stays in the list, and d revokes it later.", common.Hint),
	}
	again := common.Generate(fmt.Sprintf("Revoking %s and generating it again…", model.Quote(name)),
		common.Generating{Name: name, Login: m.Req.Login}, m.s.RegenerateCmd(name, m.Req, m.ProjectName))
	return confirm.New(m.s.Common, "Token value lost", body, "Revoke and generate again", again)
}

// RegeneratedMsg reports the revocation of a token created without its
// value, and the new generate that followed it.
type RegeneratedMsg struct {
	Name      string
	RevokeErr error        // the revocation failed: no new generate was sent
	Gen       GeneratedMsg // the new generate, when the revocation worked
	s         Sender
}

// Outcome implements common.Result.
func (m RegeneratedMsg) Outcome() common.Outcome {
	gone := model.Token{Login: m.Gen.Req.Login, Name: m.Name}
	if m.RevokeErr != nil {
		return common.Outcome{Err: m.RevokeErr, Ends: true, Generated: true,
			Audit: []common.AuditEntry{{Action: audit.Revoke, Token: model.Token{Login: m.s.Login, Name: m.Name}, Err: m.RevokeErr}},
			Error: fmt.Sprintf("Could not revoke %s, whose value was lost: %s. It still exists: revoke it with d.",
				model.Quote(m.Name), errtext.Describe(m.RevokeErr))}
	}
	o := common.Outcome{Audit: []common.AuditEntry{{Action: audit.Revoke, Token: gone}}}
	gone.Login = m.s.Owner
	o.Revoked = []model.Token{gone}
	return o.And(m.Gen.Outcome())
}
