package model

import "fmt"

// TokenType is a token type as named on the wire; zero before 9.5.
type TokenType string

// The token types SonarQube knows since 9.5.
const (
	TypeUnknown TokenType = ""
	TypeUser    TokenType = "USER_TOKEN"
	TypeGlobal  TokenType = "GLOBAL_ANALYSIS_TOKEN"
	TypeProject TokenType = "PROJECT_ANALYSIS_TOKEN"
)

// TokenTypes lists the types from the widest scope to the narrowest.
var TokenTypes = []TokenType{TypeUser, TypeGlobal, TypeProject}

// ShortLabel is the web page's Type column label.
func (t TokenType) ShortLabel() string {
	switch t {
	case TypeUser:
		return "User"
	case TypeGlobal:
		return "Global"
	case TypeProject:
		return "Project"
	case TypeUnknown:
		return ""
	}
	return Printable(string(t)) // a type this version does not know, as the server sent it
}

// Label is the full name the web page shows.
func (t TokenType) Label() string {
	switch t {
	case TypeUser:
		return "User Token"
	case TypeGlobal, TypeProject:
		return t.ShortLabel() + " Analysis Token"
	}
	return t.ShortLabel()
}

// Purpose is SonarQube's one-line guidance on the type; "" when unknown.
func (t TokenType) Purpose() string {
	switch t {
	case TypeUser:
		return "for the Web API and SonarQube for IDE connected mode"
	case TypeProject:
		return "recommended for a CI pipeline analysing one project"
	case TypeGlobal:
		return "for CI pipelines analysing many projects"
	}
	return ""
}

// ExpiryEmailNote is what SonarQube does before a token expires.
const ExpiryEmailNote = "SonarQube emails the owner 7 days before expiry, if email is configured."

// Prefix is the prefix SonarQube 9.5+ gives values of this type.
func (t TokenType) Prefix() string {
	switch t {
	case TypeUser:
		return "squ_"
	case TypeGlobal:
		return "sqa_"
	case TypeProject:
		return "sqp_"
	}
	return ""
}

// ParseTokenType accepts a wire or short name, case-insensitively.
func ParseTokenType(s string) (TokenType, error) {
	switch lower(s) {
	case "user", "user_token":
		return TypeUser, nil
	case "global", "global_analysis_token":
		return TypeGlobal, nil
	case "project", "project_analysis_token":
		return TypeProject, nil
	}
	return TypeUnknown, fmt.Errorf("unknown token type %q: use user, global or project", s)
}

// TypeOfValue guesses the type from the value's prefix; none gives TypeUnknown.
func TypeOfValue(value string) TokenType {
	if len(value) < 4 {
		return TypeUnknown
	}
	switch value[:4] {
	case "squ_":
		return TypeUser
	case "sqa_":
		return TypeGlobal
	case "sqp_":
		return TypeProject
	}
	return TypeUnknown
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
