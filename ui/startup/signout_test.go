package startup_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui"
	"github.com/sonartoken/sonartoken/ui/startup"
)

// revokeOver revokes login's token name through the sim's Web API, as
// another shell would, signed in with token.
func revokeOver(t *testing.T, base, token, login, name string) {
	t.Helper()
	form := url.Values{"name": {name}, "login": {login}}
	req, err := http.NewRequest(http.MethodPost, base+"/api/user_tokens/revoke", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(token, "")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusOK {
		t.Fatalf("revoke %s: %s", name, resp.Status)
	}
}

func key(s string) tea.Msg {
	if s == "enter" {
		return tea.KeyMsg{Type: tea.KeyEnter}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// signedInConsole boots the console against a sim with a token of its own
// ("console", of the administrator), and returns it with the sim.
func signedInConsole(t *testing.T, o func(*ui.BootOptions)) (tea.Model, *sonarsim.Server, string) {
	t.Helper()
	sim, srv := simServer(t, false)
	value, err := sim.IssueToken(sonarsim.TokenSpec{Login: sim.AdminLogin(), Name: "console"})
	if err != nil {
		t.Fatal(err)
	}
	opts := bootOptions(newClient(t, srv.URL, value, nil))
	if o != nil {
		o(&opts)
	}
	var m tea.Model = ui.NewBoot(context.Background(), opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: width, Height: height})
	for _, msg := range runCmd(m.Init()) {
		m = drive(t, m, msg)
	}
	if _, booting := m.(ui.Boot).Screen(); booting || !strings.Contains(m.View(), "console") {
		t.Fatalf("the console did not open:\n%s", m.View())
	}
	return m, sim, srv.URL
}

// TestSignedOutMidSession: the console's own token is revoked from
// elsewhere; the next request (r) answers 401 and the console gives way to
// the sign-in page, with nothing of the old list. e enters another token,
// which opens the console again.
func TestSignedOutMidSession(t *testing.T) {
	t.Parallel()
	m, sim, base := signedInConsole(t, func(o *ui.BootOptions) {
		o.Dial = func(u string, token model.Secret) (ui.BootService, error) {
			return newClient(t, u, token.Reveal(), nil), nil
		}
	})
	before := m.View()
	revokeOver(t, base, sim.AdminToken(), sim.AdminLogin(), "console")

	m = drive(t, m, key("r"))
	b := m.(ui.Boot)
	view := b.View()
	if s, booting := b.Screen(); !booting || s != startup.ScreenError {
		t.Fatalf("after r with a revoked token: screen %v, booting %v\n%s", s, booting, view)
	}
	for _, want := range []string{"Signed out", "no longer accepts the token", "r retry", "e change server or token"} {
		if !strings.Contains(view, want) {
			t.Errorf("sign-in page lacks %q:\n%s", want, view)
		}
	}
	// Nothing of the old list stays: no token name of the table.
	for _, ti := range sim.Tokens(sim.AdminLogin()) {
		if strings.Contains(before, ti.Name) && strings.Contains(view, ti.Name) {
			t.Errorf("the sign-in page still shows token %q:\n%s", ti.Name, view)
		}
	}

	// r tries the same token again: still refused.
	m = drive(t, m, key("r"))
	if s, booting := m.(ui.Boot).Screen(); !booting || s != startup.ScreenError {
		t.Fatalf("retry with the revoked token: screen %v\n%s", s, m.View())
	}

	// e: the welcome form, on the same server, takes a new token.
	m = drive(t, m, key("e"))
	if s, _ := m.(ui.Boot).Screen(); s != startup.ScreenWelcome || !strings.Contains(m.View(), base) {
		t.Fatalf("after e: screen %v\n%s", s, m.View())
	}
	if !strings.Contains(m.View(), "no longer accepts the console's token") {
		t.Errorf("the welcome form does not say why:\n%s", m.View())
	}
	m = drive(t, m, key(sim.AdminToken()))
	m = drive(t, m, key("enter"))
	if _, booting := m.(ui.Boot).Screen(); booting {
		t.Fatalf("a new token did not open the console:\n%s", m.View())
	}
	if strings.Contains(m.View(), sim.AdminToken()) {
		t.Fatal("the token value is on screen")
	}
}

// TestSignedOutKeychainProfileOffersToSave: for a token of a keychain
// profile, the form to sign in again has the keychain box checked, and the
// new token is saved under the profile.
func TestSignedOutKeychainProfileOffersToSave(t *testing.T) {
	t.Parallel()
	var saved []string
	m, sim, base := signedInConsole(t, func(o *ui.BootOptions) {
		o.Profile, o.KeychainProfile = "prod", true
		o.Save = func(profile, u string, token model.Secret) (ui.Saved, error) {
			saved = append(saved, profile+" "+u)
			return ui.Saved{Note: "saved"}, nil
		}
		o.Dial = func(u string, token model.Secret) (ui.BootService, error) {
			return newClient(t, u, token.Reveal(), nil), nil
		}
	})
	revokeOver(t, base, sim.AdminToken(), sim.AdminLogin(), "console")
	m = drive(t, m, key("r"))
	if !strings.Contains(m.View(), "profile prod") {
		t.Errorf("the sign-in page does not name the profile:\n%s", m.View())
	}
	m = drive(t, m, key("e"))
	if !strings.Contains(m.View(), "[x] save the token in the OS keychain") {
		t.Fatalf("the keychain box is not checked:\n%s", m.View())
	}
	m = drive(t, m, key(sim.AdminToken()))
	m = drive(t, m, key("enter"))
	if _, booting := m.(ui.Boot).Screen(); booting {
		t.Fatalf("the new token did not open the console:\n%s", m.View())
	}
	if len(saved) != 1 || saved[0] != "prod "+base {
		t.Errorf("saved %v", saved)
	}
}
