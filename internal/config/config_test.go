package config

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func writeFile(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestResolvePrecedence(t *testing.T) {
	file := writeFile(t, "squ_fromfile\n", 0o600)
	env := envOf(map[string]string{EnvURL: "https://env.example.com/", EnvToken: "squ_fromenv"})

	tests := []struct {
		name       string
		flags      Flags
		env        func(string) string
		stdin      string
		wantURL    string
		wantSource string
		wantToken  string
		wantTokSrc string
	}{
		{name: "env only", env: env, wantURL: "https://env.example.com", wantSource: EnvURL, wantToken: "squ_fromenv", wantTokSrc: EnvToken},
		{name: "flag over env", flags: Flags{URL: "https://flag.example.com", TokenFile: file}, env: env,
			wantURL: "https://flag.example.com", wantSource: "--url", wantToken: "squ_fromfile", wantTokSrc: "--token-file " + file},
		{name: "stdin token", flags: Flags{TokenFile: "-"}, env: env, stdin: "\n  squ_fromstdin  \n",
			wantURL: "https://env.example.com", wantSource: EnvURL, wantToken: "squ_fromstdin", wantTokSrc: "standard input"},
		{name: "nothing", env: envOf(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Resolve(tt.flags, tt.env, strings.NewReader(tt.stdin))
			if err != nil {
				t.Fatal(err)
			}
			if s.URL != tt.wantURL || s.URLSource != tt.wantSource {
				t.Errorf("URL = %q from %q, want %q from %q", s.URL, s.URLSource, tt.wantURL, tt.wantSource)
			}
			if s.Token.Reveal() != tt.wantToken || s.TokenSource != tt.wantTokSrc {
				t.Errorf("token from %q, want %q from %q", s.TokenSource, tt.wantToken, tt.wantTokSrc)
			}
			if s.Timeout != DefaultTimeout {
				t.Errorf("Timeout = %v", s.Timeout)
			}
		})
	}
}

func TestResolveStdinReadOnlyWhenItWins(t *testing.T) {
	// The env token loses to the file flag; with no file flag stdin is untouched.
	r := strings.NewReader("squ_stdin")
	if _, err := Resolve(Flags{}, envOf(map[string]string{EnvToken: "x"}), r); err != nil {
		t.Fatal(err)
	}
	if r.Len() != len("squ_stdin") {
		t.Error("standard input was read although --token-file - was not given")
	}
}

func TestRefusesTokenFileReadableByOthers(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits on Windows")
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660} {
		p := writeFile(t, "squ_secretvalue\n", mode)
		_, err := Resolve(Flags{TokenFile: p}, envOf(nil), nil)
		var pe *PermissionError
		if !errors.As(err, &pe) {
			t.Fatalf("mode %o: err = %v, want PermissionError", mode, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "chmod 600 "+p) {
			t.Errorf("mode %o: message lacks the chmod command: %s", mode, msg)
		}
		if strings.Contains(msg, "squ_secretvalue") {
			t.Errorf("message leaks the token: %s", msg)
		}
	}
	p := writeFile(t, "squ_ok\n", 0o400)
	if s, err := Resolve(Flags{TokenFile: p}, envOf(nil), nil); err != nil || s.Token.Reveal() != "squ_ok" {
		t.Fatalf("0400 file: %v", err)
	}
}

func TestTokenFileErrors(t *testing.T) {
	empty := writeFile(t, "\n\n", 0o600)
	spaced := writeFile(t, "squ_a squ_b\n", 0o600)
	for name, f := range map[string]Flags{
		"missing":   {TokenFile: filepath.Join(t.TempDir(), "nope")},
		"empty":     {TokenFile: empty},
		"spaces":    {TokenFile: spaced},
		"dir":       {TokenFile: t.TempDir()},
		"stdin nil": {TokenFile: "-"},
	} {
		if _, err := Resolve(f, envOf(nil), nil); err == nil {
			t.Errorf("%s: no error", name)
		} else if strings.Contains(err.Error(), "squ_a") {
			t.Errorf("%s: error leaks the file content: %v", name, err)
		}
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		url      string
		insecure bool
		want     []string
	}{
		{url: "http://127.0.0.1:9000"},
		{url: "http://localhost:9000/sonar/"},
		{url: "http://[::1]:9000"},
		{url: "https://sonar.example.com"},
		{url: "http://sonar.example.com", want: []string{"clear text"}},
		{url: "https://sonar.example.com", insecure: true, want: []string{"--insecure"}},
	}
	for _, tt := range tests {
		s, err := Resolve(Flags{URL: tt.url, Insecure: tt.insecure}, envOf(nil), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Warnings) != len(tt.want) {
			t.Errorf("%s: warnings %q, want %q", tt.url, s.Warnings, tt.want)
			continue
		}
		for i, w := range tt.want {
			if !strings.Contains(s.Warnings[i], w) {
				t.Errorf("%s: warning %q lacks %q", tt.url, s.Warnings[i], w)
			}
		}
	}
}

func TestResolveMisc(t *testing.T) {
	s, err := Resolve(Flags{URL: "sonar.example.com", Timeout: 5 * time.Second}, envOf(map[string]string{EnvDebug: "1"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.URL != "https://sonar.example.com" || s.Timeout != 5*time.Second || !s.Debug {
		t.Errorf("got %+v", s)
	}
	if err := s.RequireServer(); !errors.Is(err, ErrNoToken) {
		t.Errorf("RequireServer = %v, want ErrNoToken", err)
	}
	if err := (Settings{}).RequireServer(); !errors.Is(err, ErrNoURL) {
		t.Errorf("RequireServer = %v, want ErrNoURL", err)
	}
	if _, err := Resolve(Flags{URL: "ftp://x"}, envOf(nil), nil); err == nil {
		t.Error("ftp URL accepted")
	}
}

// TestCheckURL pins what a form may accept as a server URL: what Resolve
// accepts, with https:// assumed, and never user information.
func TestCheckURL(t *testing.T) {
	for raw, want := range map[string]error{
		"https://sonar.example.com":          nil,
		"sonar.example.com/sonar":            nil,
		"http://127.0.0.1:9000":              nil,
		"ftp://sonar.example.com":            errAny,
		"https://":                           errAny,
		"https://admin:pw@sonar.example.com": ErrCredentialsInURL,
	} {
		err := CheckURL(raw)
		switch {
		case want == nil && err != nil, want != nil && err == nil:
			t.Errorf("CheckURL(%q) = %v, want %v", raw, err, want)
		case want == ErrCredentialsInURL && !errors.Is(err, ErrCredentialsInURL):
			t.Errorf("CheckURL(%q) = %v, want ErrCredentialsInURL", raw, err)
		case err != nil && strings.Contains(err.Error(), "pw@"):
			t.Errorf("CheckURL(%q) quotes the password: %v", raw, err)
		}
	}
}

// errAny stands for any error in TestCheckURL's table.
var errAny = errors.New("any error")
