package ui

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
)

// simClient starts sonarsim on a loopback HTTP server and returns the real
// client signed in as its admin.
func simClient(t *testing.T, version string) (*sonarsim.Server, *client.Client) {
	t.Helper()
	return simWith(t, sonarsim.Options{Version: version, Seed: 1, Now: clock}, false)
}

// simWith starts sonarsim with opts over loopback HTTP and connects the
// real client to it, told it is SonarQube Cloud when cloud is set.
func simWith(t *testing.T, opts sonarsim.Options, cloud bool) (*sonarsim.Server, *client.Client) {
	t.Helper()
	sim := sonarsim.New(opts)
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(srv.Close)
	hc := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := client.New(client.Options{BaseURL: srv.URL, Token: model.NewSecret(sim.AdminToken()), HTTPClient: hc, Now: clock, Cloud: cloud})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	return sim, c
}

// simToken finds one of admin's tokens in the server's state.
func simToken(sim *sonarsim.Server, name string) (sonarsim.TokenInfo, bool) {
	return findInfo(sim.Tokens("admin"), name)
}

// TestEndToEndEachType generates, reveals, copies and revokes one token of
// each type through the real client against sonarsim over HTTP.
func TestEndToEndEachType(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simClient(t, "10.6")
	cb := &fakeClipboard{method: clipboard.OSC52}
	m := newModel(t, c, cb, 100, 30)
	if m.Status().Error() != "" || m.Table().Len() == 0 {
		t.Fatalf("first load: %d tokens, error %q", m.Table().Len(), m.Status().Error())
	}
	if !strings.Contains(m.View(), "Administrator") {
		t.Fatal("header should name the user")
	}
	for _, typ := range []model.TokenType{model.TypeUser, model.TypeGlobal, model.TypeProject} {
		name := "e2e-" + strings.ToLower(typ.ShortLabel())
		t.Run(typ.ShortLabel(), func(t *testing.T) {
			m = press(m, "n")
			m = typeText(m, name)
			m = press(m, "tab")
			for i := 0; i < 3 && m.Form().Type() != typ; i++ {
				m = press(m, "right")
			}
			if m.Form().Type() != typ {
				t.Fatalf("type %v not offered", typ)
			}
			if typ == model.TypeProject {
				m = press(m, "tab")
				if m.Form().Focused() != create.FieldProject {
					t.Fatal("no project field")
				}
				m = press(m, "enter") // chooses the project under the cursor
			}
			m = press(m, "enter")
			if m.Mode() != ModeReveal {
				t.Fatalf("mode %v, form view:\n%s", m.Mode(), m.View())
			}
			info, ok := simToken(sim, name)
			if !ok || info.Type != string(typ) {
				t.Fatalf("sonarsim has %+v (%v)", info, ok)
			}
			if typ == model.TypeProject && info.ProjectKey == "" {
				t.Fatal("project token without a project")
			}
			if info.ExpiresAt == nil || info.ExpiresAt.UTC().Format(time.DateOnly) != "2026-12-26" {
				t.Fatalf("expiry %v, want the 30-day default", info.ExpiresAt)
			}
			view := m.View()
			if !strings.Contains(view, typ.Prefix()) || !strings.Contains(view, "will not be shown again") {
				t.Fatalf("reveal:\n%s", view)
			}
			m = press(m, "c")
			value := cb.last()
			if !strings.HasPrefix(value, typ.Prefix()) || len(value) != 44 || !strings.Contains(view, value) {
				t.Fatalf("copied %q", value)
			}
			m = press(m, "esc")
			if m.Mode() != ModeTable || selected(t, m) != name {
				t.Fatal("closing should return to the table on the new token")
			}
			if holds(reflectOf(&m), value, map[uintptr]bool{}) || strings.Contains(m.View(), value) {
				t.Fatal("the value outlived the reveal")
			}
			m = press(m, "d", "y")
			if _, ok := simToken(sim, name); ok {
				t.Fatal("sonarsim still has the token")
			}
			if m.Status().Error() != "" {
				t.Fatal(m.Status().Error())
			}
			for _, n := range m.Table().Names() {
				if n == name {
					t.Fatal("the table still lists the token")
				}
			}
		})
	}
}

// TestEndToEnd89 checks that against 8.9 the form offers neither type nor
// expiry and sends neither.
func TestEndToEnd89(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simClient(t, "8.9")
	cb := &fakeClipboard{}
	m := newModel(t, c, cb, 80, 24)
	if m.Status().Error() != "" {
		t.Fatal(m.Status().Error())
	}
	m = press(m, "n")
	view := m.View()
	if strings.Contains(view, "Type") || strings.Contains(view, "Expires") {
		t.Fatalf("8.9 form offers type or expiry:\n%s", view)
	}
	m = typeText(m, "legacy")
	m = press(m, "tab")
	if m.Form().Focused() != create.FieldName {
		t.Fatal("Name should be the only field")
	}
	m = press(m, "enter")
	if m.Mode() != ModeReveal {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	for _, r := range sim.Requests() {
		if strings.HasSuffix(r.Path, "api/user_tokens/generate") {
			if r.Params.Has("type") || r.Params.Has("expirationDate") {
				t.Fatalf("8.9 generate sent %v", r.Params)
			}
		}
	}
	m = press(m, "c", "enter")
	if len(cb.last()) != 40 {
		t.Fatalf("8.9 value %q: want 40 hex characters", cb.last())
	}
	if _, ok := simToken(sim, "legacy"); !ok {
		t.Fatal("sonarsim lacks the token")
	}
	press(m, "d", "y")
	if _, ok := simToken(sim, "legacy"); ok {
		t.Fatal("not revoked")
	}
}
