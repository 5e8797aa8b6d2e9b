package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrustedURLsRoundTrip(t *testing.T) {
	text := "# mine\ndefault = \"p\"\ntrusted-urls = [\"https://a.example\", 'https://b.example/' ] # ok\n\n[profiles.p]\nurl = \"https://p.example\"\n"
	f, err := ParseFile([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.TrustedURLs, ",") != "https://a.example,https://b.example/" {
		t.Fatalf("TrustedURLs %q", f.TrustedURLs)
	}
	for url, want := range map[string]bool{
		"https://a.example/": true, "https://b.example": true, "https://p.example": true,
		"http://a.example": false, "https://a.example:8443": false, "https://c.example": false,
	} {
		if got := f.Trusts(url); got != want {
			t.Errorf("Trusts(%s) = %v, want %v", url, got, want)
		}
	}
	again, err := ParseFile(f.Marshal())
	if err != nil || strings.Join(again.TrustedURLs, ",") != strings.Join(f.TrustedURLs, ",") || again.Default != "p" || len(again.Profiles) != 1 {
		t.Fatalf("round trip: %+v, %v\n%s", again, err, f.Marshal())
	}
	for _, bad := range []string{`trusted-urls = "https://a"`, `trusted-urls = ["https://a"`, `trusted-urls = [https://a]`, `trusted-urls = ["a" "b"]`} {
		if _, err := ParseFile([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TrustURL keeps the file's profiles and default, and adds a URL once.
func TestTrustURLKeepsTheFile(t *testing.T) {
	p := writeConfig(t, "default = \"p\"\n[profiles.p]\nurl = \"https://p.example\"\ntoken = \"keychain\"\n")
	for i := 0; i < 2; i++ {
		if err := TrustURL(p, "http://127.0.0.1:9000"); err != nil {
			t.Fatal(err)
		}
	}
	f, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if f.Default != "p" || len(f.Profiles) != 1 || f.Profiles[0].Token != "keychain" || strings.Join(f.TrustedURLs, ",") != "http://127.0.0.1:9000" {
		t.Fatalf("file after TrustURL: %+v", f)
	}
	fi, err := os.Stat(p)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", fi.Mode(), err)
	}
	// A missing file is created.
	q := filepath.Join(t.TempDir(), "sonartoken", FileName)
	if err := TrustURL(q, "https://x.example"); err != nil {
		t.Fatal(err)
	}
	if f, err := LoadFile(q); err != nil || !f.Trusts("https://x.example") {
		t.Fatalf("%+v, %v", f, err)
	}
}

// A URL that only sonar-project.properties names is unconfirmed until a
// profile or trusted-urls names it; a URL from the environment never is.
func TestLoadProjectURLNeedsConfirmation(t *testing.T) {
	dir := projectDir(t, "sonar.host.url=https://planted.example/\n")
	env := envOf(map[string]string{EnvToken: "squ_env"})
	s, err := Load(Sources{Getenv: env, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var ue *UntrustedURLError
	if !s.URLUnconfirmed || !strings.HasSuffix(s.URLFile, "sonar-project.properties") || !errors.As(s.ConfirmURL(), &ue) {
		t.Fatalf("planted URL: %+v", s)
	}
	if msg := s.ConfirmURL().Error(); !strings.Contains(msg, s.URLFile) || !strings.Contains(msg, "--url https://planted.example") {
		t.Errorf("message: %s", msg)
	}
	cfg := writeConfig(t, "trusted-urls = [\"https://planted.example\"]\n")
	if s, err := Load(Sources{Getenv: env, Dir: dir, ConfigPath: cfg}); err != nil || s.URLUnconfirmed || s.ConfirmURL() != nil || s.URLFile == "" {
		t.Fatalf("trusted: %+v, %v", s, err)
	}
	env = envOf(map[string]string{EnvToken: "squ_env", EnvURL: "https://planted.example"})
	if s, err := Load(Sources{Getenv: env, Dir: dir}); err != nil || s.URLUnconfirmed || s.URLFile != "" {
		t.Fatalf("named by the environment: %+v, %v", s, err)
	}
}
