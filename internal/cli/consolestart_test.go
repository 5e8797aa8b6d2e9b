package cli

import (
	"context"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/internal/versioncache"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui"
)

// TestConsoleFirstFrameInOneRoundTrip: with the server's version
// remembered, the console's first table frame takes one round trip: the
// start-up screen's user check and the token search (with the version,
// asked again to keep the cache true, and what the generate form needs)
// are in flight together, and the console shows what the start-up screen
// fetched instead of asking again. A wrong remembered version costs more
// round trips, never a token.
func TestConsoleFirstFrameInOneRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		server, remembered string
		right              bool
	}{
		{"10.6", "10.6.0.92116", true},
		{"9.9", "10.6.0.92116", false}, // downgrade: Bearer refused, asked again
		{"10.6", "9.9.0.65466", false}, // upgrade: asked again with Bearer
	} {
		t.Run(tt.server+" remembered "+tt.remembered, func(t *testing.T) {
			e := newTestEnv(t, sonarsim.Options{Version: tt.server})
			cache := versioncache.New(t.TempDir())
			v, err := model.ParseVersion(tt.remembered)
			if err != nil {
				t.Fatal(err)
			}
			must(t, cache.Put(e.url, v))
			c, err := client.New(client.Options{BaseURL: e.url, Token: model.NewSecret(e.sim.AdminToken())})
			if err != nil {
				t.Fatal(err)
			}
			e.sim.SetLatency(80 * time.Millisecond)
			e.sim.ResetRequests()
			m := startConsole(t, ui.NewBoot(context.Background(), ui.BootOptions{
				Options: ui.Options{Now: func() time.Time { return now }, StaticCursor: true},
				Server:  &rememberedVersion{Client: c, url: e.url, cache: cache},
			}))
			b := m.(ui.Boot)
			console, ok := b.Main()
			if !ok {
				t.Fatalf("no console:\n%s", m.View())
			}
			view := m.View()
			for _, name := range []string{"expired-ci", "laptop", "scan-app"} {
				if !strings.Contains(view, name) {
					t.Errorf("the first frame lacks %s:\n%s", name, view)
				}
			}
			if s := console.Status().Error(); s != "" {
				t.Errorf("status error %q", s)
			}
			st := e.sim.Stats()
			if !tt.right {
				// A wrong remembered version costs a second round trip;
				// the tokens shown are still the server's.
				if v, ok := cache.Get(e.url); !ok || v.Short() != tt.server {
					t.Errorf("remembered %v after the start, want %s", v, tt.server)
				}
				return
			}
			if n := st.Requests["/api/users/current"]; n != 1 {
				t.Errorf("api/users/current asked %d times, want once: %+v", n, st)
			}
			if st.PeakAll != st.Total || st.Requests["/api/user_tokens/search"] != 1 {
				t.Errorf("%d requests, %d in flight at once; want the user, the search and the rest together (one round trip): %+v", st.Total, st.PeakAll, st)
			}
			for _, r := range e.sim.Requests() {
				if r.Path == "/api/user_tokens/search" && r.Params.Has("login") {
					t.Errorf("the search of one's own tokens sent login: %v", r.Params)
				}
			}
		})
	}
}

// startConsole sends the boot's Init and the window size, and feeds back
// what their commands produce (timers and blinks dropped) until nothing
// is left: the console's first frame, or the start-up screen's.
func startConsole(t *testing.T, m tea.Model) tea.Model {
	t.Helper()
	queue := append([]tea.Msg{tea.WindowSizeMsg{Width: 100, Height: 30}}, runUICmd(t, m.Init())...)
	for len(queue) > 0 {
		var msg tea.Msg
		msg, queue = queue[0], queue[1:]
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		queue = append(queue, runUICmd(t, cmd)...)
	}
	return m
}

// runUICmd runs cmd and returns its messages, flattening tea.Batch and
// tea.Sequence; a timer (tea.Tick) is not run, a tick or blink dropped.
func runUICmd(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil || runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name() == "github.com/charmbracelet/bubbletea.Tick.func1" {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(5 * time.Second):
		t.Fatal("a command did not return within 5 s")
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runUICmd(t, c)...)
		}
		return out
	}
	if v := reflect.ValueOf(msg); v.IsValid() && v.Kind() == reflect.Slice && v.Type().ConvertibleTo(reflect.TypeOf([]tea.Cmd(nil))) {
		var out []tea.Msg
		for _, c := range v.Convert(reflect.TypeOf([]tea.Cmd(nil))).Interface().([]tea.Cmd) {
			out = append(out, runUICmd(t, c)...)
		}
		return out
	}
	if name := reflect.TypeOf(msg); msg == nil || strings.HasSuffix(name.String(), "TickMsg") || strings.HasSuffix(name.String(), "BlinkMsg") {
		return nil
	}
	return []tea.Msg{msg}
}
