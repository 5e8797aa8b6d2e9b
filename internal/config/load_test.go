package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/keychain"
	"github.com/sonartoken/sonartoken/internal/keychain/keychaintest"
	"github.com/sonartoken/sonartoken/model"
)

// writeConfig writes a configuration file with mode 0600 and returns its
// path.
func writeConfig(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "sonartoken", FileName)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// projectDir returns a repository folder holding sonar-project.properties
// and a sub-folder of it to start the search from.
func projectDir(t *testing.T, props string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "sonar-project.properties"), []byte(props), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, "src", "main")
	if err := os.MkdirAll(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	return sub
}

// The layers in order of precedence, each able to set the URL, and all
// but the project able to set the token.
var layerNames = []string{"flag", "env", "profile", "project"}

// sourcesWith builds Sources in which only the named layers set anything.
// Every layer points at the same URL host with its own path, so that the
// winner is visible and a profile's token is bound to its own URL.
func sourcesWith(t *testing.T, layers map[string]bool, sameURL bool) (Sources, map[string]string) {
	t.Helper()
	url := func(l string) string {
		if sameURL {
			return "https://sonar.example.com"
		}
		return "https://" + l + ".example.com"
	}
	want := map[string]string{}
	var src Sources
	env := map[string]string{}
	src.Getenv = envOf(env)
	kc := &keychaintest.Memory{}
	src.Keychain = kc
	if layers["flag"] {
		src.Flags.URL = url("flag")
		src.Flags.TokenFile = writeFile(t, "squ_flag\n", 0o600)
		src.Flags.CAFile = "/flag.pem"
		src.Flags.Timeout = 1 * time.Second
	}
	if layers["env"] {
		env[EnvURL] = url("env")
		env[EnvToken] = "squ_env"
	}
	if layers["profile"] {
		src.ConfigPath = writeConfig(t, fmt.Sprintf("default = \"work\"\n[profiles.work]\nurl = %q\ntoken = \"keychain\"\nca-file = \"/profile.pem\"\ntimeout = \"3s\"\n", url("profile")))
		if err := kc.Set("work", model.NewSecret("squ_profile")); err != nil {
			t.Fatal(err)
		}
	}
	if layers["project"] {
		src.Dir = projectDir(t, "sonar.host.url="+url("project")+"\nsonar.projectKey=my:app\n")
	}
	for _, l := range layerNames {
		if layers[l] {
			want["url"] = url(l)
			break
		}
	}
	return src, want
}

// TestLoadPrecedencePairs checks every pair of layers: the higher one wins
// the URL, the token, the CA file and the timeout.
func TestLoadPrecedencePairs(t *testing.T) {
	tokenOf := map[string]string{"flag": "squ_flag", "env": "squ_env", "profile": "squ_profile"}
	caOf := map[string]string{"flag": "/flag.pem", "profile": "/profile.pem"}
	timeoutOf := map[string]time.Duration{"flag": time.Second, "profile": 3 * time.Second}
	for i, hi := range layerNames {
		for _, lo := range layerNames[i+1:] {
			t.Run(hi+" over "+lo, func(t *testing.T) {
				// Same URL everywhere so that a profile's token may be sent.
				src, _ := sourcesWith(t, map[string]bool{hi: true, lo: true}, true)
				s, err := Load(src)
				if err != nil {
					t.Fatal(err)
				}
				if s.URL != "https://sonar.example.com" {
					t.Errorf("URL = %q", s.URL)
				}
				wantTok := tokenOf[hi]
				if wantTok == "" {
					wantTok = tokenOf[lo]
				}
				if s.Token.Reveal() != wantTok {
					t.Errorf("token from %q, want the %s layer's", s.TokenSource, hi)
				}
				wantCA := caOf[hi]
				if wantCA == "" {
					wantCA = caOf[lo]
				}
				if s.CAFile != wantCA {
					t.Errorf("CAFile = %q, want %q", s.CAFile, wantCA)
				}
				wantTimeout := timeoutOf[hi]
				if wantTimeout == 0 {
					wantTimeout = timeoutOf[lo]
				}
				if wantTimeout == 0 {
					wantTimeout = DefaultTimeout
				}
				if s.Timeout != wantTimeout {
					t.Errorf("Timeout = %v, want %v", s.Timeout, wantTimeout)
				}

				// Distinct URLs: the higher layer's URL wins.
				src, want := sourcesWith(t, map[string]bool{hi: true, lo: true}, false)
				s, err = Load(src)
				if err != nil {
					t.Fatal(err)
				}
				if s.URL != want["url"] {
					t.Errorf("URL = %q from %q, want %q", s.URL, s.URLSource, want["url"])
				}
			})
		}
	}
}

