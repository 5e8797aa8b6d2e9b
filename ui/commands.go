package ui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
)

// infoTTL is how long a success note stays in the status line.
const infoTTL = 4 * time.Second

// Every command copies what it needs into locals: the closure never reads
// the model, which may have changed by the time it runs.

func loadUserCmd(ctx context.Context, svc Service) tea.Cmd {
	return func() tea.Msg {
		u, err := svc.CurrentUser(ctx)
		exp, ok := svc.TokenExpiration()
		return userMsg{user: u, expiry: exp, hasExpiry: ok, err: err}
	}
}

func loadTokensCmd(ctx context.Context, svc Service, login string) tea.Cmd {
	return func() tea.Msg {
		ts, err := svc.SearchTokens(ctx, login)
		exp, ok := svc.TokenExpiration()
		return tokensMsg{tokens: ts, expiry: exp, hasExpiry: ok, err: err}
	}
}

func loadProjectsCmd(ctx context.Context, svc Service) tea.Cmd {
	return func() tea.Msg {
		ps, err := svc.ScannableProjects(ctx, "")
		return projectsMsg{projects: ps, err: err}
	}
}

func loadMaxLifetimeCmd(ctx context.Context, svc Service) tea.Cmd {
	return func() tea.Msg {
		m, err := svc.MaxTokenLifetime(ctx)
		return maxLifetimeMsg{max: m, err: err}
	}
}

func generateCmd(ctx context.Context, svc Service, login string, req create.Request, now time.Time) tea.Cmd {
	r := client.GenerateRequest{Login: login, Name: req.Name, Type: req.Type}
	if req.Type == model.TypeProject {
		r.ProjectKey = req.Project.Key
	}
	if req.HasExpiration {
		if d, ok := req.Expiration.Resolve(now); ok {
			r.ExpiresOn = d
		}
	}
	projectName := req.Project.Name
	return func() tea.Msg {
		nt, err := svc.Generate(ctx, r)
		if err == nil && nt.ProjectKey != "" && nt.ProjectName == "" {
			nt.ProjectName = projectName
		}
		return generatedMsg{token: nt, err: err}
	}
}

func revokeCmd(ctx context.Context, svc Service, login, name string) tea.Cmd {
	return func() tea.Msg {
		return revokedMsg{name: name, err: svc.Revoke(ctx, login, name)}
	}
}

func expireInfoCmd(id int) tea.Cmd {
	return tea.Tick(infoTTL, func(time.Time) tea.Msg { return expireInfoMsg{id: id} })
}
