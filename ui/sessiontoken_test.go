package ui

import (
	"github.com/sonartoken/sonartoken/ui/revoke"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/model"
)

// dialogWords is a view's text with the frames and the line breaks gone,
// so that a sentence the dialog wraps reads as one.
func dialogWords(view string) string {
	var words []string
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		words = append(words, strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╮", " ", "╰", " ", "╯", " ", "─", " ").Replace(l))...)
	}
	return strings.Join(words, " ")
}

// sessionFake is the admin fake whose server sends no expiry header, so
// that any unexpired user token of ada's ("laptop", without expiry, and
// "release-bot", with one: a proxy may drop the header) may be the token
// the console signed in with (a user token), and no other token may.
func sessionFake() *fakeService {
	f := newAdminFake()
	f.expiry = time.Time{}
	return f
}

func init() {
	noHeader := func(f *fakeService) { f.expiry = time.Time{} }
	screens["bulk_confirm_session"] = admin(noHeader, "R", "0", "a", "d")
	screens["confirm_session"] = func(t *testing.T) Model {
		m := adminModel(t, sessionFake(), nil)
		for i := 0; i < 8; i++ {
			if tok, _ := m.Table().Selected(); tok.Name == "laptop" {
				break
			}
			m = press(m, "j")
		}
		return press(m, "d")
	}
	// The warning's first and last words stay with the buttons at every
	// size the console takes, however long the list.
	for _, s := range []string{"bulk_confirm_session", "confirm_session"} {
		mustShow[s] = []string{"This may be the token", "signs you out.", "[ No ]|Revoke"}
	}
}

// TestBulkRevokeWarnsOfSessionToken: marking every shown token and
// pressing d asks with a plain warning that the console's own token may
// be among them, keeps that token in the list and revokes it on y.
func TestBulkRevokeWarnsOfSessionToken(t *testing.T) {
	t.Parallel()
	f := sessionFake()
	m := press(adminModel(t, f, nil), "R", "0", "a", "d")
	if m.Mode() != ModeConfirm || !strings.Contains(m.Confirm().Title(), "Revoke 9 tokens") {
		t.Fatalf("confirm:\n%s", m.View())
	}
	if words := dialogWords(m.View()); !strings.Contains(words, revoke.SignOutWarning) {
		t.Fatalf("the bulk confirmation does not warn of the console's token:\n%s", m.View())
	}
	press(m, "y")
	revoked := strings.Join(f.revokedKeys, " ")
	if !strings.Contains(revoked, "ada/laptop") || len(f.revokedKeys) != 9 {
		t.Fatalf("revoked %v: the user chose all nine, laptop included", f.revokedKeys)
	}
	// Without the expiry header, both of ada's unexpired user tokens may
	// be the console's: they go last, once the others are settled.
	if last := strings.Join(f.revokedKeys[7:], " "); last != "ada/laptop ada/release-bot" && last != "ada/release-bot ada/laptop" {
		t.Errorf("revoked in the order %v: laptop and release-bot go last", f.revokedKeys)
	}
}

// TestBulkRevokeWithoutSessionTokenSaysNothing: a bulk that cannot hold
// the console's token (grace's and linus's) carries no warning, nor does
// one whose server reports an expiry no token of ada's has.
func TestBulkRevokeWithoutSessionTokenSaysNothing(t *testing.T) {
	t.Parallel()
	m := press(adminModel(t, sessionFake(), nil), "R", "1", "a", "d")
	if m.Mode() != ModeConfirm || strings.Contains(dialogWords(m.View()), "signed in with") {
		t.Fatalf("warning on tokens of other users:\n%s", m.View())
	}
	m = press(adminModel(t, newAdminFake(), nil), "R", "0", "a", "d")
	if m.Mode() != ModeConfirm || strings.Contains(dialogWords(m.View()), "signed in with") {
		t.Fatalf("warning though no token expires on the header's day:\n%s", m.View())
	}
}

// TestRevokeWarnsOfSessionToken: d on the row of a token that may be the
// console's warns; d on another of the user's tokens does not. Without
// the expiry header, that is every unexpired user token of ada's, whether
// it has an expiry (release-bot) or not (laptop).
func TestRevokeWarnsOfSessionToken(t *testing.T) {
	t.Parallel()
	m := newModelOpts(t, Options{Service: sessionFake(), Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser}, 100, 30)
	seen := map[string]bool{}
	for i := 0; i < 8; i++ {
		tok, ok := m.Table().Selected()
		if !ok {
			t.Fatal("no token selected")
		}
		if !seen[tok.Name] {
			seen[tok.Name] = true
			c := press(m, "d")
			warns := strings.Contains(dialogWords(c.View()), revoke.SignOutWarning)
			if c.Mode() != ModeConfirm || warns != (tok.Name == "laptop" || tok.Name == "release-bot") {
				t.Errorf("d on %s: warning shown %v:\n%s", tok.Name, warns, c.View())
			}
		}
		m = press(m, "j")
	}
	if !seen["laptop"] || !seen["release-bot"] || len(seen) < 4 {
		t.Fatalf("rows seen: %v", seen)
	}
}

// TestGoldenSessionWarning records the bulk confirmation holding the
// console's own token at 80×24: the warning under the question, the list
// cut to make room.
func TestGoldenSessionWarning(t *testing.T) {
	t.Parallel()
	t.Run("bulk_confirm_session_80x24", func(t *testing.T) {
		reviewed(t, sessionFake(), 80, 24).keys("0", "a").wait("9 marked").keys("d").wait("signs you out").golden()
	})
}
