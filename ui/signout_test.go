package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/startup"
)

// TestRefreshReadsTheUserAgain: a transient 500 on api/users/current at
// start closes u and R; r reads the user again and opens them.
func TestRefreshReadsTheUserAgain(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	f.fail("CurrentUser", &client.APIError{Method: "GET", Endpoint: "api/users/current", Status: 500})
	m := adminModel(t, f, nil)
	if m.isAdmin() || strings.Contains(shortHelp(m), "R") {
		t.Fatalf("admin keys open without a user: %s", shortHelp(m))
	}
	f.fail("CurrentUser", nil)
	m = press(m, "r")
	if !m.isAdmin() || !strings.Contains(shortHelp(m), "R") {
		t.Fatalf("after r: admin %v, help %s, status %q", m.isAdmin(), shortHelp(m), m.Status().Error())
	}
	if !strings.Contains(m.View(), "Ada Lovelace") {
		t.Errorf("the header does not name the user:\n%s", m.View())
	}
	m = press(m, "R")
	if m.Page() != PageReview {
		t.Errorf("R after r: page %v, status %q", m.Page(), m.Status().Error())
	}
}

// TestUnauthorizedSignsOut: any request answering 401 ends the session;
// a dialog that shows a new value holds the sign-out back until closed.
func TestUnauthorizedSignsOut(t *testing.T) {
	t.Parallel()
	unauthorized := &client.APIError{Method: "GET", Endpoint: "api/user_tokens/search", Status: 401}
	t.Run("refresh", func(t *testing.T) {
		f := newFake()
		m := newModel(t, f, nil, 100, 30)
		if m.SignedOut() != nil {
			t.Fatal("signed out at start")
		}
		f.fail("SearchTokens", unauthorized)
		m = press(m, "r")
		if m.SignedOut() == nil {
			t.Fatalf("a 401 on refresh did not sign out; status %q", m.Status().Error())
		}
	})
	t.Run("reveal holds it", func(t *testing.T) {
		f := newFake()
		m := newModel(t, f, &fakeClipboard{}, 100, 30)
		m = press(m, "n")
		m = typeText(m, "fresh")
		m = press(m, "enter")
		if m.Mode() != ModeReveal {
			t.Fatalf("mode %v", m.Mode())
		}
		m = drive(m, tokensMsg{err: unauthorized})
		if m.SignedOut() != nil || m.Mode() != ModeReveal {
			t.Fatalf("the reveal gave way: mode %v", m.Mode())
		}
		if !strings.Contains(m.Status().Error(), "no longer accepts the console's token") {
			t.Errorf("status %q", m.Status().Error())
		}
		m = press(m, "c", "esc")
		if m.SignedOut() == nil {
			t.Fatalf("closing the reveal did not sign out; mode %v", m.Mode())
		}
	})
}

// TestBulkRevokeOfOwnTokenShowsItsReport: a bulk revocation that revokes
// the console's own token ends, and its report shows, before the sign-in
// page.
func TestBulkRevokeOfOwnTokenShowsItsReport(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	unauthorized := &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 401}
	f.revokeErrs = map[string]error{"jenkins": unauthorized, "laptop": unauthorized}
	m := adminModel(t, f, nil)
	m = press(m, "R", "1", "a", "d", "y")
	if m.SignedOut() != nil || m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 1 of 2 tokens") {
		t.Fatalf("the report gave way: mode %v\n%s", m.Mode(), m.View())
	}
	m = press(m, "esc")
	if m.SignedOut() == nil {
		t.Fatalf("closing the report did not sign out; mode %v", m.Mode())
	}
}

// bootFake is the fake as a server to connect to.
type bootFake struct{ *fakeService }

func (f bootFake) Connect(context.Context) (model.Version, error) { return f.version, nil }

// TestSignedOutStillClearsTheClipboard: a value copied before the sign-out
// is still taken off the clipboard when its time is up.
func TestSignedOutStillClearsTheClipboard(t *testing.T) {
	t.Parallel()
	f := newFake()
	cb := &fakeClipboard{}
	var m tea.Model = NewBoot(context.Background(), BootOptions{
		Options: Options{Now: clock, StaticCursor: true, Clipboard: cb, ClipboardClear: DefaultClipboardClear},
		Server:  bootFake{f},
	})
	send := func(msgs ...tea.Msg) {
		for len(msgs) > 0 {
			var cmd tea.Cmd
			m, cmd = m.Update(msgs[0])
			msgs = append(msgs[1:], runCmd(cmd)...)
		}
	}
	send(tea.WindowSizeMsg{Width: 100, Height: 30})
	send(runCmd(m.Init())...)
	b := m.(Boot)
	if b.main == nil {
		t.Fatalf("not connected:\n%s", m.View())
	}
	timers := &fakeTimers{}
	b.main.clip.tick = timers.tick
	m = b
	send(keyMsg("n"))
	for _, r := range "clip" {
		send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	send(keyMsg("enter"))
	send(keyMsg("c"))
	send(keyMsg("esc"))
	if cb.last() == "" || len(timers.fire) != 1 {
		t.Fatalf("copied %q, %d timers", cb.last(), len(timers.fire))
	}
	f.fail("SearchTokens", &client.APIError{Method: "GET", Endpoint: "api/user_tokens/search", Status: 401})
	send(keyMsg("r"))
	if s, booting := m.(Boot).Screen(); !booting || s != startup.ScreenError {
		t.Fatalf("not signed out: %v\n%s", s, m.View())
	}
	send(timers.fire[0](testNow.Add(DefaultClipboardClear)))
	if cb.last() != "" {
		t.Fatal("the clipboard still holds the token after the sign-out")
	}
}

// TestUnauthorizedWaitsForGenerate: a 401 that arrives while a generate
// is in flight waits for its answer, whose value is then shown.
func TestUnauthorizedWaitsForGenerate(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), &fakeClipboard{}, 100, 30)
	m = press(m, "n")
	m = typeText(m, "inflight")
	next, cmd := m.Update(keyMsg("enter"))
	m = next.(Model)
	var answers []tea.Msg
	for queue := runCmd(cmd); len(queue) > 0; {
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(create.GeneratedMsg); ok {
			answers = append(answers, msg)
			continue
		}
		next, cmd := m.Update(msg)
		m = next.(Model)
		queue = append(queue, runCmd(cmd)...)
	}
	if !m.Form().Busy() || len(answers) != 1 {
		t.Fatalf("busy %v, %d answers", m.Form().Busy(), len(answers))
	}
	m = drive(m, tokensMsg{err: &client.APIError{Method: "GET", Endpoint: "api/user_tokens/search", Status: 401}})
	if m.SignedOut() != nil {
		t.Fatal("signed out with a generate in flight")
	}
	m = drive(m, answers[0])
	if m.Mode() != ModeReveal || m.SignedOut() != nil {
		t.Fatalf("the new value is not shown: mode %v", m.Mode())
	}
}
