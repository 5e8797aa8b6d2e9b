package client

import (
	"errors"
	"fmt"

	"github.com/sonartoken/sonartoken/model"
)

// ErrCloudOwnTokens is returned, before anything is sent, for a request
// about another user's tokens to SonarQube Cloud. Cloud ignores the login
// parameter of api/user_tokens/* ("Deprecated and ignored"): the request
// would act on the signed-in user's own token of that name instead, a
// revocation included.
var ErrCloudOwnTokens = errors.New(model.CloudOwnTokensOnly)

// cloudLogin returns the login parameter to send for login: login itself
// off Cloud; on Cloud none, after checking that login is "" or the
// signed-in user's own (CurrentUser tells it), else ErrCloudOwnTokens.
func (c *Client) cloudLogin(login string) (string, error) {
	if !c.cloud || login == "" {
		return login, nil
	}
	if me := c.signedIn(); me != "" && login == me {
		return "", nil
	}
	return "", fmt.Errorf("the tokens of %s: %w", model.Printable(login), ErrCloudOwnTokens)
}

// cloudGenerate checks a generate request against what Cloud accepts (a
// name and an expiration date): no analysis token, no project.
func cloudGenerate(req GenerateRequest) error {
	if req.Type == model.TypeGlobal || req.Type == model.TypeProject {
		return fmt.Errorf("generate a %s on SonarQube Cloud: %w (Cloud's user tokens have no type; it generates user tokens only)", req.Type.Label(), ErrUnsupported)
	}
	if req.ProjectKey != "" {
		return fmt.Errorf("generate a token for project %s on SonarQube Cloud: %w (Cloud's user tokens have no project)", model.Printable(req.ProjectKey), ErrUnsupported)
	}
	return nil
}
