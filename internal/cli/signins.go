package cli

import (
	"context"
	"fmt"
	"sync"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// When a token's owner last signed in comes from the user listing
// (api/users/search's lastConnectionDate, API v2's sonarQubeLastConnectionDate,
// and sonarLintLastConnectionDate), which dates every user to an
// administrator and the caller's own user to anyone. A user without a
// date never signed in, but only if the listing dates users at all: a
// server or a proxy that leaves the dates out (an older version, a
// gateway that trims answers) would otherwise make every owner one who
// never signed in, and --owner-inactive --revoke would revoke the tokens
// of people who sign in every day. The listing is taken to date users
// when it dates one of them, or else when it dates the caller: SonarQube
// records the sign-in of the token the review uses as the caller's
// connection (UserSessionFactoryImpl updates the user's date for token
// sessions), so a listing that reports dates always has one there.
// Otherwise the owners' sign-ins are unknown: SIGNED IN shows ?, a note
// says why, and --owner-inactive and --fail-on owner-inactive stop with
// exit 1 instead of deciding anything.

// signInsUnknown is the note of a review whose listing gave no user's last
// sign-in.
const signInsUnknown = "the server's user listing gives no user's last sign-in (no lastConnectionDate, sonarQubeLastConnectionDate or sonarLintLastConnectionDate on any user, although SonarQube records the sign-in of the token this review uses): a proxy in front of it may remove them, or this version does not give them"

// signInsNote is the note on standard error: SIGNED IN shows ?.
func signInsNote() string {
	return "note: " + signInsUnknown + ". SIGNED IN shows ? (unknown), not never."
}

// ownerInactiveRefusal stops --owner-inactive when the owners' sign-ins
// are unknown: nothing is reported or revoked (exit 1).
func ownerInactiveRefusal() error {
	return &codedError{code: ExitError, msg: "--owner-inactive cannot tell whose owner left: " + signInsUnknown + ". Without the dates every owner would count as never signed in; nothing was reported or revoked."}
}

// failOnOwnerUnknown is why --fail-on owner-inactive gives no verdict
// (exit 1 instead of 0 or 6).
func failOnOwnerUnknown() string {
	return "--fail-on owner-inactive cannot be decided: " + signInsUnknown
}

// signIns remembers, for one session, whether the user listing dates its
// caller (see above): asked once, when a review of named users finds one
// without a date.
type signIns struct {
	once     sync.Once
	reported bool
}

// reported asks the listing for the caller's own entry, once: whether it
// carries a last sign-in, which a listing that gives the dates always
// does. It is false when the listing cannot be asked (a login of one
// character, which q refuses; a failed request).
func (s *session) signInsReported(ctx context.Context) bool {
	s.signIns.once.Do(func() {
		me := s.user.Login
		if len([]rune(me)) < 2 {
			return
		}
		page, err := s.client.SearchUsers(ctx, client.UsersQuery{Query: me, PageSize: client.MaxPageSize})
		if err != nil {
			return
		}
		for _, u := range page.Users {
			if u.Login == me {
				s.signIns.reported = u.LastSignIn() != nil
			}
		}
	})
	return s.signIns.reported
}

// ownerOf asks the user listing what it says of login's last sign-in,
// for a review of named users' tokens (the full review reads it from the
// listing it makes anyway). It is nil when the listing cannot tell: a
// login of one character, which the search's q refuses, a failed request,
// a login the listing does not return, or a user without a date where the
// listing dates no one (see above).
func (s *session) ownerOf(ctx context.Context, login string) *model.OwnerActivity {
	if len([]rune(login)) < 2 {
		return nil
	}
	page, err := s.client.SearchUsers(ctx, client.UsersQuery{Query: login, PageSize: client.MaxPageSize})
	if err != nil {
		return nil
	}
	dated, found := false, false
	var owner model.OwnerActivity
	for _, u := range page.Users {
		last := u.LastSignIn()
		dated = dated || last != nil
		if u.Login == login {
			found, owner.LastSignIn = true, last
		}
	}
	switch {
	case !found:
		return nil
	case owner.LastSignIn != nil, dated, s.signInsReported(ctx):
		return &owner
	}
	return nil
}

// noteUnknownSignIns tells the user, on standard error, that the owners'
// sign-ins of the parts that could not learn them are unknown, naming
// each part's server when the review covers several.
func (a *app) noteUnknownSignIns(parts []reviewPart, multi bool) {
	for _, p := range parts {
		if !p.signInsUnknown {
			continue
		}
		if multi {
			fmt.Fprintf(a.io.Err, "note: %s: %s. SIGNED IN shows ? (unknown), not never.\n", model.Printable(p.s.settings.URL), signInsUnknown)
			continue
		}
		fmt.Fprintln(a.io.Err, signInsNote())
	}
}
