package rotate

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/errtext"
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
	// CheckToken checks that a token value authenticates as login on the
	// same server (client.CheckToken): a *client.TokenCheckError when it
	// does not, or when the check could not conclude.
	CheckToken(ctx context.Context, value model.Secret, login string) error
}

// GeneratedMsg carries the replacement of Old, with its value, which goes
// into the rotation and nowhere else; Req is what was asked.
type GeneratedMsg struct {
	Token model.NewToken
	Err   error
	Old   model.Token
	Req   client.GenerateRequest
	// Check is why the replacement was not shown to sign in as its
	// owner (a *client.TokenCheckError), nil when it was. Then the
	// replacement was revoked at once (Undo is that revocation's failure:
	// it still exists), its value is dropped (Token.Value is zero), and
	// the old token is kept.
	Check error
	Undo  error
}

// Outcome implements common.Result: the replacement is listed (created
// without its value too, or left after a failed check), and a failure
// is logged as the rotation's.
func (m GeneratedMsg) Outcome() common.Outcome {
	o := common.Outcome{Err: m.Err, Ends: true, Generated: true, Owner: m.Old.Login}
	if m.Err != nil {
		o.Audit = []common.AuditEntry{{Action: audit.Rotate, Token: m.Old, NewName: m.Req.Name, Err: m.Err}}
	}
	switch lost, ok := asLost(m.Err); {
	case ok && lost.Created:
		o.Added = []model.Token{lost.Token}
	case m.Err == nil && m.Check != nil:
		// Not an Err: the dialog says what happened and how to finish.
		o.Audit = []common.AuditEntry{
			{Action: audit.Rotate, Token: m.Old, NewName: m.Req.Name, Err: m.Check},
			{Action: audit.Revoke, Token: m.Token.Token, Err: m.Undo},
		}
		what := "it was revoked unseen; the old token is kept"
		if m.Undo != nil {
			o.Added = []model.Token{m.Token.Token}
			what = "revoking it failed too (" + errtext.Describe(m.Undo) + "): both tokens exist"
		}
		o.Log = []common.LogLine{{Bad: true, Text: model.PrintableLines("Rotation of " + model.Quote(m.Old.Name) + ": the new token " +
			model.Quote(m.Token.Token.Name) + " did not pass the sign-in check (" + m.Check.Error() + "); " + what + ".")}}
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

// GenerateCmd generates req, the replacement of old, and checks that it
// signs in as owner (the user the rotation is for, never the login the
// answer names) before its value is shown: a replacement that does not is
// revoked at once, and old is kept. The value goes to the same server
// only, in the check's request.
func GenerateCmd(ctx context.Context, svc Service, req client.GenerateRequest, old model.Token, owner string) tea.Cmd {
	return func() tea.Msg {
		nt, err := create.Generate(ctx, svc, req, old.ProjectName)
		msg := GeneratedMsg{Token: nt, Err: err, Old: old, Req: req}
		if err != nil {
			return msg
		}
		if msg.Check = svc.CheckToken(ctx, nt.Value, owner); msg.Check != nil {
			msg.Token.Value = model.Secret{} // never shown: it does not work
			msg.Undo = svc.RevokeOrConfirm(ctx, req.Login, nt.Token.Name)
		}
		return msg
	}
}

// RetryCmd revokes the replacement lost, created without its value, then
// generates req again. Both settle lost answers; old is not touched.
func RetryCmd(ctx context.Context, svc Service, login string, lost model.Token, req client.GenerateRequest, old model.Token, owner string) tea.Cmd {
	gen := GenerateCmd(ctx, svc, req, old, owner)
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
