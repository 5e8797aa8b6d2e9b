package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// plantedRepo is a repository whose sonar-project.properties names url,
// searched from a sub-folder; it returns the file's path.
func plantedRepo(t *testing.T, h *home, url string) string {
	t.Helper()
	root := t.TempDir()
	must(t, os.Mkdir(filepath.Join(root, ".git"), 0o700))
	props := filepath.Join(root, "sonar-project.properties")
	must(t, os.WriteFile(props, []byte("sonar.host.url="+url+"\nsonar.projectKey=app\n"), 0o644))
	h.dir = filepath.Join(root, "src")
	must(t, os.Mkdir(h.dir, 0o700))
	return props
}

// A server named only by sonar-project.properties gets no token until the
// user names it: --url, a profile, or trusted-urls in the configuration.
func TestPlantedURLGetsNoToken(t *testing.T) {
	planted := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	props := plantedRepo(t, h, planted.url)
	env := map[string]string{"SONAR_TOKEN": planted.sim.AdminToken()}
	planted.sim.ResetRequests()

	for _, args := range [][]string{{"list"}, {"auth", "status"}, {"rotate", "laptop"}, {"__complete", "revoke", ""}} {
		r := planted.runIn(h, env, "", args...)
		if args[0] == "__complete" {
			continue
		}
		r.expect(t, ExitUsage)
		for _, want := range []string{props, planted.url, "--url " + planted.url} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, r.stderr)
			}
		}
	}
	if reqs := planted.sim.Requests(); len(reqs) > 0 {
		t.Fatalf("the planted server received %d requests, first %s %s (auth %s)", len(reqs), reqs[0].Method, reqs[0].Path, reqs[0].Auth)
	}

	// --url is the user's say.
	planted.runIn(h, env, "", "list", "--url", planted.url).expect(t, ExitOK)

	// So is a trusted URL in the configuration file; auth status names
	// the file the URL came from.
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	saveConfig(t, h.path, config.File{TrustedURLs: []string{planted.url + "/"}})
	r := planted.runIn(h, env, "", "auth", "status").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "(from "+props+")") {
		t.Errorf("auth status does not name the file:\n%s", r.stdout)
	}

	// And a profile of that server, even one not chosen.
	saveConfig(t, h.path, config.File{Profiles: []config.Profile{
		{Name: "a", URL: "https://a.example.com", Token: "keychain"},
		{Name: "b", URL: planted.url, Token: "keychain"},
	}})
	planted.runIn(h, env, "", "list").expect(t, ExitOK)
}

// The console is asked to get the user's say before connecting to a
// server only sonar-project.properties names; the yes it remembers lets
// the commands use that server afterwards, and its header names the file.
func TestConsoleAsksForPlantedURL(t *testing.T) {
	planted := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	props := plantedRepo(t, h, planted.url)
	env := map[string]string{"SONAR_TOKEN": planted.sim.AdminToken()}
	var got tuiParams
	planted.tui = func(_ context.Context, p tuiParams) error { got = p; return nil }

	// Without a token, on a terminal, the welcome form opens without the
	// file's URL.
	a := &app{io: IO{
		IsTerminal: func(io.Writer) bool { return true },
		ConfigPath: func() (string, error) { return h.path, nil },
		Getwd:      func() (string, error) { return h.dir, nil },
	}.withDefaults(), tui: planted.tui}
	if code := a.run(context.Background(), nil); code != ExitOK || got.Client != nil || got.WelcomeURL != "" {
		t.Errorf("exit %d, welcome form prefilled with %q", code, got.WelcomeURL)
	}
	planted.runIn(h, env, "").expect(t, ExitOK)
	if got.Consent == nil || got.Consent.URL != planted.url || got.Consent.File != props || got.ServerFile != props {
		t.Fatalf("console params: consent %+v, server file %q", got.Consent, got.ServerFile)
	}
	// The console's yes writes trusted-urls to hosts.toml: config.toml
	// stays as it was.
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	saveConfig(t, h.path, config.File{Profiles: []config.Profile{{Name: "other", URL: "https://other.example", Token: "keychain"}}, Default: "none"})
	users, err := os.ReadFile(h.path)
	must(t, err)
	must(t, got.Consent.Remember(got.Consent.URL))
	if again, _ := os.ReadFile(h.path); string(again) != string(users) {
		t.Errorf("the yes rewrote config.toml:\n%s", again)
	}
	f, err := config.LoadFile(h.path)
	if err != nil || len(f.Profiles) != 1 || f.Default != "none" || !f.Trusts(planted.url) {
		t.Fatalf("configuration after yes: %+v, %v", f, err)
	}
	saveConfig(t, h.path, config.File{TrustedURLs: f.TrustedURLs})
	planted.runIn(h, env, "", "list").expect(t, ExitOK)
	got = tuiParams{}
	planted.runIn(h, env, "").expect(t, ExitOK)
	if got.Consent != nil || got.ServerFile != props {
		t.Fatalf("trusted: consent %+v, server file %q", got.Consent, got.ServerFile)
	}
}
