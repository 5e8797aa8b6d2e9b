package ui

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/internal/secrettest"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestConsoleEchoedTokenNeverShown: a server or proxy that copies the
// Authorization header into its refusal of a revoke gets no piece of the
// token onto the status line, into the message log (!) or into the
// console's audit log, whatever shape the refusal takes, with Basic (9.9)
// and Bearer (10.6).
func TestConsoleEchoedTokenNeverShown(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	for _, version := range []string{"9.9", "10.6"} {
		for _, shape := range secrettest.Shapes {
			name := version + "/" + string(shape)
			sim := sonarsim.New(sonarsim.Options{Seed: 1, Version: version, Now: clock})
			srv := httptest.NewServer(secrettest.Echo(sim.Handler(), shape, 400, "api/user_tokens/revoke"))
			t.Cleanup(func() { srv.Close(); _ = sim.Close() })
			c := simClientAs(t, sim, srv.URL, sim.AdminToken())
			token := []string{sim.AdminToken()}
			path := filepath.Join(t.TempDir(), audit.FileName)
			m := newModelOpts(t, Options{Service: c, Now: clock, Clipboard: &fakeClipboard{method: clipboard.OSC52}, StaticCursor: true, Audit: audit.NewFile(path)}, 200, 50)
			m.table.SelectName("unused-experiment")
			m = press(m, "d", "y")
			view := m.View()
			secrettest.AssertNoPiecesIn(t, name+": the console", []byte(view), token)
			log := press(m, "!").View()
			secrettest.AssertNoPiecesIn(t, name+": the message log", []byte(log), token)
			secrettest.AssertNoPiecesIn(t, name+": the message log, unwrapped", []byte(strings.Join(strings.Fields(log), "")), token)
			data, err := os.ReadFile(path)
			if err != nil || !strings.Contains(string(data), `"outcome":"failed"`) {
				t.Fatalf("%s: audit log %q, %v", name, data, err)
			}
			secrettest.AssertNoPiecesIn(t, name+": the console's audit log", data, token)
		}
	}
}
