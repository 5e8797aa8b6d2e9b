package ui

import (
	"context"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// Service is what the console needs from a SonarQube server.
// *client.Client satisfies it; tests inject fakes.
type Service interface {
	BaseURL() string
	Version() model.Version
	Capabilities() model.Capabilities
	CurrentUser(ctx context.Context) (model.CurrentUser, error)
	SearchTokens(ctx context.Context, login string) ([]model.Token, error)
	Generate(ctx context.Context, r client.GenerateRequest) (model.NewToken, error)
	Revoke(ctx context.Context, login, name string) error
	// GenerateOrConfirm is Generate that settles a lost answer by a search
	// (a *client.LostResponseError says what it found).
	GenerateOrConfirm(ctx context.Context, r client.GenerateRequest) (model.NewToken, error)
	// RevokeOrConfirm is Revoke that settles a lost answer by a search.
	RevokeOrConfirm(ctx context.Context, login, name string) error
	ScannableProjects(ctx context.Context, q string) ([]model.Project, error)
	MaxTokenLifetime(ctx context.Context) (model.MaxLifetime, error)
	// SearchUsers lists a page of users (api/users/search, or API v2
	// where the server dropped it), for the user picker of administrators.
	SearchUsers(ctx context.Context, q client.UsersQuery) (client.UsersPage, error)
	// ScanAllTokens streams every user's tokens, for the review.
	ScanAllTokens(ctx context.Context, o client.ScanOptions) <-chan client.ScanBatch
	// TokenExpiration is the expiry of the console's own token, as the
	// server last reported it.
	TokenExpiration() (time.Time, bool)
}

var _ Service = (*client.Client)(nil)
