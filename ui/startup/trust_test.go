package startup_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/startup"
)

const plantedFile = "/home/dev/src/app/sonar-project.properties"

// consentBoot opens the console on the built-in server as if only
// sonar-project.properties named it; remembered records the URLs the user
// accepted.
func consentBoot(t *testing.T) (tea.Model, func() int, *[]string, string) {
	t.Helper()
	sim, srv := simServer(t, false)
	o := bootOptions(newClient(t, srv.URL, sim.AdminToken(), nil))
	var mu sync.Mutex
	var remembered []string
	o.ServerFile = plantedFile
	o.Consent = &ui.URLConsent{URL: srv.URL, File: plantedFile, Remember: func(u string) error {
		mu.Lock()
		defer mu.Unlock()
		remembered = append(remembered, u)
		return nil
	}}
	o.Dial = func(string, model.Secret) (ui.BootService, error) { return nil, nil }
	var m tea.Model = ui.NewBoot(context.Background(), o)
	for _, msg := range runCmd(m.Init()) {
		m = drive(t, m, msg)
	}
	m = drive(t, m, tea.WindowSizeMsg{Width: width, Height: height})
	return m, func() int { return len(sim.Requests()) }, &remembered, srv.URL
}

// The console asks before the token goes to a server that only a
// sonar-project.properties names, showing the URL and the file; nothing
// is sent until the user says yes, and the yes is remembered.
func TestTrustAsksBeforeSending(t *testing.T) {
	t.Parallel()
	m, requests, remembered, url := consentBoot(t)
	b := m.(ui.Boot)
	if s, booting := b.Screen(); !booting || s != startup.ScreenTrust {
		t.Fatalf("screen %v, want the question", s)
	}
	view := b.View()
	for _, want := range []string{"Send your token to this server?", url, "sonar.host.url in " + plantedFile, "y trust it and connect"} {
		if !strings.Contains(view, want) {
			t.Errorf("the question lacks %q:\n%s", want, view)
		}
	}
	golden.RequireEqual(t, stable(view))
	if n := requests(); n != 0 {
		t.Fatalf("%d requests reached the server before the user answered", n)
	}

	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'y'}})
	b = m.(ui.Boot)
	main, ok := b.Main()
	if !ok {
		t.Fatalf("no console after yes:\n%s", b.View())
	}
	if requests() == 0 {
		t.Error("yes sent nothing")
	}
	if len(*remembered) != 1 || (*remembered)[0] != url {
		t.Errorf("remembered %q, want %s once", *remembered, url)
	}
	view = main.View()
	for _, want := range []string{"server named by sonar.host.url in " + plantedFile, "Remembered " + url} {
		if !strings.Contains(view, want) {
			t.Errorf("the console lacks %q:\n%s", want, view)
		}
	}
}

// No sends nothing, remembers nothing, and opens the welcome form without
// the file's URL.
func TestDistrustOpensTheWelcomeForm(t *testing.T) {
	t.Parallel()
	m, requests, remembered, url := consentBoot(t)
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'n'}})
	b := m.(ui.Boot)
	if s, _ := b.Screen(); s != startup.ScreenWelcome {
		t.Fatalf("screen %v after no, want the welcome form", s)
	}
	if strings.Contains(b.View(), url) {
		t.Errorf("the welcome form keeps the file's URL:\n%s", b.View())
	}
	if n := requests(); n != 0 || len(*remembered) != 0 {
		t.Errorf("after no: %d requests, remembered %q", n, *remembered)
	}
}

// The question shows a URL and a file path carrying terminal controls as
// visible escapes, never raw: both come from the working tree.
func TestTrustQuestionEscapesHostileNames(t *testing.T) {
	t.Parallel()
	sim, srv := simServer(t, false)
	o := bootOptions(newClient(t, srv.URL, sim.AdminToken(), nil))
	const url = "https://sonar.example.com/\u202e\x1b]52;c;UFdORUQ=\a"
	const file = "/src/\x1b[2Japp/sonar-project.properties"
	o.ServerFile = file
	o.Consent = &ui.URLConsent{URL: url, File: file, Remember: func(string) error { return nil }}
	o.Dial = func(string, model.Secret) (ui.BootService, error) { return nil, nil }
	var m tea.Model = ui.NewBoot(context.Background(), o)
	for _, msg := range runCmd(m.Init()) {
		m = drive(t, m, msg)
	}
	m = drive(t, m, tea.WindowSizeMsg{Width: width, Height: height})
	view := m.View()
	for i, r := range view {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x202e {
			t.Fatalf("the question holds %U at byte %d:\n%s", r, i, view)
		}
	}
	flat := strings.Join(strings.Fields(view), "")
	for _, want := range []string{model.Printable(url), model.Printable(file)} {
		if !strings.Contains(flat, strings.ReplaceAll(want, " ", "")) {
			t.Errorf("the question lacks %s:\n%s", want, view)
		}
	}
}

// TestBannersArePrintable: a banner can carry a path from the working
// tree (an ignored sonar-project.properties); the start-up screens show
// it with visible escapes, as the console's header does.
func TestBannersArePrintable(t *testing.T) {
	t.Parallel()
	m := startup.New(common.New(func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }), []string{"ignored /tmp/x\x1b]0;PWNED\a/sonar-project.properties"})
	m.SetSize(100, 30)
	v := m.View()
	if strings.Contains(v, "\x1b]0;") || strings.Contains(v, "\a") {
		t.Fatalf("the banner reached the screen raw:\n%q", v)
	}
	if !strings.Contains(v, `\e]0;PWNED\a`) {
		t.Fatalf("the banner is not shown with escapes:\n%s", v)
	}
}
