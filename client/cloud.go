package client

import (
	"errors"
	"fmt"

	"github.com/sonartoken/sonartoken/model"
)

// ErrCloudOwnTokens: Cloud ignores the login parameter of api/user_tokens/*,
// so a request about another user would act on the caller's own token.
var ErrCloudOwnTokens = errors.New(model.CloudOwnTokensOnly)

// cloudLogin returns the login parameter to send: none on Cloud, once login is the caller's.
func (c *Client) cloudLogin(login string) (string, error) {
	if !c.cloud || login == "" {
		return login, nil
	}
	if me := c.signedIn(); me != "" && login == me {
		return "", nil
	}
	return "", fmt.Errorf("the tokens of %s: %w", model.Printable(login), ErrCloudOwnTokens)
}

// cloudGenerate refuses what Cloud does not accept: analysis tokens, projects.
func cloudGenerate(req GenerateRequest) error {
	if req.Type == model.TypeGlobal || req.Type == model.TypeProject {
		return fmt.Errorf("generate a %s on SonarQube Cloud: %w (Cloud's user tokens have no type; it generates user tokens only)", req.Type.Label(), ErrUnsupported)
	}
	if req.ProjectKey != "" {
		return fmt.Errorf("generate a token for project %s on SonarQube Cloud: %w (Cloud's user tokens have no project)", model.Printable(req.ProjectKey), ErrUnsupported)
	}
	return nil
}
