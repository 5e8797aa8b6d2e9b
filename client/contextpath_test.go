package client

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestContextPath talks to a server below a context path (sonar.web.context
// = /sonarqube), whose root answers 404: every request must keep the path.
func TestContextPath(t *testing.T) {
	sim := sonarsim.New(sonarsim.Options{Empty: true, ContextPath: "/sonarqube"})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() {
		_ = sim.Close()
		srv.Close()
	})
	for _, base := range []string{srv.URL + "/sonarqube", srv.URL + "/sonarqube/"} {
		c := newClient(t, base, sim.AdminToken())
		ctx := context.Background()
		if _, err := c.Connect(ctx); err != nil {
			t.Fatalf("%s: Connect: %v", base, err)
		}
		if _, err := c.Generate(ctx, GenerateRequest{Name: "ctx"}); err != nil {
			t.Fatalf("%s: Generate: %v", base, err)
		}
		toks, err := c.SearchTokens(ctx, "")
		if err != nil || len(toks) != 2 {
			t.Fatalf("%s: SearchTokens: %d tokens, %v", base, len(toks), err)
		}
		if err := c.Revoke(ctx, "", "ctx"); err != nil {
			t.Fatalf("%s: Revoke: %v", base, err)
		}
		if got := c.BaseURL(); got != srv.URL+"/sonarqube" {
			t.Errorf("BaseURL %q", got)
		}
	}
}
