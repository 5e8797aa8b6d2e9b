package ui

import (
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// loadedMsg carries everything the first screen needs, fetched
// concurrently in one command so that the screen settles in one step.
type loadedMsg struct {
	user     model.CurrentUser
	userErr  error
	tokens   tokensMsg
	projects []model.Project
	max      model.MaxLifetime
}

// tokensMsg carries the token list, and the expiry the server reported
// for the console's own token.
type tokensMsg struct {
	tokens    []model.Token
	expiry    time.Time
	hasExpiry bool
	err       error
}

// userMsg carries the signed-in user, read again by a refresh.
type userMsg struct {
	user model.CurrentUser
	err  error
}

// revokedMsg reports a revocation.
type revokedMsg struct {
	name  string
	token model.Token
	err   error
}

// expireInfoMsg hides a status note.
type expireInfoMsg struct{ id int }
