package common

import "github.com/sonartoken/sonartoken/model"

// TokensAddedMsg says that the server created Tokens for Owner (a login;
// "" when the signed-in user's login is unknown). A flow sends it once
// the server confirmed the change; every page that shows Owner's tokens
// lists them in its own Update (the table of Owner's tokens, the review,
// the user picker's counts), whichever page made the change.
type TokensAddedMsg struct {
	Owner  string
	Tokens []model.Token
}

// TokensRevokedMsg says that the server revoked Tokens; each carries its
// owner's login (Login) and its name. Every page that lists them drops
// them in its own Update.
type TokensRevokedMsg struct {
	Tokens []model.Token
}
