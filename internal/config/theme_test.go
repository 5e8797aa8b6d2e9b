package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseTheme(t *testing.T) {
	for in, want := range map[string]string{"": "auto", "auto": "auto", " Dark ": "dark", "LIGHT": "light"} {
		if got, err := ParseTheme(in); err != nil || got != want {
			t.Errorf("ParseTheme(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"blue", "solarized", "darker"} {
		if _, err := ParseTheme(in); !errors.Is(err, ErrBadTheme) || !strings.Contains(err.Error(), in) {
			t.Errorf("ParseTheme(%q) = %v, want ErrBadTheme naming it", in, err)
		}
	}
}

// TestThemePrecedence: --theme, then SONARTOKEN_THEME, then the chosen
// profile's theme, then the file's theme, each with its source.
func TestThemePrecedence(t *testing.T) {
	path := writeConfig(t, "theme = \"light\"\ndefault = \"a\"\n[profiles.a]\nurl = \"https://a.example.com\"\ntheme = \"dark\"\n[profiles.b]\nurl = \"https://b.example.com\"\n")
	for _, c := range []struct {
		name, flag, env, profile string
		want, source             string
	}{
		{"flag", "light", "dark", "", "light", "--theme"},
		{"env", "", "light", "", "light", EnvTheme},
		{"profile", "", "", "", "dark", "profile a"},
		{"file", "", "", "b", "light", "theme in " + path},
		{"blank env defers", "", "  ", "", "dark", "profile a"},
	} {
		src := Sources{Flags: Flags{Theme: c.flag, Profile: c.profile}, Getenv: envOf(map[string]string{EnvTheme: c.env}), ConfigPath: path}
		s, err := Load(src)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if s.Theme != c.want || s.ThemeSource != c.source {
			t.Errorf("%s: theme %q from %q, want %q from %q", c.name, s.Theme, s.ThemeSource, c.want, c.source)
		}
	}
	// The built-in server's console uses no profile: the file's theme.
	theme, source, err := LoadTheme(Sources{Getenv: envOf(nil), ConfigPath: path})
	if err != nil || theme != "light" || source != "theme in "+path {
		t.Errorf("LoadTheme = %q from %q, %v; want light from the file", theme, source, err)
	}
	theme, source, err = LoadTheme(Sources{Getenv: envOf(map[string]string{EnvTheme: "dark"}), ConfigPath: path})
	if err != nil || theme != "dark" || source != EnvTheme {
		t.Errorf("LoadTheme = %q from %q, %v; want dark from %s", theme, source, err, EnvTheme)
	}
}

func TestThemeInFile(t *testing.T) {
	for name, in := range map[string]string{
		"root":       "theme = \"blue\"\n",
		"profile":    "[profiles.a]\ntheme = \"blue\"\n",
		"not string": "theme = 1\n",
	} {
		_, err := ParseFile([]byte(in))
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "theme") {
			t.Errorf("%s: err = %v, want a syntax error about the theme", name, err)
		}
	}
	// Saving a profile of hosts.toml again keeps its theme.
	path := filepath.Join(t.TempDir(), FileName)
	for _, url := range []string{"https://a.example.com", "https://a2.example.com"} {
		f, err := ReadFileOrEmpty(path)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := f.Lookup("a")
		p.Name, p.URL = "a", url
		if p.Theme == "" {
			p.Theme = "dark"
		}
		if _, err := SaveProfile(path, p); err != nil {
			t.Fatal(err)
		}
	}
	if f, err := LoadFile(path); err != nil || f.Profiles[0].Theme != "dark" || f.Profiles[0].URL != "https://a2.example.com" {
		t.Errorf("saved again: %+v, %v", f, err)
	}
	f, err := ParseFile(File{Theme: "dark", Profiles: []Profile{{Name: "x", URL: "https://x", Theme: "light"}}}.Marshal())
	if err != nil || f.Theme != "dark" || f.Profiles[0].Theme != "light" {
		t.Errorf("Marshal round trip: %+v, %v", f, err)
	}
}
