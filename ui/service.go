package ui

import (
	"context"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// Service is what the console needs from a SonarQube server: what the
// root and the token page use, plus the small interfaces of the flows
// that own their I/O (create.Service, rotate.Service, review.Service).
// *client.Client satisfies it; tests inject fakes.
type Service interface {
	create.Service // GenerateOrConfirm, RevokeOrConfirm
	rotate.Service // the same two
	review.Service // ScanAllTokens, RevokeOrConfirm

	BaseURL() string
	Version() model.Version
	Capabilities() model.Capabilities
	CurrentUser(ctx context.Context) (model.CurrentUser, error)
	SearchTokens(ctx context.Context, login string) ([]model.Token, error)
	Generate(ctx context.Context, r client.GenerateRequest) (model.NewToken, error)
	Revoke(ctx context.Context, login, name string) error
	ScannableProjects(ctx context.Context, q string) ([]model.Project, error)
	MaxTokenLifetime(ctx context.Context) (model.MaxLifetime, error)
	// SearchUsers lists a page of users (api/users/search, or API v2
	// where the server dropped it), for the user picker of administrators.
	SearchUsers(ctx context.Context, q client.UsersQuery) (client.UsersPage, error)
	// TokenExpiration is the expiry of the console's own token, as the
	// server last reported it.
	TokenExpiration() (time.Time, bool)
}

var _ Service = (*client.Client)(nil)
