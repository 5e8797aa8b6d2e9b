package ui

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// profileSim is one profile's server: a sim over HTTP and a client built
// with that profile's token, as the CLI's OpenProfile builds it.
type profileSim struct {
	sim   *sonarsim.Server
	url   string
	token string
}

func (p profileSim) client(t *testing.T) *client.Client {
	t.Helper()
	hc := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := client.New(client.Options{BaseURL: p.url, Token: model.NewSecret(p.token), HTTPClient: hc, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func startProfileSim(t *testing.T, seed bool, login, tokenName string) profileSim {
	t.Helper()
	o := sonarsim.Options{Version: "10.6", Now: clock}
	if seed {
		o.Seed = 1
	} else {
		o.Empty = true
	}
	sim := sonarsim.New(o)
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(srv.Close)
	p := profileSim{sim: sim, url: srv.URL, token: sim.AdminToken()}
	if login != "" {
		if err := sim.AddUser(sonarsim.UserSpec{Login: login, Name: "Bob Builder"}); err != nil {
			t.Fatal(err)
		}
		v, err := sim.IssueToken(sonarsim.TokenSpec{Login: login, Name: tokenName, Type: "USER_TOKEN", CreatedAt: clock()})
		if err != nil {
			t.Fatal(err)
		}
		p.token = v
	}
	return p
}

// TestProfileSwitchBetweenTwoServers: p switches the console from
// profile "staging" to "prod" and back without restarting, each
// profile's token going to its own server only.
func TestProfileSwitchBetweenTwoServers(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	staging := startProfileSim(t, true, "", "")
	prod := startProfileSim(t, false, "bob", "prod-only")
	opened := map[string]int{}
	open := func(_ context.Context, name string) (BootService, []string, error) {
		opened[name]++
		if name == "prod" {
			return prod.client(t), nil, nil
		}
		return staging.client(t), nil, nil
	}
	var m tea.Model = NewBoot(context.Background(), BootOptions{
		Options:     Options{Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, Profile: "staging", Profiles: []string{"staging", "prod"}},
		Server:      staging.client(t),
		OpenProfile: open,
	})
	send := func(msgs ...tea.Msg) {
		for len(msgs) > 0 {
			var cmd tea.Cmd
			m, cmd = m.Update(msgs[0])
			msgs = append(msgs[1:], runCmd(cmd)...)
		}
	}
	send(tea.WindowSizeMsg{Width: 100, Height: 30})
	send(runCmd(m.Init())...)
	v := m.View()
	if !strings.Contains(v, "profile staging · "+staging.url) || !strings.Contains(v, "Administrator") || strings.Contains(v, "prod-only") {
		t.Fatalf("staging at start:\n%s", v)
	}
	send(keyMsg("p"))
	v = m.View()
	if !strings.Contains(v, "profile prod · "+prod.url) || !strings.Contains(v, "Bob Builder") || !strings.Contains(v, "prod-only") {
		t.Fatalf("after p:\n%s", v)
	}
	// The note is in the status line (and its log; the harness lets
	// its short timer run).
	bm, _ := m.(Boot).Main()
	if log := bm.Status().Log(); len(log) == 0 || log[len(log)-1].Text != "Profile prod: "+prod.url+" (p switches again)." {
		t.Errorf("the status line does not say where p went: %+v", log)
	}
	send(keyMsg("p"))
	v = m.View()
	if !strings.Contains(v, "profile staging · "+staging.url) || strings.Contains(v, "prod-only") {
		t.Fatalf("after p again:\n%s", v)
	}
	if opened["prod"] != 1 || opened["staging"] != 1 {
		t.Errorf("profiles opened %v", opened)
	}
	// Each server saw its own profile's token only: every request signed
	// in, as the profile's user.
	for _, c := range []struct {
		name  string
		sim   *sonarsim.Server
		login string
	}{{"staging", staging.sim, "admin"}, {"prod", prod.sim, "bob"}} {
		reqs := c.sim.Requests()
		if len(reqs) == 0 {
			t.Errorf("%s: no request", c.name)
		}
		for _, r := range reqs {
			if (r.Login != c.login && r.Path != "/api/server/version") || r.Status == http.StatusUnauthorized {
				t.Errorf("%s received %s %s as %q (status %d)", c.name, r.Method, r.Path, r.Login, r.Status)
			}
		}
	}
}

// A profile that cannot be opened (its token file is missing, say)
// leaves the console where it was and says why in the status line.
func TestProfileSwitchFailureKeepsTheSession(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	staging := startProfileSim(t, true, "", "")
	open := func(_ context.Context, name string) (BootService, []string, error) {
		return nil, nil, errors.New("token file /home/u/prod.token does not exist")
	}
	var m tea.Model = NewBoot(context.Background(), BootOptions{
		Options:     Options{Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, Profile: "staging", Profiles: []string{"staging", "prod"}},
		Server:      staging.client(t),
		OpenProfile: open,
	})
	send := func(msgs ...tea.Msg) {
		for len(msgs) > 0 {
			var cmd tea.Cmd
			m, cmd = m.Update(msgs[0])
			msgs = append(msgs[1:], runCmd(cmd)...)
		}
	}
	send(tea.WindowSizeMsg{Width: 100, Height: 30})
	send(runCmd(m.Init())...)
	send(keyMsg("p"))
	b := m.(Boot)
	if b.main == nil {
		t.Fatalf("the session is gone:\n%s", m.View())
	}
	v := m.View()
	if !strings.Contains(v, "profile staging") || !strings.Contains(b.main.Status().Error(), "profile prod: token file /home/u/prod.token does not exist") {
		t.Errorf("after a failed switch: status %q\n%s", b.main.Status().Error(), v)
	}
}
