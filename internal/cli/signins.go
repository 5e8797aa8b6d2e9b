package cli

import (
	"context"
	"fmt"
	"sync"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// An owner without a date never signed in only if the listing dates anyone (or the
// caller, whose token use counts): else --owner-inactive --revoke would revoke
// daily users' tokens. Otherwise sign-ins are unknown (SIGNED IN ?, exit 1).

// signInsUnknown is the note of a review whose listing dated no user.
const signInsUnknown = "the server's user listing gives no user's last sign-in (no lastConnectionDate, sonarQubeLastConnectionDate or sonarLintLastConnectionDate on any user, although SonarQube records the sign-in of the token this review uses): a proxy in front of it may remove them, or this version does not give them"

// signInsNote is the note on standard error: SIGNED IN shows ?.
func signInsNote() string {
	return "note: " + signInsUnknown + ". SIGNED IN shows ? (unknown), not never."
}

// ownerInactiveRefusal stops --owner-inactive when sign-ins are unknown.
func ownerInactiveRefusal() error {
	return &codedError{code: ExitError, msg: "--owner-inactive cannot tell whose owner left: " + signInsUnknown + ". Without the dates every owner would count as never signed in; nothing was reported or revoked."}
}

// failOnOwnerUnknown: exit 1 instead of a verdict.
func failOnOwnerUnknown() string {
	return "--fail-on owner-inactive cannot be decided: " + signInsUnknown
}

// signIns remembers whether the listing dates its caller, asked once.
type signIns struct {
	once     sync.Once
	reported bool
}

// signInsReported asks once whether the caller's own entry is dated; false when it cannot.
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

// ownerOf asks the listing for login's last sign-in; nil when it cannot tell.
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

// noteUnknownSignIns says on standard error which parts' sign-ins are unknown.
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