func TestLoadEachLayerAlone(t *testing.T) {
	for _, l := range layerNames {
		t.Run(l, func(t *testing.T) {
			src, want := sourcesWith(t, map[string]bool{l: true}, false)
			s, err := Load(src)
			if err != nil {
				t.Fatal(err)
			}
			if s.URL != want["url"] {
				t.Errorf("URL = %q, want %q", s.URL, want["url"])
			}
			if l == "project" {
				if s.ProjectKey != "my:app" || !strings.HasSuffix(s.ProjectFile, "sonar-project.properties") {
					t.Errorf("project %q from %q", s.ProjectKey, s.ProjectFile)
				}
				if !s.Token.IsZero() {
					t.Error("a token came from nowhere")
				}
			}
			if l == "profile" && (s.Profile != "work" || s.ConfigPath == "" || s.TokenSource != "profile work (OS keychain)") {
				t.Errorf("profile %q at %q, token from %q", s.Profile, s.ConfigPath, s.TokenSource)
			}
		})
	}
}

// A profile's token goes only to its own server: SONAR_HOST_URL pointing
// elsewhere does not receive it.
func TestProfileTokenBoundToItsServer(t *testing.T) {
	src, _ := sourcesWith(t, map[string]bool{"profile": true}, false)
	src.Getenv = envOf(map[string]string{EnvURL: "https://evil.example.com"})
	s, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	if s.URL != "https://evil.example.com" || !s.Token.IsZero() {
		t.Fatalf("URL %q, token from %q: the profile's token went to another server", s.URL, s.TokenSource)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "not sent to https://evil.example.com") {
		t.Errorf("warnings %q", s.Warnings)
	}
	// The same server, spelled with a trailing slash, gets it.
	src.Getenv = envOf(map[string]string{EnvURL: "https://profile.example.com/"})
	if s, err = Load(src); err != nil || s.Token.Reveal() != "squ_profile" {
		t.Fatalf("same server: token from %q, %v", s.TokenSource, err)
	}
}

func TestProfileSelection(t *testing.T) {
	cfg := writeConfig(t, `# two servers
default = "prod"

[profiles.prod]
url = "https://prod.example.com"

[profiles."staging"]   # quoted name
url = 'https://staging.example.com'
`)
	single := writeConfig(t, "[profiles.only]\nurl = \"https://only.example.com\"\n")
	tests := []struct {
		name     string
		cfg      string
		flag     string
		env      string
		want     string
		wantErr  error
		wantText string
	}{
		{name: "default", cfg: cfg, want: "https://prod.example.com"},
		{name: "env over default", cfg: cfg, env: "staging", want: "https://staging.example.com"},
		{name: "flag over env", cfg: cfg, flag: "prod", env: "staging", want: "https://prod.example.com"},
		{name: "single profile without default", cfg: single, want: "https://only.example.com"},
		{name: "unknown", cfg: cfg, flag: "nope", wantErr: ErrNoProfile, wantText: "profiles: prod, staging"},
		{name: "no file", cfg: filepath.Join(t.TempDir(), "none.toml"), env: "prod", wantErr: ErrNoProfile, wantText: "auth login --profile prod"},
		{name: "no file, no name", cfg: filepath.Join(t.TempDir(), "none.toml")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(Sources{Flags: Flags{Profile: tt.flag}, Getenv: envOf(map[string]string{EnvProfile: tt.env}), ConfigPath: tt.cfg})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.wantText) {
					t.Fatalf("err = %v, want %v with %q", err, tt.wantErr, tt.wantText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.URL != tt.want {
				t.Errorf("URL = %q, want %q", s.URL, tt.want)
			}
		})
	}
}

