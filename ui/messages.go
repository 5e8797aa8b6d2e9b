package ui

import (
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// userMsg carries the signed-in user and the console token's expiry.
type userMsg struct {
	user      model.CurrentUser
	expiry    time.Time
	hasExpiry bool
	err       error
}

// tokensMsg carries the token list.
type tokensMsg struct {
	tokens    []model.Token
	expiry    time.Time
	hasExpiry bool
	err       error
}

// projectsMsg carries the scannable projects.
type projectsMsg struct {
	projects []model.Project
	err      error
}

// maxLifetimeMsg carries the server's max token lifetime.
type maxLifetimeMsg struct {
	max model.MaxLifetime
	err error
}

// generatedMsg carries a new token with its value. The root moves the value
// into the reveal modal and keeps nothing else of the message.
type generatedMsg struct {
	token model.NewToken
	err   error
}

// revokedMsg reports a revocation.
type revokedMsg struct {
	name string
	err  error
}

// expireInfoMsg hides a status note.
type expireInfoMsg struct{ id int }
