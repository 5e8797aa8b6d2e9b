package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/keychain/keychaintest"
	"github.com/sonartoken/sonartoken/model"
)

// TestCredentialsInURLRefused: a URL with USER:PASSWORD@ is refused from
// every source, the error says why and how to pass a token, and neither
// the password nor the user name (which may be a token) is repeated.
func TestCredentialsInURLRefused(t *testing.T) {
	const withCreds = "https://squ_user0123:s3cret-pw@sonar.example.com:8443/sonar/"
	for _, tc := range []struct {
		name   string
		src    func(t *testing.T) Sources
		source string
	}{
		{"flag", func(*testing.T) Sources { return Sources{Flags: Flags{URL: withCreds}} }, "--url"},
		{"env", func(*testing.T) Sources {
			return Sources{Getenv: envOf(map[string]string{EnvURL: withCreds, EnvToken: "squ_env"})}
		}, EnvURL},
		{"profile", func(t *testing.T) Sources {
			kc := &keychaintest.Memory{}
			if err := kc.Set("work", model.NewSecret("squ_profile")); err != nil {
				t.Fatal(err)
			}
			return Sources{ConfigPath: writeConfig(t, "default = \"work\"\n[profiles.work]\nurl = \""+withCreds+"\"\ntoken = \"keychain\"\n"), Keychain: kc}
		}, "profile work"},
		{"project", func(t *testing.T) Sources {
			return Sources{Dir: projectDir(t, "sonar.host.url="+withCreds+"\nsonar.projectKey=app\n")}
		}, "sonar-project.properties"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.src(t))
			if !errors.Is(err, ErrCredentialsInURL) {
				t.Fatalf("err = %v, want ErrCredentialsInURL", err)
			}
			msg := err.Error()
			for _, secret := range []string{"s3cret", "squ_user0123"} {
				if strings.Contains(msg, secret) {
					t.Errorf("the error repeats %q: %s", secret, msg)
				}
			}
			for _, want := range []string{tc.source, "user name or password", "use https://sonar.example.com:8443/sonar and pass a token with SONAR_TOKEN, --token-file FILE or sonartoken auth login"} {
				if !strings.Contains(msg, want) {
					t.Errorf("the error lacks %q: %s", want, msg)
				}
			}
		})
	}
}

func TestRedactURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://u:p@host/x":             "https://…@host/x",
		"u:p@host":                       "…@host",
		"http://a@b:c@host:9000?q=@x":    "http://…@host:9000?q=@x",
		"https://host/path@not-userinfo": "https://host/path@not-userinfo",
		"http://u:p %zz@host":            "http://…@host",
		"https://sonar.example.com":      "https://sonar.example.com",
	} {
		if got := RedactURL(raw); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", raw, got, want)
		}
	}
	// A URL that does not parse is quoted without its user information.
	_, err := Resolve(Flags{URL: "http://u:s3cret %zz@host"}, nil, nil)
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("err = %v, want a refusal without the password", err)
	}
}
