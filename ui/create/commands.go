package create

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
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

// GeneratedMsg carries a new token with its value. The root moves the
// value into the reveal and keeps nothing else.
type GeneratedMsg struct {
	Token model.NewToken
	Err   error
	// Req and ProjectName are the request (no value), to send it again
	// when the answer was lost after the token was created.
	Req         client.GenerateRequest
	ProjectName string
}

// RegeneratedMsg reports the revocation of a token created without its
// value, and the new generate that followed it.
type RegeneratedMsg struct {
	Name      string
	RevokeErr error        // the revocation failed: no new generate was sent
	Gen       GeneratedMsg // the new generate, when the revocation worked
}

// GenerateCmd sends the form's request for login ("" for the signed-in
// user), its expiry resolved against now.
func GenerateCmd(ctx context.Context, svc Service, login string, req Request, now time.Time) tea.Cmd {
	r := client.GenerateRequest{Login: login, Name: req.Name, Type: req.Type}
	if req.Type == model.TypeProject {
		r.ProjectKey = req.Project.Key
	}
	if req.HasExpiration {
		if d, ok := req.Expiration.Resolve(now); ok {
			r.ExpiresOn = d
		}
	}
	return RequestCmd(ctx, svc, r, req.Project.Name)
}

// RegenerateCmd revokes the token name, created without its value, then
// sends req again. Both settle lost answers.
func RegenerateCmd(ctx context.Context, svc Service, name string, req client.GenerateRequest, projectName string) tea.Cmd {
	gen := RequestCmd(ctx, svc, req, projectName)
	return func() tea.Msg {
		if err := svc.RevokeOrConfirm(ctx, req.Login, name); err != nil {
			return RegeneratedMsg{Name: name, RevokeErr: err}
		}
		return RegeneratedMsg{Name: name, Gen: gen().(GeneratedMsg)}
	}
}

// RequestCmd sends req (client.GenerateOrConfirm). The message keeps the
// request, without any value, so that a token created without its value
// can be generated again.
func RequestCmd(ctx context.Context, svc Service, req client.GenerateRequest, projectName string) tea.Cmd {
	return func() tea.Msg {
		nt, err := Generate(ctx, svc, req, projectName)
		return GeneratedMsg{Token: nt, Err: err, Req: req, ProjectName: projectName}
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
