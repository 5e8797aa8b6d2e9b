package rotate

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/create"
)

// Service is what a rotation needs from the server: generating the
// replacement and revoking a token, each settling a lost answer by a
// search. *client.Client satisfies it, as does the console's ui.Service.
type Service interface {
	// GenerateOrConfirm is Generate that settles a lost answer by a
	// search (a *client.LostResponseError says what it found).
	GenerateOrConfirm(ctx context.Context, r client.GenerateRequest) (model.NewToken, error)
	// RevokeOrConfirm is Revoke that settles a lost answer by a search.
	RevokeOrConfirm(ctx context.Context, login, name string) error
}

// GeneratedMsg carries the replacement of Old, with its value, which goes
// into the rotation and nowhere else; Req is what was asked.
type GeneratedMsg struct {
	Token model.NewToken
	Err   error
	Old   model.Token
	Req   client.GenerateRequest
}

// Outcome implements common.Result: the replacement is listed (created
// without its value too), and a failure is logged as the rotation's.
func (m GeneratedMsg) Outcome() common.Outcome {
	o := common.Outcome{Err: m.Err, Ends: true, Generated: true, Owner: m.Old.Login}
	if m.Err != nil {
		o.Audit = []common.AuditEntry{{Action: audit.Rotate, Token: m.Old, NewName: m.Req.Name, Err: m.Err}}
	}
	switch lost, ok := asLost(m.Err); {
	case ok && lost.Created:
		o.Added = []model.Token{lost.Token}
	case m.Err == nil:
		o.Added = []model.Token{m.Token.Token}
	}
	return o
}

// RetriedMsg reports the revocation of a replacement created without its
// value, and the new generate that followed it.
type RetriedMsg struct {
	Lost      model.Token  // the valueless replacement
	RevokeErr error        // its revocation failed: no new generate was sent
	Gen       GeneratedMsg // the new generate, when the revocation worked
}

// Outcome implements common.Result.
func (m RetriedMsg) Outcome() common.Outcome {
	o := common.Outcome{Err: m.RevokeErr, Audit: []common.AuditEntry{{Action: audit.Revoke, Token: m.Lost, Err: m.RevokeErr}}}
	if m.RevokeErr != nil {
		o.Ends, o.Generated = true, true
		return o
	}
	o.Revoked = []model.Token{m.Lost}
	return o.And(m.Gen.Outcome())
}

// RevokedMsg reports the revocation of the rotated token Old, replaced by
// NewName.
type RevokedMsg struct {
	Old     model.Token
	NewName string
	Err     error
}

// Outcome implements common.Result: the rotation's end, in the audit log.
func (m RevokedMsg) Outcome() common.Outcome {
	o := common.Outcome{Err: m.Err, Ends: true, Audit: []common.AuditEntry{{Action: audit.Rotate, Token: m.Old, NewName: m.NewName, Err: m.Err}}}
	if m.Err == nil {
		o.Revoked = []model.Token{m.Old}
	}
	return o
}

// ClosedMsg says the rotation closed. New is the replacement when one was
// generated; Revoked is true when the old token is gone.
type ClosedMsg struct {
	Old, New  model.Token
	Generated bool
	Revoked   bool
}

// Outcome implements common.Result: a rotation stopped with both tokens
// kept is, in the audit log, a generate.
func (m ClosedMsg) Outcome() common.Outcome {
	if !m.Generated || m.Revoked {
		return common.Outcome{}
	}
	return common.Outcome{Audit: []common.AuditEntry{{Action: audit.Generate, Token: m.New}}}
}

// GenerateCmd generates req, the replacement of old.
func GenerateCmd(ctx context.Context, svc Service, req client.GenerateRequest, old model.Token) tea.Cmd {
	return func() tea.Msg {
		nt, err := create.Generate(ctx, svc, req, old.ProjectName)
		return GeneratedMsg{Token: nt, Err: err, Old: old, Req: req}
	}
}

// RetryCmd revokes the replacement lost, created without its value, then
// generates req again. Both settle lost answers; old is not touched.
func RetryCmd(ctx context.Context, svc Service, login string, lost model.Token, req client.GenerateRequest, old model.Token) tea.Cmd {
	gen := GenerateCmd(ctx, svc, req, old)
	return func() tea.Msg {
		if err := svc.RevokeOrConfirm(ctx, login, lost.Name); err != nil {
			return RetriedMsg{Lost: lost, RevokeErr: err}
		}
		return RetriedMsg{Lost: lost, Gen: gen().(GeneratedMsg)}
	}
}

// RevokeCmd revokes old, replaced by newName.
func RevokeCmd(ctx context.Context, svc Service, login string, old model.Token, newName string) tea.Cmd {
	return func() tea.Msg {
		return RevokedMsg{Old: old, NewName: newName, Err: svc.RevokeOrConfirm(ctx, login, old.Name)}
	}
}
