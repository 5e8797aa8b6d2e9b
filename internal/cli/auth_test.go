package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/keychain"
	"github.com/sonartoken/sonartoken/internal/keychain/keychaintest"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// home is a user's configuration: a configuration file path (not created
// yet) and a keychain.
type home struct {
	path string
	kc   keychain.Store
	dir  string // working folder, "" for none
}

func newHome(t *testing.T) *home {
	return &home{path: filepath.Join(t.TempDir(), "sonartoken", config.FileName), kc: &keychaintest.Memory{}}
}

// runIn runs a command line with h's configuration file and keychain and
// the given environment variables only (nothing of e.vars).
func (e *testEnv) runIn(h *home, vars map[string]string, stdin string, args ...string) result {
	e.t.Helper()
	var out, errb bytes.Buffer
	a := &app{io: IO{
		In:         strings.NewReader(stdin),
		Out:        &out,
		Err:        &errb,
		Getenv:     func(k string) string { return vars[k] },
		Now:        func() time.Time { return now },
		Keychain:   h.kc,
		ConfigPath: func() (string, error) { return h.path, nil },
		Getwd:      func() (string, error) { return h.dir, nil },
	}.withDefaults(), tui: e.tui}
	if h.dir == "" {
		a.io.Getwd = nil
	}
	if a.tui == nil {
		a.tui = func(context.Context, tuiParams) error { return nil }
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := a.run(ctx, args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// saveConfig writes f as the user's configuration file at path.
func saveConfig(t *testing.T, path string, f config.File) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, os.WriteFile(path, f.Marshal(), 0o600))
}

// unavailable is a keychain that does not exist (a headless SSH box).
type unavailable struct{}

func (unavailable) Get(string) (model.Secret, error) { return model.Secret{}, keychain.ErrUnavailable }
func (unavailable) Set(string, model.Secret) error   { return keychain.ErrUnavailable }
func (unavailable) Delete(string) error              { return keychain.ErrUnavailable }

func TestAuthLoginStatusLogout(t *testing.T) {
	for _, version := range []string{"8.9", "9.9", "10.6", "2025.1"} {
		t.Run(version, func(t *testing.T) {
			e := newTestEnv(t, sonarsim.Options{Version: version})
			h := newHome(t)
			token := e.sim.AdminToken()
			// URL and token typed on standard input (not a terminal).
			r := e.runIn(h, nil, e.url+"\n"+token+"\n", "auth", "login", "--profile", "work").expect(t, ExitOK)
			if !strings.Contains(r.stderr, "Signed in to "+e.url) || !strings.Contains(r.stderr, "as Administrator (admin)") {
				t.Errorf("stderr:\n%s", r.stderr)
			}
			if strings.Contains(r.stderr+r.stdout, token) {
				t.Fatal("the token was printed")
			}
			if v, err := h.kc.Get("work"); err != nil || v.Reveal() != token {
				t.Fatalf("keychain: %v", err)
			}
			// The profile goes to hosts.toml, which sonartoken owns.
			if _, err := os.Stat(h.path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("config.toml was written: %v", err)
			}
			data, err := os.ReadFile(config.OwnedPath(h.path))
			must(t, err)
			if strings.Contains(string(data), token) {
				t.Fatal("the token was written to the configuration file")
			}
			fi, err := os.Stat(config.OwnedPath(h.path))
			must(t, err)
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("hosts.toml mode %o", fi.Mode().Perm())
			}
			if !strings.Contains(r.stderr, "profile in "+config.OwnedPath(h.path)) {
				t.Errorf("stderr does not name hosts.toml:\n%s", r.stderr)
			}
			f, err := config.LoadFile(h.path)
			must(t, err)
			if p, ok := f.Lookup("work"); !ok || p.URL != e.url || p.Token != "keychain" || f.Default != "work" {
				t.Errorf("file %+v", f)
			}

			// status uses the profile (the default) without any variable.
			r = e.runIn(h, nil, "", "auth", "status").expect(t, ExitOK)
			for _, want := range []string{"Server:      " + e.url + " (from profile work)", "SonarQube " + e.sim.Version(), "Administrator (admin)", "from profile work (OS keychain)"} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("status lacks %q:\n%s", want, r.stdout)
				}
			}
			scheme := "Bearer"
			if version == "8.9" || version == "9.9" {
				scheme = "Basic"
			}
			if !strings.Contains(r.stdout, "("+scheme+" authentication)") {
				t.Errorf("status:\n%s", r.stdout)
			}
			if version == "8.9" && !strings.Contains(r.stdout, "Expires:     unknown") {
				t.Errorf("8.9 expiry:\n%s", r.stdout)
			}

			r = e.runIn(h, nil, "", "auth", "logout").expect(t, ExitOK)
			if _, err := h.kc.Get("work"); !errors.Is(err, keychain.ErrNotFound) {
				t.Errorf("after logout: %v", err)
			}
			r = e.runIn(h, nil, "", "auth", "status").expect(t, ExitError)
			if !strings.Contains(r.stderr, "auth login --profile work") {
				t.Errorf("status after logout:\n%s", r.stderr)
			}
		})
	}
}

