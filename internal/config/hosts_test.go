package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// usersFile is a config.toml as a user may have written it: comments,
// inline tables, dotted keys, a theme and a trusted server.
const usersFile = `# My servers. Keep this comment.
default = "prod" # the usual one
theme = "light"
trusted-urls = ['https://mine.example']

[profiles.prod]   # production
url = "https://sonar.example.com/"
# the company CA
ca-file = '/etc/ssl/company.pem'
token = "keychain"

[profiles]
inline = { url = "https://inline.example" }   # written inline

# staging, dotted
staging.url = "https://staging.example"
`

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeOwned(t *testing.T, cfg, content string) {
	t.Helper()
	if err := os.WriteFile(OwnedPath(cfg), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestSavingNeverRewritesConfigToml: a new profile and a trusted server go
// to hosts.toml; config.toml stays byte for byte; both read as one.
func TestSavingNeverRewritesConfigToml(t *testing.T) {
	cfg := writeConfig(t, usersFile)
	where, err := SaveProfile(cfg, Profile{Name: "work", URL: "https://work.example", Token: TokenFromKeychain})
	if err != nil || where != OwnedPath(cfg) {
		t.Fatalf("SaveProfile: %q, %v", where, err)
	}
	if err := TrustURL(cfg, "http://127.0.0.1:9000"); err != nil {
		t.Fatal(err)
	}
	if err := TrustURL(cfg, "https://mine.example/"); err != nil { // config.toml's already
		t.Fatal(err)
	}
	if got := readString(t, cfg); got != usersFile {
		t.Fatalf("config.toml changed:\n%s", got)
	}
	want := `# Written by sonartoken (auth login, the welcome form, the servers you trust),
# which rewrites it whole: put your own settings and comments in config.toml.
# Servers named by a sonar-project.properties that you accepted.
trusted-urls = ["http://127.0.0.1:9000"]

[profiles.work]
url = "https://work.example"
token = "keychain"
`
	if got := readString(t, OwnedPath(cfg)); got != want {
		t.Errorf("hosts.toml:\n%s\nwant:\n%s", got, want)
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(OwnedPath(cfg)); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("hosts.toml mode %v, %v", fi.Mode(), err)
		}
	}
	f, err := LoadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.Names(), ",") != "prod,inline,staging,work" || f.Default != "prod" || f.Theme != "light" ||
		strings.Join(f.TrustedURLs, ",") != "https://mine.example,http://127.0.0.1:9000" {
		t.Errorf("read as one: %+v", f)
	}
	// The profile of hosts.toml works as one of config.toml does.
	s, err := Load(Sources{Flags: Flags{Profile: "work"}, ConfigPath: cfg, Getenv: envOf(map[string]string{EnvToken: "squ_env"})})
	if err != nil || s.URL != "https://work.example" || s.Profile != "work" {
		t.Errorf("Load: %+v, %v", s, err)
	}
}

// TestSavingAProfileOfConfigToml: saving what the profile says already
// writes nothing; a change is refused, naming it, and writes nothing.
func TestSavingAProfileOfConfigToml(t *testing.T) {
	cfg := writeConfig(t, usersFile)
	same := Profile{Name: "prod", URL: "https://sonar.example.com", CAFile: "/etc/ssl/company.pem", Token: TokenFromKeychain}
	if where, err := SaveProfile(cfg, same); err != nil || where != cfg {
		t.Fatalf("the same profile: %q, %v", where, err)
	}
	other := same
	other.URL, other.Token, other.TokenFile = "https://other.example", "", "/t"
	for _, err := range []error{CheckProfile(cfg, other), func() error { _, err := SaveProfile(cfg, other); return err }()} {
		if err == nil {
			t.Fatal("a change to a profile of config.toml was accepted")
		}
		for _, want := range []string{"profile prod is in " + cfg + ", which sonartoken never rewrites",
			`url from "https://sonar.example.com" to "https://other.example", token from "keychain" to unset, token-file from unset to "/t"`,
			"delete [profiles.prod] from it"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("refusal lacks %q:\n%v", want, err)
			}
		}
	}
	if _, err := os.Stat(OwnedPath(cfg)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("hosts.toml was written: %v", err)
	}
	if got := readString(t, cfg); got != usersFile {
		t.Fatalf("config.toml changed:\n%s", got)
	}
	// Prod beside prod is refused across the files too.
	if _, err := SaveProfile(cfg, Profile{Name: "PROD", URL: "https://x.example"}); err == nil || !strings.Contains(err.Error(), "differ only by case") {
		t.Errorf("PROD: %v", err)
	}
}

