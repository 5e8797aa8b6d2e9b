package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/internal/termbg"
)

// themeRun opens the console (not its program) with the flags and the
// environment given, on a 256-colour terminal whose background detection
// says bg, and returns the palette it got, the exit code, stderr and how
// many times the background was asked for.
func themeRun(t *testing.T, vars map[string]string, config string, bg termbg.Result, args ...string) (string, int, string, int) {
	t.Helper()
	e := newTestEnv(t, sonarsim.Options{})
	path := filepath.Join(t.TempDir(), "config.toml")
	if config != "" {
		must(t, os.WriteFile(path, []byte(config), 0o600))
	}
	env := map[string]string{"SONAR_HOST_URL": e.url, "SONAR_TOKEN": e.sim.AdminToken(), "XDG_STATE_HOME": t.TempDir()}
	for k, v := range vars {
		env[k] = v
	}
	var got string
	var errb bytes.Buffer
	asked := 0
	a := &app{io: IO{
		Err:          &errb,
		Getenv:       func(k string) string { return env[k] },
		ConfigPath:   func() (string, error) { return path, nil },
		Background:   func() termbg.Result { asked++; return bg },
		ColorProfile: func() termenv.Profile { return termenv.ANSI256 },
	}.withDefaults(), tui: func(_ context.Context, p tuiParams) error { got = p.Palette.Name; return nil }}
	code := a.run(context.Background(), args)
	return got, code, errb.String(), asked
}

func TestThemeChoice(t *testing.T) {
	light := termbg.Result{Known: true, Dark: false}
	dark := termbg.Result{Known: true, Dark: true}
	for _, c := range []struct {
		name   string
		vars   map[string]string
		config string
		bg     termbg.Result
		args   []string
		want   string
		asked  int // auto asks for the background once, a chosen theme never
	}{
		{"auto on light", nil, "", light, nil, "light", 1},
		{"auto on dark", nil, "", dark, nil, "dark", 1},
		{"auto, unknown", nil, "", termbg.Result{}, nil, "plain", 1},
		{"flag wins", map[string]string{"SONARTOKEN_THEME": "light"}, `theme = "light"`, light, []string{"--theme", "dark"}, "dark", 0},
		{"flag auto", map[string]string{"SONARTOKEN_THEME": "light"}, "", dark, []string{"--theme", "auto"}, "dark", 1},
		{"env", map[string]string{"SONARTOKEN_THEME": "Light"}, `theme = "dark"`, dark, nil, "light", 0},
		{"config file", nil, `theme = "dark"`, light, nil, "dark", 0},
		{"demo reads env", map[string]string{"SONARTOKEN_THEME": "light", "SONAR_HOST_URL": "", "SONAR_TOKEN": ""}, "", dark, []string{"--demo"}, "light", 0},
		{"demo reads the file", map[string]string{"SONAR_HOST_URL": "", "SONAR_TOKEN": ""}, `theme = "light"`, dark, []string{"--demo"}, "light", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, code, stderr, asked := themeRun(t, c.vars, c.config, c.bg, c.args...)
			if code != ExitOK || got != c.want || asked != c.asked {
				t.Errorf("palette %q, exit %d, background asked %d times; want %q, asked %d\n%s", got, code, asked, c.want, c.asked, stderr)
			}
		})
	}
}

// TestBadTheme: a theme that is none of auto, dark and light is a usage
// error naming where it came from.
func TestBadTheme(t *testing.T) {
	for _, c := range []struct {
		name   string
		vars   map[string]string
		config string
		args   []string
		want   string
		code   int
	}{
		{"flag", nil, "", []string{"--theme", "blue"}, `invalid argument "blue" for "--theme" flag: theme "blue": use auto, dark or light`, ExitUsage},
		{"env", map[string]string{"SONARTOKEN_THEME": "blue"}, "", nil, `SONARTOKEN_THEME: theme "blue": use auto, dark or light`, ExitUsage},
		{"env with --demo", map[string]string{"SONARTOKEN_THEME": "solarized"}, "", []string{"--demo"}, `SONARTOKEN_THEME: theme "solarized": use auto, dark or light`, ExitUsage},
		{"file", nil, "theme = \"blue\"\n", nil, `line 1: theme is "auto", "dark" or "light"`, ExitError},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, code, stderr, _ := themeRun(t, c.vars, c.config, termbg.Result{}, c.args...)
			if code != c.code || got != "" || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, palette %q, stderr:\n%s\nwant exit %d and %q", code, got, stderr, c.code, c.want)
			}
		})
	}
}
