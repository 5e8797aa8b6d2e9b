package rotate

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
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

// GeneratedMsg carries the replacement of a rotation, with its value.
// The root moves the value into the rotation dialog and keeps nothing
// else.
type GeneratedMsg struct {
	Token model.NewToken
	Err   error
}

// RetriedMsg reports the revocation of a replacement created without its
// value, and the new generate that followed it.
type RetriedMsg struct {
	Lost      model.Token  // the valueless replacement
	RevokeErr error        // its revocation failed: no new generate was sent
	Gen       GeneratedMsg // the new generate, when the revocation worked
}

// RevokedMsg reports the revocation of a rotated token.
type RevokedMsg struct {
	Old model.Token
	Err error
}

// GenerateCmd generates the replacement of a rotated token; projectName
// names its project when the server's answer does not.
func GenerateCmd(ctx context.Context, svc Service, req client.GenerateRequest, projectName string) tea.Cmd {
	return func() tea.Msg {
		nt, err := create.Generate(ctx, svc, req, projectName)
		return GeneratedMsg{Token: nt, Err: err}
	}
}

// RetryCmd revokes the replacement lost, created without its value, then
// generates req again. Both settle lost answers; the old token is not
// touched.
func RetryCmd(ctx context.Context, svc Service, login string, lost model.Token, req client.GenerateRequest, projectName string) tea.Cmd {
	gen := GenerateCmd(ctx, svc, req, projectName)
	return func() tea.Msg {
		if err := svc.RevokeOrConfirm(ctx, login, lost.Name); err != nil {
			return RetriedMsg{Lost: lost, RevokeErr: err}
		}
		return RetriedMsg{Lost: lost, Gen: gen().(GeneratedMsg)}
	}
}

// RevokeCmd revokes the rotated token.
func RevokeCmd(ctx context.Context, svc Service, login string, old model.Token) tea.Cmd {
	return func() tea.Msg {
		return RevokedMsg{Old: old, Err: svc.RevokeOrConfirm(ctx, login, old.Name)}
	}
}
