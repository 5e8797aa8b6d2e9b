package cli

import (
	"errors"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
)

// A login from the server holding a line break must not start a line of
// its own in an error: report's PrintableLines keeps the message's own
// line breaks, so the login has to be escaped where it is put in.
const forgedLogin = "mallory\nsonartoken: revoked every token"

func noForgedLine(t *testing.T, msg string) {
	t.Helper()
	for _, l := range strings.Split(msg, "\n") {
		if strings.HasPrefix(l, "sonartoken: revoked") {
			t.Errorf("the login starts a line of its own:\n%s", msg)
		}
	}
}

func TestIncompleteEscapesLogins(t *testing.T) {
	r := scanReport{failed: []scanFailed{{login: forgedLogin, err: errors.New("boom")}}}
	noForgedLine(t, errorWords(r.incomplete()))
}

func TestReviewAllowedEscapesLogin(t *testing.T) {
	s := &session{user: model.CurrentUser{Login: forgedLogin, IsLoggedIn: true}}
	noForgedLine(t, errorWords(reviewAllowed(s, "")))
}
