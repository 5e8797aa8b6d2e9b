package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidProfileName(t *testing.T) {
	for name, want := range map[string]bool{
		"prod": true, "prod-eu": true, "prod_eu": true, "prod.eu": true, "v2.1": true, "A.b-C_9": true,
		strings.Repeat("a", 64): true,
		"":                      false, strings.Repeat("a", 65): false, "prod eu": false, "prod/eu": false, `prod"eu`: false,
		"préprod": false, "prod\u200b": false, "[prod]": false,
	} {
		if got := ValidProfileName(name); got != want {
			t.Errorf("ValidProfileName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestDottedProfileNameRoundTrips: a name with a dot is written as a
// quoted key ([profiles."prod.eu"]), read back as one profile, and saved
// again.
func TestDottedProfileNameRoundTrips(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	for _, p := range []Profile{
		{Name: "prod.eu", URL: "https://eu.example.com", Token: TokenFromKeychain},
		{Name: "prod.eu", URL: "https://eu2.example.com", Token: TokenFromKeychain},
		{Name: "v2.1", URL: "https://v2.example.com"},
	} {
		if _, err := SaveProfile(path, p); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(OwnedPath(path))
	if err != nil || !strings.Contains(string(data), `[profiles."prod.eu"]`) {
		t.Fatalf("hosts.toml, %v:\n%s", err, data)
	}
	again, err := LoadFile(path)
	if err != nil || len(again.Profiles) != 2 || again.Profiles[0].URL != "https://eu2.example.com" || again.Profiles[1].Name != "v2.1" || again.Default != "prod.eu" {
		t.Fatalf("read back %+v, %v:\n%s", again, err, data)
	}
}

// TestProfileNamesDifferingByCaseAreRefused: the Windows Credential
// Manager ignores case, so prod and PROD would share one keychain entry.
func TestProfileNamesDifferingByCaseAreRefused(t *testing.T) {
	_, err := ParseFile([]byte("[profiles.prod]\nurl = \"https://a\"\n\n[profiles.PROD]\nurl = \"https://b\"\n"))
	if err == nil || !strings.Contains(err.Error(), `"PROD" and "prod" differ only by case`) || !strings.Contains(err.Error(), "Windows Credential Manager") || !strings.Contains(err.Error(), "line 4") {
		t.Fatalf("err = %v, want the case clash refused on line 4, with why", err)
	}
	f := File{Profiles: []Profile{{Name: "prod", URL: "https://a"}}}
	if err := CheckProfileName("prod", f); err != nil {
		t.Errorf("the same name again (an update): %v", err)
	}
	if err := CheckProfileName("staging", f); err != nil {
		t.Errorf("another name: %v", err)
	}
	err = CheckProfileName("Prod", f)
	if err == nil || !strings.Contains(err.Error(), `"Prod" and "prod" differ only by case`) || !strings.Contains(err.Error(), "Windows Credential Manager ignores case") {
		t.Errorf("Prod beside prod: %v", err)
	}
	if err := CheckProfileName("prod eu", f); err == nil || !strings.Contains(err.Error(), "letters, digits") {
		t.Errorf("an invalid name: %v", err)
	}
}