func TestAuthStatusExpiryAndAnalysisToken(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{Version: "10.6"})
	h := newHome(t)
	v := e.issue(sonarsim.TokenSpec{Login: "admin", Name: "short", ExpiresAt: ptr(now.Add(3 * 24 * time.Hour))})
	r := e.runIn(h, map[string]string{"SONAR_HOST_URL": e.url, "SONAR_TOKEN": v}, "", "auth", "status").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "Expires:     "+now.Add(3*24*time.Hour).Format("2006-01-02")+" (in 3 days)") || !strings.Contains(r.stderr, "rotate it") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "Token:       User Token, from SONAR_TOKEN") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	must(t, e.sim.AddUser(sonarsim.UserSpec{Login: "ci", Scan: true}))
	ga := e.issue(sonarsim.TokenSpec{Login: "ci", Name: "ga", Type: "GLOBAL_ANALYSIS_TOKEN"})
	r = e.runIn(h, map[string]string{"SONAR_HOST_URL": e.url, "SONAR_TOKEN": ga}, "", "auth", "status").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "Global Analysis Token (an analysis token: it cannot manage other users' tokens)") || !strings.Contains(r.stdout, "Permissions: scan") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	r = e.runIn(h, map[string]string{"SONAR_HOST_URL": e.url}, "\n"+ga+"\n", "auth", "login").expect(t, ExitOK)
	if !strings.Contains(r.stderr, "Global Analysis Token: it cannot list") {
		t.Errorf("login with an analysis token:\n%s", r.stderr)
	}
}

func TestAuthLoginRefusesBadToken(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	r := e.runIn(h, nil, "squ_0000000000000000000000000000000000000000\n", "auth", "login", "--url", e.url).expect(t, ExitAuth)
	if !strings.Contains(r.stderr, "refused the token") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	for _, p := range []string{h.path, config.OwnedPath(h.path)} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s was written for a refused token", p)
		}
	}
	if _, err := h.kc.Get(DefaultProfile); !errors.Is(err, keychain.ErrNotFound) {
		t.Error("a refused token was stored")
	}
}

func TestAuthLoginWithoutKeychain(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	h.kc = unavailable{}
	token := e.sim.AdminToken()
	tf := writeTemp(t, "tok", token+"\n", 0o600)
	r := e.runIn(h, nil, "", "auth", "login", "--url", e.url, "--token-file", tf).expect(t, ExitError)
	tokenPath := filepath.Join(filepath.Dir(h.path), "default.token")
	for _, want := range []string{"no OS keychain", "not stored", "umask 077", "cat > " + tokenPath} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, token) {
		t.Fatal("token printed")
	}
	if _, err := os.Stat(tokenPath); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the program wrote the token file itself")
	}
	// Before the file exists, the profile says how to create it, in the
	// console's start and in a command alike.
	for _, args := range [][]string{{"list"}, {}} {
		r = e.runIn(h, nil, "", args...)
		for _, want := range []string{"does not exist", "umask 077", "cat > " + tokenPath, "auth login --profile default"} {
			if r.code == ExitOK || !strings.Contains(r.stderr, want) {
				t.Errorf("%v with the token file missing: exit %d, stderr lacks %q:\n%s", args, r.code, want, r.stderr)
			}
		}
	}
	// The user follows the advice: the profile then works.
	must(t, os.WriteFile(tokenPath, []byte(token+"\n"), 0o600))
	r = e.runIn(h, nil, "", "auth", "status").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "from profile default (token-file "+tokenPath+")") {
		t.Errorf("status:\n%s", r.stdout)
	}
	// logout says there is no keychain.
	r = e.runIn(h, nil, "", "auth", "logout").expect(t, ExitError)
	if !strings.Contains(r.stderr, "no OS keychain") {
		t.Errorf("logout:\n%s", r.stderr)
	}
}

