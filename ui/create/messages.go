package create

import "github.com/sonartoken/sonartoken/model"

// Request is a filled-in, validated form.
type Request struct {
	Name    string
	Type    model.TokenType // TypeUnknown when the server has no types
	Project model.Project   // for project analysis tokens
	// Expiration is the chosen expiry; HasExpiration is false when the
	// server has no expiration, and nothing is sent.
	Expiration    model.Expiration
	HasExpiration bool
}
