package ui

import (
	"slices"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// signOutWarning is the line a revocation's confirmation carries when a
// token it revokes may be the one the console is signed in with.
const signOutWarning = "This may be the token this console is signed in with: revoking it signs you out."

// sessionTest reports whether a token may be the one the console is
// signed in with (model.SessionHint.MayBeSession), from the signed-in
// user, the type of the value the console signed in with and the expiry
// the server last reported for it; a function of values only, for a Cmd.
func (m Model) sessionTest() func(model.Token) bool {
	h := model.SessionHint{Login: m.user.Login, Type: m.opts.OwnTokenType, Expiration: m.ownExpiry, HasExpiration: m.hasOwnExpiry}
	now := m.common.Now()
	return func(t model.Token) bool { return h.MayBeSession(t, now) }
}

// signOutParts returns the warning, as a part never given up, when one of
// ts may be the console's own token, and nothing otherwise.
func (m Model) signOutParts(ts ...model.Token) []common.Part {
	if slices.ContainsFunc(ts, m.sessionTest()) {
		return []common.Part{common.Line(signOutWarning, common.Keep)}
	}
	return nil
}