// The precedence of the whole command line: flags over environment over
// the profile over sonar-project.properties.
func TestCommandPrecedence(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	other := newTestEnv(t, sonarsim.Options{Version: "9.9"})
	h := newHome(t)
	must(t, h.kc.Set("p", model.NewSecret(other.sim.AdminToken())))
	must(t, os.MkdirAll(filepath.Dir(h.path), 0o700))
	saveConfig(t, h.path, config.File{Default: "p", Profiles: []config.Profile{{Name: "p", URL: other.url, Token: "keychain"}}})
	// The project says e; the profile says other: the profile wins.
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, ".git"), 0o700))
	must(t, os.WriteFile(filepath.Join(dir, "sonar-project.properties"), []byte("sonar.host.url="+e.url+"\nsonar.projectKey=app\n"), 0o644))
	h.dir = dir
	r := e.runIn(h, nil, "", "auth", "status").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "SonarQube "+other.sim.Version()) {
		t.Errorf("profile lost to the project:\n%s", r.stdout)
	}
	// The environment beats the profile; the profile's token stays home.
	r = e.runIn(h, map[string]string{"SONAR_HOST_URL": e.url}, "", "auth", "status").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "not sent to "+e.url) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	r = e.runIn(h, map[string]string{"SONAR_HOST_URL": e.url, "SONAR_TOKEN": e.sim.AdminToken()}, "", "auth", "status").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "SonarQube "+e.sim.Version()) {
		t.Errorf("env lost:\n%s", r.stdout)
	}
	// Without the profile, the project's server is the default, once the
	// user has accepted it (see TestPlantedURLGetsNoToken).
	saveConfig(t, h.path, config.File{TrustedURLs: []string{e.url}})
	r = e.runIn(h, map[string]string{"SONAR_TOKEN": e.sim.AdminToken()}, "", "auth", "status").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "sonar-project.properties") {
		t.Errorf("project:\n%s", r.stdout)
	}
	// A readable configuration file is refused with the fix.
	saveConfig(t, h.path, config.File{})
	must(t, os.Chmod(h.path, 0o644))
	r = e.runIn(h, nil, "", "list").expect(t, ExitError)
	if !strings.Contains(r.stderr, "chmod 600 "+h.path) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// TestAuthLoginRefusesProfileNameDifferingByCase: prod and PROD would
// share one entry of the Windows Credential Manager; the second login is
// refused before any token is asked for or stored, and the first
// profile's token stays. A dotted name is accepted.
func TestAuthLoginRefusesProfileNameDifferingByCase(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	h := newHome(t)
	token := e.sim.AdminToken()
	e.runIn(h, nil, e.url+"\n"+token+"\n", "auth", "login", "--profile", "prod").expect(t, ExitOK)
	r := e.runIn(h, nil, e.url+"\nsqu_other\n", "auth", "login", "--profile", "PROD").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, `profiles "PROD" and "prod" differ only by case`) || !strings.Contains(r.stderr, "Windows Credential Manager ignores case") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, "Token") {
		t.Errorf("the token was asked for:\n%s", r.stderr)
	}
	if v, err := h.kc.Get("prod"); err != nil || v.Reveal() != token {
		t.Errorf("prod's token changed: %v", err)
	}
	if _, err := h.kc.Get("PROD"); err == nil {
		t.Error("PROD's token was stored")
	}
	e.runIn(h, nil, e.url+"\n"+token+"\n", "auth", "login", "--profile", "prod.eu").expect(t, ExitOK)
	f, err := config.LoadFile(h.path)
	if err != nil || len(f.Profiles) != 2 || f.Profiles[1].Name != "prod.eu" {
		t.Fatalf("file %+v, %v", f, err)
	}
	// The console's welcome form saves through saveProfile: refused too.
	a := &app{io: IO{Keychain: h.kc, ConfigPath: func() (string, error) { return h.path, nil }}.withDefaults()}
	if _, err := a.saveProfile("Prod.EU", e.url, model.NewSecret("squ_x")); err == nil || !strings.Contains(err.Error(), "differ only by case") {
		t.Errorf("saveProfile: %v", err)
	}
	if v, _ := h.kc.Get("prod.eu"); v.Reveal() != token {
		t.Error("saveProfile overwrote prod.eu's token")
	}
}
