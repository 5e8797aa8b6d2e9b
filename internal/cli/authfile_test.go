package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// mine is a config.toml as a user writes it, or as the auth login of
// before hosts.toml left it.
const mine = `# my servers
default = "other"   # keep me

[profiles.other]
url = "https://other.example"   # a comment
token-file = "~/other.token"

[profiles]
inline = { url = "https://inline.example" }
dotted.url = 'https://dotted.example'
`

// TestAuthLoginKeepsTheUsersFile checks that auth login never writes
// config.toml: the user's comments, layout and other profiles (an inline
// table and dotted keys included) stay byte for byte; its profile goes to
// hosts.toml, a new one and then one logged in to again.
func TestAuthLoginKeepsTheUsersFile(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	must(t, os.WriteFile(h.path, []byte(mine), 0o600))
	token := e.sim.AdminToken()
	e.runIn(h, nil, e.url+"\n"+token+"\n", "auth", "login", "--profile", "work").expect(t, ExitOK)
	hosts := config.OwnedPath(h.path)
	check := func(url string) {
		t.Helper()
		data, err := os.ReadFile(h.path)
		must(t, err)
		if string(data) != mine {
			t.Fatalf("config.toml changed:\n%s", data)
		}
		data, err = os.ReadFile(hosts)
		must(t, err)
		want := "\n[profiles.work]\nurl = \"" + url + "\"\ntoken = \"keychain\"\n"
		if !strings.HasSuffix(string(data), want) || strings.Contains(string(data), "default") {
			t.Fatalf("hosts.toml:\n%s\nwant it to end with:\n%s", data, want)
		}
	}
	check(e.url)

	// Logging in again to another server changes hosts.toml only.
	e2 := newTestEnv(t, sonarsim.Options{})
	e.runIn(h, nil, e2.url+"\n"+e2.sim.AdminToken()+"\n", "auth", "login", "--profile", "work").expect(t, ExitOK)
	check(e2.url)
	r := e.runIn(h, nil, "", "auth", "status", "--profile", "work").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "Server:      "+e2.url+" (from profile work)") {
		t.Errorf("status:\n%s", r.stdout)
	}
}

// TestAuthLoginToAProfileOfConfigToml: a profile the user keeps in
// config.toml (by hand, or from the auth login of before) is signed in to
// again without a write when the sign-in says what it says; one that
// would change it is refused before the token is asked for, and nothing
// is stored.
func TestAuthLoginToAProfileOfConfigToml(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	users := "# mine\n[profiles.prod]   # production\nurl = \"" + e.url + "/\"\ntoken = \"keychain\"\ntheme = \"light\"\n"
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	must(t, os.WriteFile(h.path, []byte(users), 0o600))
	token := e.sim.AdminToken()
	r := e.runIn(h, nil, "\n"+token+"\n", "auth", "login", "--profile", "prod").expect(t, ExitOK)
	if !strings.Contains(r.stderr, "profile in "+h.path) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if v, err := h.kc.Get("prod"); err != nil || v.Reveal() != token {
		t.Fatalf("keychain: %v", err)
	}
	// The only default to set is hosts.toml's: config.toml has none.
	f, err := config.LoadFile(h.path)
	if err != nil || f.Default != "prod" || len(f.Profiles) != 1 || f.Profiles[0].Theme != "light" {
		t.Errorf("configuration: %+v, %v", f, err)
	}

	e2 := newTestEnv(t, sonarsim.Options{})
	r = e.runIn(h, nil, e2.url+"\nsqu_other\n", "auth", "login", "--profile", "prod").expect(t, ExitUsage)
	for _, want := range []string{"profile prod is in " + h.path + ", which sonartoken never rewrites", `url from "` + e.url + `" to "` + e2.url + `"`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "Token") {
		t.Errorf("the token was asked for:\n%s", r.stderr)
	}
	if v, _ := h.kc.Get("prod"); v.Reveal() != token {
		t.Error("the refused sign-in stored its token")
	}
	data, err := os.ReadFile(h.path)
	must(t, err)
	if string(data) != users {
		t.Fatalf("config.toml changed:\n%s", data)
	}
	// The same profile in both files is refused by every command.
	must(t, os.WriteFile(config.OwnedPath(h.path), []byte("[profiles.prod]\nurl = \""+e2.url+"\"\n"), 0o600))
	r = e.runIn(h, nil, "", "list").expect(t, ExitError)
	if !strings.Contains(r.stderr, "profile prod is in both "+h.path+" and "+config.OwnedPath(h.path)) {
		t.Errorf("list with prod in both files:\n%s", r.stderr)
	}
}

// TestAuthLoginKeepsTheProfilesKeys: signing in again changes the server
// and where the token is, and keeps the profile's other keys (timeout,
// theme, cloud).
func TestAuthLoginKeepsTheProfilesKeys(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	must(t, os.WriteFile(config.OwnedPath(h.path), []byte("[profiles.work]\nurl = \"https://old.example\"\ntimeout = \"2m\"\ntheme = \"dark\"\ncloud = true\n"), 0o600))
	e.runIn(h, nil, e.url+"\n"+e.sim.AdminToken()+"\n", "auth", "login", "--profile", "work").expect(t, ExitOK)
	f, err := config.LoadFile(h.path)
	must(t, err)
	if p, _ := f.Lookup("work"); p.URL != e.url || p.Token != "keychain" || p.Timeout != 2*time.Minute || p.Theme != "dark" || !p.Cloud {
		t.Errorf("profile after login: %+v", p)
	}
}

// TestMissingProfileTokenFile: a profile whose token file does not exist
// yet (auth login without a keychain) has no token configured: exit 2,
// as the README's table says, with the command that creates the file.
func TestMissingProfileTokenFile(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	missing := filepath.Join(filepath.Dir(h.path), "work.token")
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	must(t, os.WriteFile(h.path, []byte("[profiles.work]\nurl = \""+e.url+"\"\ntoken-file = \""+filepath.ToSlash(missing)+"\"\n"), 0o600))
	r := e.runIn(h, nil, "", "list", "--profile", "work").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "cat > ") || !strings.Contains(r.stderr, "auth login --profile work") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}
