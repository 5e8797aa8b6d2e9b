package review

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// TestGoldenSizes: a finished review of five users' tokens on a 10.6
// server from the smallest pane the console takes (50x15) to a wide one
// (200x50), in the content area the root hands it, within its width.
func TestGoldenSizes(t *testing.T) {
	t.Parallel()
	lipgloss.SetColorProfile(termenv.Ascii)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	used, soon, past := now.Add(-3*day), now.Add(5*day), now.Add(-2*day)
	ts := []model.Token{
		{Login: "ada", Name: "laptop", Type: model.TypeUser, CreatedAt: now.Add(-40 * day), LastUsed: &used},
		{Login: "grace", Name: "ci-pipeline", Type: model.TypeProject, ProjectKey: "web-shop", ProjectName: "Web Shop", CreatedAt: now.Add(-10 * day), ExpiresAt: &soon},
		{Login: "linus", Name: "old-jenkins", Type: model.TypeGlobal, CreatedAt: now.Add(-400 * day), ExpiresAt: &past, Expired: true},
		// Names and projects that share their start, as the two
		// "scan-payme… Project Payments A…" rows at 60x20.
		{Login: "margaret.hamilton", Name: "scan-payments-api", Type: model.TypeProject, ProjectKey: "payments-api", ProjectName: "Payments API", CreatedAt: now.Add(-5 * day)},
		{Login: "margaret.hamilton", Name: "scan-payments-api-legacy", Type: model.TypeProject, ProjectKey: "payments-admin", ProjectName: "Payments Administration Console", CreatedAt: now.Add(-5 * day)},
		{Login: "release-automation", Name: "release-bot-rotated-20261204", Type: model.TypeUser, CreatedAt: now.Add(-1 * day), ExpiresAt: &soon},
	}
	v, err := model.ParseVersion("10.6.0.92116")
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{50, 15}, {60, 12}, {80, 24}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			c := common.New(func() time.Time { return now })
			c.Zone = time.UTC
			m := New(c, model.CapabilitiesOf(v), false)
			w, h := size[0]-2, size[1]-5
			m.SetSize(w, h)
			m.Start()
			for i := 0; i < len(ts); {
				j := i + 1
				for j < len(ts) && ts[j].Login == ts[i].Login {
					j++
				}
				m.AddBatch(client.ScanBatch{Login: ts[i].Login, Tokens: ts[i:j]}) // one batch a user
				i = j
			}
			m.SetProgress(client.ScanProgress{UsersTotal: 5, UsersScanned: 5})
			m.Finish(false)
			out := m.View()
			if lipgloss.Width(out) > w {
				t.Errorf("%d cells wide in %d:\n%s", lipgloss.Width(out), w, out)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}
