package cli

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// TestConsoleGetsProfiles: the console is given the configuration's
// profiles and an OpenProfile that reaches each profile's server with
// that profile's token only (not the environment's).
func TestConsoleGetsProfiles(t *testing.T) {
	ts := newTwoServers(t)
	env := map[string]string{"SONAR_HOST_URL": ts.e.url, "SONAR_TOKEN": ts.stagingToken, "XDG_STATE_HOME": t.TempDir()}
	var got []tuiParams
	ts.e.tui = func(_ context.Context, p tuiParams) error {
		got = append(got, p)
		ctx := context.Background()
		if _, err := p.Client.Connect(ctx); err != nil {
			t.Errorf("staging: %v", err)
		}
		svc, _, err := p.OpenProfile(ctx, "prod")
		if err != nil {
			t.Fatalf("open prod: %v", err)
		}
		if _, err := svc.Connect(ctx); err != nil {
			t.Fatalf("connect prod: %v", err)
		}
		toks, err := svc.SearchTokens(ctx, "")
		if err != nil || !slices.ContainsFunc(toks, func(t model.Token) bool { return t.Name == "prod-deploy" }) {
			t.Errorf("prod's tokens %v, %v", toks, err)
		}
		return nil
	}
	ts.e.runIn(ts.h, env, "", "--profile", "staging").expect(t, ExitOK)
	if len(got) != 1 {
		t.Fatalf("the console opened %d times", len(got))
	}
	p := got[0]
	if p.Profile != "staging" || !slices.Contains(p.Profiles, "staging") || !slices.Contains(p.Profiles, "prod") || len(p.Profiles) != 2 {
		t.Errorf("profile %q, profiles %v", p.Profile, p.Profiles)
	}
	ts.checkOwnTokens(t)
}

// TestConsoleGetsTheAuditLog: the console writes to the audit log of
// $XDG_STATE_HOME; a configuration without two profiles offers no
// switch.
func TestConsoleGetsTheAuditLog(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	state := t.TempDir()
	var got *tuiParams
	e.tui = func(_ context.Context, p tuiParams) error { got = &p; return nil }
	e.runWith(runOpts{vars: map[string]string{"XDG_STATE_HOME": state}}).expect(t, ExitOK)
	if got == nil || got.Audit == nil || got.OpenProfile != nil {
		t.Fatalf("console params %+v", got)
	}
	f, ok := got.Audit.(*audit.File)
	if !ok || f.Path() != filepath.Join(state, "sonartoken", audit.FileName) {
		t.Errorf("audit log %#v", got.Audit)
	}
}

// Without a state folder the console says, for the whole session, that
// its changes are not recorded.
func TestConsoleSaysWhenThereIsNoAuditLog(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the Linux state folder")
	}
	e := newTestEnv(t, sonarsim.Options{})
	t.Setenv("HOME", "") // os.UserHomeDir's last resort
	var got *tuiParams
	e.tui = func(_ context.Context, p tuiParams) error { got = &p; return nil }
	e.runWith(runOpts{vars: map[string]string{"XDG_STATE_HOME": "", "HOME": ""}}).expect(t, ExitOK)
	if got == nil || got.Audit != nil || !slices.ContainsFunc(got.Banners, func(b string) bool { return strings.HasPrefix(b, "No audit log: ") }) {
		t.Fatalf("console params %+v", got)
	}
}
