package ui

import (
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// signOutWarning is the line a revocation's confirmation carries when a
// token it revokes may be the one the console is signed in with.
const signOutWarning = "This may be the token this console is signed in with: revoking it signs you out."

// mayBeSession reports whether t may be the token the console is signed
// in with (model.SessionHint.MayBeSession), from the signed-in user, the
// type of the value the console signed in with and the expiry the server
// last reported for it.
func (m Model) mayBeSession(t model.Token) bool { return m.sessionTest()(t) }

// sessionTest is mayBeSession as a function of values only, for a Cmd.
func (m Model) sessionTest() func(model.Token) bool {
	h := model.SessionHint{Login: m.user.Login, Type: m.opts.OwnTokenType, Expiration: m.ownExpiry, HasExpiration: m.hasOwnExpiry}
	now := m.common.Now()
	return func(t model.Token) bool { return h.MayBeSession(t, now) }
}

// signOutParts returns the warning, as a part never given up, when one of
// ts may be the console's own token, and nothing otherwise.
func (m Model) signOutParts(ts ...model.Token) []common.Part {
	for _, t := range ts {
		if m.mayBeSession(t) {
			return []common.Part{common.Line(signOutWarning, common.Keep)}
		}
	}
	return nil
}
