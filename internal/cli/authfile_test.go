package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestAuthLoginKeepsTheUsersFile checks that auth login writes only its own
// profile: the user's comments, layout and other profiles (an inline table
// and dotted keys included) stay byte for byte, first for a new profile,
// then for a profile that already exists.
func TestAuthLoginKeepsTheUsersFile(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	const mine = `# my servers
default = "other"   # keep me

[profiles.other]
url = "https://other.example"   # a comment
token-file = "~/other.token"

[profiles]
inline = { url = "https://inline.example" }
dotted.url = 'https://dotted.example'
`
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	must(t, os.WriteFile(h.path, []byte(mine), 0o600))
	token := e.sim.AdminToken()
	e.runIn(h, nil, e.url+"\n"+token+"\n", "auth", "login", "--profile", "work").expect(t, ExitOK)
	data, err := os.ReadFile(h.path)
	must(t, err)
	want := mine + "\n[profiles.work]\nurl = \"" + e.url + "\"\ntoken = \"keychain\"\n"
	if string(data) != want {
		t.Fatalf("after login of a new profile:\n%s\nwant:\n%s", data, want)
	}

	// Logging in again to another server changes the url line only.
	e2 := newTestEnv(t, sonarsim.Options{})
	e.runIn(h, nil, e2.url+"\n"+e2.sim.AdminToken()+"\n", "auth", "login", "--profile", "work").expect(t, ExitOK)
	data, err = os.ReadFile(h.path)
	must(t, err)
	want = strings.Replace(want, e.url, e2.url, 1)
	if string(data) != want {
		t.Errorf("after login again:\n%s\nwant:\n%s", data, want)
	}
}