func TestProfileKeychainErrors(t *testing.T) {
	cfg := writeConfig(t, "[profiles.prod]\nurl = \"https://prod.example.com\"\ntoken = \"keychain\"\n")
	// No keychain on this machine: say so and name the other routes.
	_, err := Load(Sources{ConfigPath: cfg})
	if !errors.Is(err, keychain.ErrUnavailable) || !strings.Contains(err.Error(), "token-file") {
		t.Errorf("no keychain: %v", err)
	}
	// A keychain without this profile's token.
	_, err = Load(Sources{ConfigPath: cfg, Keychain: &keychaintest.Memory{}})
	if !errors.Is(err, keychain.ErrNotFound) || !strings.Contains(err.Error(), "sonartoken auth login --profile prod") {
		t.Errorf("no entry: %v", err)
	}
	// SONAR_TOKEN wins: the keychain is not even asked.
	s, err := Load(Sources{ConfigPath: cfg, Getenv: envOf(map[string]string{EnvToken: "squ_env"})})
	if err != nil || s.TokenSource != EnvToken {
		t.Errorf("env token: %v from %q", err, s.TokenSource)
	}
}

func TestProfileTokenFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits on Windows")
	}
	good := writeFile(t, "squ_fromprofile\n", 0o600)
	cfg := writeConfig(t, fmt.Sprintf("[profiles.ci]\nurl = \"https://ci.example.com\"\ntoken-file = %q\n", good))
	s, err := Load(Sources{ConfigPath: cfg})
	if err != nil || s.Token.Reveal() != "squ_fromprofile" {
		t.Fatalf("token-file: %v", err)
	}
	bad := writeFile(t, "squ_secretvalue\n", 0o644)
	cfg = writeConfig(t, fmt.Sprintf("[profiles.ci]\nurl = \"https://ci.example.com\"\ntoken-file = %q\n", bad))
	_, err = Load(Sources{ConfigPath: cfg})
	var pe *PermissionError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "chmod 600 "+bad) || strings.Contains(err.Error(), "squ_secretvalue") {
		t.Errorf("readable token file: %v", err)
	}
}

func TestRefusesConfigFileReadableByOthers(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits on Windows")
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o620} {
		p := writeConfig(t, "[profiles.prod]\nurl = \"https://prod.example.com\"\n")
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		_, err := Load(Sources{ConfigPath: p})
		var pe *PermissionError
		if !errors.As(err, &pe) {
			t.Fatalf("mode %o: err = %v", mode, err)
		}
		if msg := err.Error(); !strings.Contains(msg, "configuration file "+p) || !strings.Contains(msg, "chmod 600 "+p) {
			t.Errorf("mode %o: %s", mode, msg)
		}
	}
}

