package config

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCloudKey: a profile's cloud = true (or "true") says its server is
// SonarQube Cloud; anything else is a mistake named by its line.
func TestCloudKey(t *testing.T) {
	f, err := ParseFile([]byte("[profiles.a]\nurl = \"https://a\"\ncloud = true\n[profiles.b]\nurl = \"https://b\"\ncloud = \"false\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := f.Lookup("a"); !a.Cloud {
		t.Error("cloud = true not read")
	}
	if b, _ := f.Lookup("b"); b.Cloud {
		t.Error(`cloud = "false" read as true`)
	}
	_, err = ParseFile([]byte("[profiles.a]\nurl = \"https://a\"\ncloud = 1\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3: cloud is true or false") {
		t.Errorf("cloud = 1: %v", err)
	}

	// Written bare.
	out := string(File{Profiles: []Profile{{Name: "c", URL: "https://proxy.example", Token: TokenFromKeychain, Cloud: true}}}.Marshal())
	if !strings.Contains(out, "\ncloud = true\n") {
		t.Errorf("marshal:\n%s", out)
	}
	// Saved in hosts.toml and read back; config.toml's profile is not
	// rewritten to add it.
	path := filepath.Join(t.TempDir(), FileName)
	if _, err := SaveProfile(path, Profile{Name: "c", URL: "https://proxy.example", Cloud: true}); err != nil {
		t.Fatal(err)
	}
	if f, err := LoadFile(path); err != nil || !f.Profiles[0].Cloud {
		t.Errorf("saved: %+v, %v", f, err)
	}
	cfg := writeConfig(t, "[profiles.d]\nurl = \"https://d\"\n")
	err = CheckProfile(cfg, Profile{Name: "d", URL: "https://d", Cloud: true})
	if err == nil || !strings.Contains(err.Error(), "cloud from unset to true") {
		t.Errorf("cloud added to a profile of config.toml: %v", err)
	}
}

// TestCloudPrecedence: --cloud, SONARTOKEN_CLOUD, or the profile's cloud
// key when its own URL is the one in use.
func TestCloudPrecedence(t *testing.T) {
	path := writeConfig(t, "default = \"c\"\n[profiles.c]\nurl = \"https://proxy.example\"\ncloud = true\n")
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	tests := []struct {
		name   string
		flags  Flags
		vars   map[string]string
		want   bool
		source string
	}{
		{"profile", Flags{}, nil, true, "profile c"},
		{"another URL than the profile's", Flags{URL: "https://sonar.example"}, nil, false, ""},
		{"flag", Flags{URL: "https://sonar.example", Cloud: true}, nil, true, "--cloud"},
		{"variable", Flags{URL: "https://sonar.example"}, map[string]string{EnvCloud: "1"}, true, EnvCloud},
		{"variable off", Flags{URL: "https://sonar.example"}, map[string]string{EnvCloud: "0"}, false, ""},
	}
	for _, tt := range tests {
		s, err := Load(Sources{Flags: tt.flags, Getenv: env(tt.vars), ConfigPath: path})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if s.Cloud != tt.want || s.CloudSource != tt.source {
			t.Errorf("%s: Cloud %v from %q, want %v from %q", tt.name, s.Cloud, s.CloudSource, tt.want, tt.source)
		}
	}
}
