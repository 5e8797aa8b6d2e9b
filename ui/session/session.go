// Package session holds what the console's flows need of the signed-in
// session: the server, who is signed in, and what the server and the
// session allow. The root builds a Session and hands it to the pages
// (SetSession); the flows they open copy what they need into their Cmds.
package session

import (
	"context"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
)

// Service is what the pages' flows ask the server: generating and
// revoking (each settling a lost answer by a search), the review's scan,
// user searches, and the check of a rotation's new token. It holds the flows' own small interfaces
// (create.Service, rotate.Service, review.Service, detail.Service);
// *client.Client satisfies it.
type Service interface {
	GenerateOrConfirm(ctx context.Context, r client.GenerateRequest) (model.NewToken, error)
	RevokeOrConfirm(ctx context.Context, login, name string) error
	ScanAllTokens(ctx context.Context, o client.ScanOptions) <-chan client.ScanBatch
	SearchUsers(ctx context.Context, q client.UsersQuery) (client.UsersPage, error)
	// CheckToken checks that a new token signs in as login on the same
	// server, before a rotation revokes the token it replaces.
	CheckToken(ctx context.Context, value model.Secret, login string) error
}

// Session is the signed-in session as the flows see it.
type Session struct {
	Ctx       context.Context
	Svc       Service // nil without a server: nothing is sent
	Clipboard clipboard.Writer
	// User is the signed-in user (its Login is "" until read), Admin
	// whether the administrators' actions are open to the session.
	User  model.CurrentUser
	Admin bool
	Caps  model.Capabilities
	// ReadOnly refuses every change (--read-only).
	ReadOnly bool
	// Own is what is known of the token the console signed in with.
	Own model.SessionHint
	// Projects and MaxLife are what the generate form offers; Project is
	// the project at hand (sonar-project.properties), preselected.
	Projects []model.Project
	MaxLife  model.MaxLifetime
	Project  string
	// Concurrency bounds the requests in flight of the review's scan and
	// of bulk revocations.
	Concurrency int
}

// Changes reports whether the session may change the server.
func (s Session) Changes() bool { return !s.ReadOnly && s.Svc != nil }

// APILogin is the API's login parameter for the tokens of owner: "" for
// the signed-in user's own.
func (s Session) APILogin(owner string) string {
	if owner == s.User.Login {
		return ""
	}
	return owner
}

// MayBeOwn reports, at now, whether a token may be the one the console
// is signed in with (model.SessionHint.MayBeSession); a function of
// values only, for a Cmd.
func (s Session) MayBeOwn(now time.Time) func(model.Token) bool {
	h := s.Own
	return func(t model.Token) bool { return h.MayBeSession(t, now) }
}