func TestProjectAtHand(t *testing.T) {
	dir := projectDir(t, "# comment\nsonar.projectKey = my\\:app\nsonar.host.url=https\\://sonar.example.com/\n")
	s, err := Load(Sources{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if s.URL != "https://sonar.example.com" || s.ProjectKey != "my:app" || !strings.HasSuffix(s.URLSource, "sonar-project.properties") {
		t.Errorf("got %q from %q, key %q", s.URL, s.URLSource, s.ProjectKey)
	}
	// Without sonar.host.url the key is still known.
	dir = projectDir(t, "sonar.projectKey=lib\n")
	if s, err = Load(Sources{Dir: dir}); err != nil || s.URL != "" || s.ProjectKey != "lib" {
		t.Errorf("got %q key %q, %v", s.URL, s.ProjectKey, err)
	}
}

func TestSaveProfileRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "new", "sonartoken", FileName)
	prod := Profile{Name: "prod", URL: "https://prod.example.com", Token: TokenFromKeychain, Timeout: time.Minute}
	lab := Profile{Name: "lab", URL: "http://127.0.0.1:9000", TokenFile: `/tmp/a "quoted" \ path`, CAFile: "~/ca.pem"}
	prod2 := Profile{Name: "prod", URL: "https://prod2.example.com", Token: TokenFromKeychain}
	for _, pr := range []Profile{prod, lab, prod2} {
		if _, err := SaveProfile(p, pr); err != nil {
			t.Fatal(err)
		}
	}
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(OwnedPath(p))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("mode %v, %v", fi.Mode(), err)
		}
	}
	got, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	want := File{Default: "prod", Profiles: []Profile{prod2, lab}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseFileErrors(t *testing.T) {
	tests := map[string]string{
		"token value":      "[profiles.a]\ntoken = \"squ_secretvalue\"\n",
		"insecure":         "[profiles.a]\ninsecure = true\n",
		"unknown key":      "[profiles.a]\nurll = \"x\"\n",
		"unknown section":  "[profile.a]\n",
		"bad name":         "[profiles.\"a b\"]\n",
		"duplicate":        "[profiles.a]\n[profiles.a]\n",
		"twice":            "[profiles.a]\nurl = \"x\"\nurl = \"y\"\n",
		"top-level key":    "url = \"x\"\n",
		"unquoted":         "[profiles.a]\nurl = https://x\n",
		"unterminated":     "[profiles.a]\nurl = \"x\n",
		"bad escape":       "[profiles.a]\nurl = \"\\q\"\n",
		"trailing":         "[profiles.a]\nurl = \"x\" y\n",
		"bad timeout":      "[profiles.a]\ntimeout = \"soon\"\n",
		"array section":    "[[profiles.a]]\n",
		"no equals":        "[profiles.a]\nurl\n",
		"escape at end":    "[profiles.a]\nurl = \"\\",
		"short unicode":    "[profiles.a]\nurl = \"\\u12\"\n",
		"section trailing": "[profiles.a] x\n",
	}
	for name, in := range tests {
		_, err := ParseFile([]byte(in))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: err = %v", name, err)
			continue
		}
		if strings.Contains(err.Error(), "squ_secretvalue") {
			t.Errorf("%s: the error repeats the token: %v", name, err)
		}
	}
}

func TestParseFileSyntax(t *testing.T) {
	f, err := ParseFile([]byte("\uFEFF# c\n  default = 'a' # the usual\n\n[profiles.a] # first\n  url = \"https://x.example.com/\\u00e9\\t\" # comment\n\tca-file = '/c:\\certs\\ca.pem'\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := f.Lookup("a")
	if f.Default != "a" || !ok || p.URL != "https://x.example.com/é\t" || p.CAFile != `/c:\certs\ca.pem` {
		t.Errorf("parsed %+v", f)
	}
}

// FuzzParseFile checks that ParseFile never panics, and that what it reads
// survives Marshal and ParseFile again.
func FuzzParseFile(f *testing.F) {
	f.Add([]byte("default = \"a\"\n[profiles.a]\nurl = \"https://x\"\ntoken = \"keychain\"\ntimeout = \"3s\"\n"))
	f.Add([]byte("[profiles.\"b\"]\ntoken-file = '~/t'\nca-file = \"\\u00e9\\\"\\\\\"\n"))
	f.Add([]byte(userFile))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ParseFile(data)
		if err != nil {
			return
		}
		again, err := ParseFile(got.Marshal())
		if err != nil {
			t.Fatalf("Marshal output does not parse: %v\n%s", err, got.Marshal())
		}
		if fmt.Sprint(again) != fmt.Sprint(got) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", again, got)
		}
	})
}
