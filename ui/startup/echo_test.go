package startup_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/secrettest"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestStartupErrorEchoingTheToken: a server or proxy that copies the
// Authorization header into its refusal gets no piece of the token onto
// the console's failure screen, whatever shape the refusal takes.
func TestStartupErrorEchoingTheToken(t *testing.T) {
	t.Parallel()
	for _, version := range []string{"9.9", "10.6"} {
		for _, shape := range secrettest.Shapes {
			for _, status := range []int{401, 403, 500} {
				t.Run(fmt.Sprintf("%s_%s_%d", version, shape, status), func(t *testing.T) {
					sim := sonarsim.New(sonarsim.Options{Version: version, Seed: 1, Now: clock})
					srv := httptest.NewServer(secrettest.Echo(sim.Handler(), shape, status, "api/users/current"))
					t.Cleanup(func() { srv.Close(); _ = sim.Close() })
					tm := run(t, bootOptions(newClient(t, srv.URL, sim.AdminToken(), nil)))
					waitFor(t, tm, "✗")
					view := final(t, tm).View()
					token := []string{sim.AdminToken()}
					secrettest.AssertNoPiecesIn(t, "the failure screen", []byte(view), token)
					// The screen wraps long lines: look across the breaks too.
					flat := strings.NewReplacer("│", "", "\n", "").Replace(strings.Join(strings.Fields(view), ""))
					secrettest.AssertNoPiecesIn(t, "the failure screen, unwrapped", []byte(flat), token)
					if shape == secrettest.JSON && status == http.StatusUnauthorized && !strings.Contains(flat, "Invalidtoken:") {
						t.Errorf("the screen does not show the server's words:\n%s", view)
					}
				})
			}
		}
	}
}
