package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// welcomeSave opens the console with nothing configured (the welcome
// screen) on a terminal, with h's configuration and keychain, and returns
// the Save its form would call.
func welcomeSave(t *testing.T, e *testEnv, h *home) func(profile, url string, token model.Secret) (string, []string, error) {
	t.Helper()
	var got tuiParams
	a := &app{io: IO{
		In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{},
		Getenv:     func(string) string { return "" },
		IsTerminal: func(io.Writer) bool { return true },
		Now:        func() time.Time { return now },
		Keychain:   h.kc,
		ConfigPath: func() (string, error) { return h.path, nil },
	}.withDefaults(), tui: func(_ context.Context, p tuiParams) error { got = p; return nil }}
	if code := a.run(context.Background(), nil); code != ExitOK {
		t.Fatalf("console: exit %d", code)
	}
	if got.Client != nil || got.Save == nil {
		t.Fatalf("not the welcome screen: client %v, save %v", got.Client != nil, got.Save != nil)
	}
	return func(profile, url string, token model.Secret) (string, []string, error) {
		s, err := got.Save(profile, url, token)
		return s.Note, s.Todo, err
	}
}

// TestWelcomeSavesWithoutKeychain: on a box with no OS keychain, ticking
// Keychain on the welcome form saved nothing ("no OS keychain is
// available"), so the welcome screen came back next time. The profile is
// now written to read its token from a file, as auth login does, with the
// command that creates the file; once the user creates it, the next start
// signs in with the profile. The program never writes the token itself.
func TestWelcomeSavesWithoutKeychain(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	h.kc = unavailable{}
	save := welcomeSave(t, e, h)
	token := e.sim.AdminToken()
	note, todo, err := save("work", e.url, model.NewSecret(token))
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	tokenPath := filepath.Join(filepath.Dir(h.path), "work.token")
	text := strings.Join(todo, "\n")
	for _, want := range []string{"No OS keychain", "reads its token from " + tokenPath, "umask 077", "cat > " + tokenPath, "SONAR_TOKEN"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(note, "Profile work saved in "+config.OwnedPath(h.path)) || strings.Contains(note+text, token) {
		t.Errorf("note %q", note)
	}
	f, err := config.ReadFileOrEmpty(h.path)
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := f.Lookup("work"); !ok || p.URL != e.url || p.TokenFile != tokenPath || p.Token != "" || f.Default != "work" {
		t.Fatalf("profile %+v, default %q", p, f.Default)
	}
	if _, err := os.Stat(tokenPath); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the program wrote the token file itself")
	}
	// The user runs the command: the profile then signs in, no welcome.
	must(t, os.WriteFile(tokenPath, []byte(token+"\n"), 0o600))
	r := e.runIn(h, nil, "", "list")
	if r.code != ExitOK || !strings.Contains(r.stdout, "laptop") {
		t.Fatalf("list with the saved profile: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestWelcomeSavesInKeychain: with a keychain, the token goes there and
// nothing remains to do.
func TestWelcomeSavesInKeychain(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	note, todo, err := welcomeSave(t, e, h)("work", e.url, model.NewSecret(e.sim.AdminToken()))
	if err != nil || len(todo) != 0 || !strings.Contains(note, "Token saved in the OS keychain as profile work") {
		t.Fatalf("note %q, todo %v, err %v", note, todo, err)
	}
	if got, err := h.kc.Get("work"); err != nil || got.Reveal() != e.sim.AdminToken() {
		t.Fatalf("keychain: %v", err)
	}
}