// TestProfileInBothFilesIsRefused: the same profile in config.toml and
// hosts.toml (or names differing only by case) is refused with a
// sentence naming both files, by every reader.
func TestProfileInBothFilesIsRefused(t *testing.T) {
	cfg := writeConfig(t, "[profiles.prod]\nurl = \"https://a.example\"\n")
	for own, want := range map[string]string{
		"[profiles.prod]\nurl = \"https://b.example\"\n": "profile prod is in both " + cfg + " and " + OwnedPath(cfg) + ", and sonartoken does not guess which one you mean: delete [profiles.prod] from one of them",
		"[profiles.Prod]\nurl = \"https://b.example\"\n": `profiles "Prod" and "prod" differ only by case`,
	} {
		writeOwned(t, cfg, own)
		_, err := LoadFile(cfg)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LoadFile: %v, want %q", err, want)
		}
		if _, err := Load(Sources{ConfigPath: cfg}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load: %v", err)
		}
		if err := TrustURL(cfg, "https://c.example"); err == nil {
			t.Error("TrustURL wrote beside an ambiguous file")
		}
	}
}

// TestConfigTomlWinsDefaultAndTheme: default and theme come from
// config.toml, else from hosts.toml; hosts.toml alone is a configuration.
func TestConfigTomlWinsDefaultAndTheme(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, FileName)
	writeOwned(t, cfg, "default = \"b\"\ntheme = \"dark\"\n[profiles.b]\nurl = \"https://b.example\"\n")
	if f, err := LoadFile(cfg); err != nil || f.Default != "b" || f.Theme != "dark" {
		t.Fatalf("hosts.toml alone: %+v, %v", f, err)
	}
	if err := os.WriteFile(cfg, []byte("default = \"a\"\ntheme = \"light\"\n[profiles.a]\nurl = \"https://a.example\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := LoadFile(cfg)
	if err != nil || f.Default != "a" || f.Theme != "light" || strings.Join(f.Names(), ",") != "a,b" {
		t.Fatalf("both: %+v, %v", f, err)
	}
	// A new profile does not become the default when config.toml has one.
	if _, err := SaveProfile(cfg, Profile{Name: "c", URL: "https://c.example"}); err != nil {
		t.Fatal(err)
	}
	if f, _ := LoadFile(cfg); f.Default != "a" {
		t.Errorf("default %q", f.Default)
	}
}

// TestOwnedFileChecks: hosts.toml gets config.toml's checks (mode, not a
// special file), and a symbolic link in its place is refused, not
// followed or replaced.
func TestOwnedFileChecks(t *testing.T) {
	cfg := writeConfig(t, "")
	writeOwned(t, cfg, "")
	if runtime.GOOS != "windows" {
		if err := os.Chmod(OwnedPath(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadFile(cfg)
		if err == nil || !strings.Contains(err.Error(), "chmod 600 "+OwnedPath(cfg)) {
			t.Errorf("hosts.toml 0644: %v", err)
		}
	}
	if err := os.Remove(OwnedPath(cfg)); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "elsewhere.toml")
	if err := os.WriteFile(target, []byte("# theirs\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, OwnedPath(cfg)); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	want := OwnedPath(cfg) + " is a symbolic link, not a regular file"
	if _, err := LoadFile(cfg); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("LoadFile through a link: %v", err)
	}
	if _, err := SaveProfile(cfg, Profile{Name: "x", URL: "https://x.example"}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("SaveProfile through a link: %v", err)
	}
	if got := readString(t, target); got != "# theirs\n" {
		t.Errorf("the link's target was written: %q", got)
	}
}
