package ui

import (
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// loadedMsg carries everything the first screen needs, fetched
// concurrently in one command so that the screen settles in one step.
type loadedMsg struct {
	user      model.CurrentUser
	userErr   error
	tokens    tokensMsg
	projects  []model.Project
	max       model.MaxLifetime
	expiry    time.Time
	hasExpiry bool
}

// tokensMsg carries the token list.
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

// generatedMsg carries a new token with its value. The root moves the value
// into the reveal modal and keeps nothing else of the message.
type generatedMsg struct {
	token model.NewToken
	err   error
	// req and projectName are the request (no value), to send it again
	// when the answer was lost after the token was created.
	req         client.GenerateRequest
	projectName string
}

// revokedMsg reports a revocation.
type revokedMsg struct {
	name  string
	token model.Token
	err   error
}

// expireInfoMsg hides a status note.
type expireInfoMsg struct{ id int }
