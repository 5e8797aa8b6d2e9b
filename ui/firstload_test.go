package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/ui/startup"
)

// TestFirstLoadFailures: the start-up screen asks the user and the tokens
// together (firstload.go); each failure still ends where it did when the
// console asked the tokens after the user check. A refused user shows the
// problem page and the tokens fetched beside it are dropped; a 401 on the
// search alone shows the sign-in page; another search failure opens the
// console with the error in the status line.
func TestFirstLoadFailures(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, method string
		err          error
		anonymous    bool
		console      bool
		screen       startup.Screen
		want         string
	}{
		{name: "user 401", method: "CurrentUser", err: &client.APIError{Method: "GET", Endpoint: "api/users/current", Status: 401}, screen: startup.ScreenError},
		{name: "user anonymous", anonymous: true, screen: startup.ScreenError},
		{name: "user 500", method: "CurrentUser", err: &client.APIError{Method: "GET", Endpoint: "api/users/current", Status: 500}, screen: startup.ScreenError},
		{name: "search 401", method: "SearchTokens", err: &client.APIError{Method: "GET", Endpoint: "api/user_tokens/search", Status: 401}, screen: startup.ScreenError, want: "Signed out: the server no longer accepts the token"},
		{name: "search 500", method: "SearchTokens", err: &client.APIError{Method: "GET", Endpoint: "api/user_tokens/search", Status: 500}, console: true, want: "Could not load tokens"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake()
			if tt.method != "" {
				f.fail(tt.method, tt.err)
			}
			f.user.IsLoggedIn = !tt.anonymous
			m := bootWith(t, f)
			b := m.(Boot)
			console, ok := b.Main()
			if ok != tt.console {
				t.Fatalf("console opened %v, want %v:\n%s", ok, tt.console, m.View())
			}
			view := m.View()
			if tt.console {
				if !strings.Contains(console.Status().Error(), tt.want) {
					t.Errorf("status %q, want %q", console.Status().Error(), tt.want)
				}
				return
			}
			if s, _ := b.Screen(); s != tt.screen {
				t.Errorf("screen %v, want %v:\n%s", s, tt.screen, view)
			}
			if strings.Contains(view, "ci-pipeline") {
				t.Errorf("the tokens fetched beside a refused check show:\n%s", view)
			}
			if !strings.Contains(strings.Join(strings.Fields(view), " "), tt.want) {
				t.Errorf("the page lacks %q:\n%s", tt.want, view)
			}
		})
	}
}

// TestFirstLoadShowsInTheFirstFrame: the console opens on the tokens the
// start-up screen fetched, with no frame of an empty table between.
func TestFirstLoadShowsInTheFirstFrame(t *testing.T) {
	t.Parallel()
	f := newFake()
	var m tea.Model = NewBoot(context.Background(), BootOptions{
		Options: Options{Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}},
		Server:  bootFake{f},
	})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, msg := range runCmd(m.Init()) {
		if _, ok := msg.(connectedMsg); ok {
			m, _ = m.Update(msg) // the console's first frame follows this message
			break
		}
	}
	if _, ok := m.(Boot).Main(); !ok {
		t.Fatalf("no console:\n%s", m.View())
	}
	if view := m.View(); !strings.Contains(view, "ci-pipeline") || strings.Contains(view, "Loading tokens") {
		t.Errorf("the first frame:\n%s", view)
	}
}

// bootWith starts the console on f, at 100x30, feeding back what the
// commands produce until nothing is left.
func bootWith(t *testing.T, f *fakeService) tea.Model {
	t.Helper()
	var m tea.Model = NewBoot(context.Background(), BootOptions{
		Options: Options{Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}},
		Server:  bootFake{f},
	})
	msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: 100, Height: 30}}, runCmd(m.Init())...)
	for len(msgs) > 0 {
		var cmd tea.Cmd
		m, cmd = m.Update(msgs[0])
		msgs = append(msgs[1:], runCmd(cmd)...)
	}
	return m
}
