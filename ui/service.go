package ui

import (
	"context"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	sess "github.com/sonartoken/sonartoken/ui/session"
)

// Service is what the console needs from a SonarQube server: what the
// flows ask (session.Service) and the root's loads. *client.Client
// satisfies it; tests inject fakes.
type Service interface {
	sess.Service

	BaseURL() string
	Version() model.Version
	Capabilities() model.Capabilities
	CurrentUser(ctx context.Context) (model.CurrentUser, error)
	SearchTokens(ctx context.Context, login string) ([]model.Token, error)
	ScannableProjects(ctx context.Context, q string) ([]model.Project, error)
	MaxTokenLifetime(ctx context.Context) (model.MaxLifetime, error)
	// TokenExpiration is the expiry of the console's own token, as the
	// server last reported it.
	TokenExpiration() (time.Time, bool)
}

var _ Service = (*client.Client)(nil)
