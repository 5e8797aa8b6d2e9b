package tokens

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// sizedTokens is a user's tokens of every kind: used, never used,
// expiring, expired, project and global, with two rotated copies whose
// names differ only at their end and two project tokens whose names and
// projects share their start (the "scan-payme… Payments A…").
func sizedTokens(now time.Time) []model.Token {
	day := 24 * time.Hour
	used := now.Add(-3 * day)
	soon, past := now.Add(5*day), now.Add(-2*day)
	return []model.Token{
		{Login: "ada", Name: "laptop", Type: model.TypeUser, CreatedAt: now.Add(-40 * day), LastUsed: &used},
		{Login: "ada", Name: "ci-pipeline", Type: model.TypeProject, ProjectKey: "web-shop", ProjectName: "Web Shop", CreatedAt: now.Add(-10 * day), ExpiresAt: &soon},
		{Login: "ada", Name: "old-jenkins", Type: model.TypeGlobal, CreatedAt: now.Add(-400 * day), ExpiresAt: &past, Expired: true},
		{Login: "ada", Name: "release-bot", Type: model.TypeUser, CreatedAt: now.Add(-2 * day)},
		{Login: "ada", Name: "release-bot-rotated-20261204", Type: model.TypeUser, CreatedAt: now.Add(-1 * day), ExpiresAt: &soon},
		{Login: "ada", Name: "release-bot-rotated-20261205", Type: model.TypeUser, CreatedAt: now, LastUsed: &used},
		{Login: "ada", Name: "scan-payments-api", Type: model.TypeProject, ProjectKey: "payments-api", ProjectName: "Payments API", CreatedAt: now.Add(-5 * day)},
		{Login: "ada", Name: "scan-payments-admin", Type: model.TypeProject, ProjectKey: "payments-admin", ProjectName: "Payments Administration Console", CreatedAt: now.Add(-5 * day)},
	}
}

// TestGoldenSizes: the token table of a 10.6 server at the sizes a
// table is checked at, from the smallest pane the console takes (50x15)
// to a wide one (200x50), in the content area the root hands it, within
// its width.
func TestGoldenSizes(t *testing.T) {
	t.Parallel()
	lipgloss.SetColorProfile(termenv.Ascii)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
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
			m.SetTokens(sizedTokens(now))
			out := m.View()
			if lipgloss.Width(out) > w {
				t.Errorf("%d cells wide in %d:\n%s", lipgloss.Width(out), w, out)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}
