// Package audit keeps one JSON line per change made through sonartoken, never
// a token value; a failed Append is a warning, never blocking the change.
package audit

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// Action is what was done to a token.
type Action string

// The actions recorded.
const (
	Generate Action = "generate"
	Revoke   Action = "revoke"
	Rotate   Action = "rotate"
)

// Outcome is how a change ended.
type Outcome string

// The outcomes recorded.
const (
	// OK: the server did it.
	OK Outcome = "ok"
	// Failed: refused or unreachable; Entry.Error says why.
	Failed Outcome = "failed"
	// LostAnswer: the change was made but its answer lost.
	LostAnswer Outcome = "lost-answer"
	// Unconfirmed: the answer was lost and the check failed too.
	Unconfirmed Outcome = "unconfirmed"
)

// Entry is one line of the log. Its fields are documented in the README.
type Entry struct {
	Time time.Time `json:"time"`
	// Server is the server's URL.
	Server string `json:"server"`
	// Profile is the configuration profile used, "" when none.
	Profile string `json:"profile"`
	// Actor is the signed-in user who made the change.
	Actor string `json:"actor"`
	// Login is the user whose token it is.
	Login string `json:"login"`
	// Name is the token's name; for a rotation, the old token's.
	Name string `json:"name"`
	// NewName is the replacement's name of a rotation.
	NewName string `json:"newName,omitempty"`
	// Type is the wire name; "" when the server has no types.
	Type string `json:"type"`
	// Project is a project analysis token's project key.
	Project string `json:"project"`
	// Expiration is the token's expiry; nil for none or unknown.
	Expiration *time.Time `json:"expiration"`
	Action     Action     `json:"action"`
	Outcome    Outcome    `json:"outcome"`
	// Error is why the change failed, in words (never a value).
	Error string `json:"error,omitempty"`
}

// FromToken fills the token's fields of an entry.
func FromToken(t model.Token) Entry {
	e := Entry{Login: t.Login, Name: t.Name, Type: string(t.Type), Project: t.ProjectKey}
	if t.ExpiresAt != nil && !t.ExpiresAt.IsZero() {
		exp := t.ExpiresAt.UTC()
		e.Expiration = &exp
	}
	return e
}

// Logger records entries. Implementations are safe for concurrent use.
type Logger interface {
	// Append records e; an error means it was not recorded.
	Append(e Entry) error
}

// FileName is the log's file name in its folder.
const FileName = "audit.jsonl"

// DefaultPath is audit.jsonl in the platform's state folder.
func DefaultPath(getenv func(string) string) (string, error) {
	return pathFor(runtime.GOOS, getenv)
}

func pathFor(goos string, getenv func(string) string) (string, error) {
	home := getenv("HOME")
	switch goos {
	case "windows":
		dir := getenv("LocalAppData")
		if dir == "" {
			return "", errors.New("find the audit log's folder: %LocalAppData% is not set")
		}
		return filepath.Join(dir, "sonartoken", FileName), nil
	case "darwin", "ios":
		if home == "" {
			return "", errors.New("find the audit log's folder: $HOME is not set")
		}
		return filepath.Join(home, "Library", "Application Support", "sonartoken", FileName), nil
	}
	// The XDG base directory specification ignores a relative path.
	if dir := getenv("XDG_STATE_HOME"); dir != "" && strings.HasPrefix(dir, "/") {
		return filepath.Join(dir, "sonartoken", FileName), nil
	}
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("find the audit log's folder: neither $XDG_STATE_HOME nor $HOME is set")
		}
		home = h
	}
	return filepath.Join(home, ".local", "state", "sonartoken", FileName), nil
}
