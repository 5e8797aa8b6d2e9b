package client

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/sonartoken/sonartoken/model"
)

// ServerVersion asks api/server/version (plain text, no authentication).
func (c *Client) ServerVersion(ctx context.Context) (model.Version, error) {
	cl := call{method: http.MethodGet, endpoint: "api/server/version"}
	r, err := c.do(ctx, cl)
	if err != nil {
		return model.Version{}, err
	}
	body := bytes.TrimSpace(r.body)
	v, perr := model.ParseVersion(string(body))
	if perr != nil {
		return model.Version{}, c.scrub.Err(&NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: describeBody(r), Err: perr})
	}
	return v, nil
}

// CurrentUser asks who the token belongs to and its global permissions,
// remembering the login to check SearchTokens answers against.
func (c *Client) CurrentUser(ctx context.Context) (model.CurrentUser, error) {
	cl := call{method: http.MethodGet, endpoint: "api/users/current"}
	r, err := c.do(ctx, cl)
	if err != nil {
		return model.CurrentUser{}, err
	}
	var body struct {
		IsLoggedIn  *bool  `json:"isLoggedIn"`
		Login       string `json:"login"`
		Name        string `json:"name"`
		Permissions struct {
			Global []string `json:"global"`
		} `json:"permissions"`
	}
	if err := decode(cl, r, &body); err != nil {
		return model.CurrentUser{}, err
	}
	if body.IsLoggedIn == nil {
		return model.CurrentUser{}, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: describeBody(r)}
	}
	if *body.IsLoggedIn {
		c.mu.Lock()
		c.me = body.Login
		c.mu.Unlock()
	}
	return model.CurrentUser{
		IsLoggedIn:        *body.IsLoggedIn,
		Login:             body.Login,
		Name:              body.Name,
		GlobalPermissions: body.Permissions.Global,
	}, nil
}

// Validate asks api/authentication/validate; it proves nothing on its own
// (true without credentials where authentication is not forced).
func (c *Client) Validate(ctx context.Context) (bool, error) {
	cl := call{method: http.MethodGet, endpoint: "api/authentication/validate"}
	r, err := c.do(ctx, cl)
	if err != nil {
		return false, err
	}
	var body struct {
		Valid *bool `json:"valid"`
	}
	if err := decode(cl, r, &body); err != nil {
		return false, err
	}
	if body.Valid == nil {
		return false, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: describeBody(r)}
	}
	return *body.Valid, nil
}

// ScannableProjects lists projects the user may analyse (9.5+; none before).
func (c *Client) ScannableProjects(ctx context.Context, q string) ([]model.Project, error) {
	if !c.Capabilities().ScannableProjects {
		return nil, nil
	}
	params := url.Values{}
	if q != "" {
		params.Set("q", q)
	}
	cl := call{method: http.MethodGet, endpoint: "api/projects/search_my_scannable_projects", params: params}
	r, err := c.do(ctx, cl)
	if err != nil {
		return nil, err
	}
	var body struct {
		Projects []struct {
			Key  string `json:"key"`
			Name string `json:"name"`
		} `json:"projects"`
	}
	if err := decode(cl, r, &body); err != nil {
		return nil, err
	}
	out := make([]model.Project, 0, len(body.Projects))
	for _, p := range body.Projects {
		out = append(out, model.Project{Key: p.Key, Name: p.Name})
	}
	return out, nil
}

// MaxLifetimeKey caps token lifetimes (Enterprise and Data Center).
const MaxLifetimeKey = "sonar.auth.token.max.allowed.lifetime"

// MaxTokenLifetime reads all settings, as the web page does: asking for the
// key directly returns a stored fallback even when it is not defined.
func (c *Client) MaxTokenLifetime(ctx context.Context) (model.MaxLifetime, error) {
	if !c.Capabilities().MaxLifetime {
		return model.MaxLifetime{}, nil
	}
	cl := call{method: http.MethodGet, endpoint: "api/settings/values"}
	r, err := c.do(ctx, cl)
	if err != nil {
		return model.MaxLifetime{}, err
	}
	var body struct {
		Settings []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"settings"`
	}
	if err := decode(cl, r, &body); err != nil {
		return model.MaxLifetime{}, err
	}
	for _, s := range body.Settings {
		if s.Key == MaxLifetimeKey {
			m, err := model.ParseMaxLifetime(s.Value)
			if err != nil {
				return model.MaxLifetime{}, fmt.Errorf("read %s: %w", MaxLifetimeKey, err)
			}
			return m, nil
		}
	}
	return model.MaxLifetime{}, nil
}
