package reveal

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// TestGoldenSizes: the one-time reveal in the smallest pane the console
// takes (50x15), where the value keeps its whole line, and at the three
// sizes every screen is checked at (the content area the root hands it),
// within its width.
func TestGoldenSizes(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	exp := now.Add(30 * 24 * time.Hour)
	for _, size := range [][2]int{{50, 15}, {60, 12}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			c := common.New(func() time.Time { return now })
			c.Zone = time.UTC
			nt := model.NewToken{
				Token: model.Token{Login: "ada", Name: "ci-pipeline", Type: model.TypeProject, ProjectKey: "web-shop", ProjectName: "Web Shop", CreatedAt: now, ExpiresAt: &exp},
				Value: model.NewSecret("squ_0000000000000000000000000000000000000001"),
			}
			r := New(c, nt, nil)
			w, h := size[0]-2, size[1]-5
			r.SetSize(w, h)
			out := r.View()
			if lipgloss.Width(out) > w {
				t.Errorf("%d cells wide in %d:\n%s", lipgloss.Width(out), w, out)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}
