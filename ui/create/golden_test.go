package create

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/internal/widthpin"
)

func TestMain(m *testing.M) {
	widthpin.Pin()
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// TestGoldenSizes: the generate form of a 10.6 server, its project list
// on screen, in the smallest pane the console takes (50x15) and at the
// three sizes every screen is checked at (the content area the root hands
// it), within its width.
func TestGoldenSizes(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{50, 15}, {60, 12}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			c := common.New(func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
			c.StaticCursor = true
			v, err := model.ParseVersion("10.6.0.92116")
			if err != nil {
				t.Fatal(err)
			}
			caps := model.CapabilitiesOf(v)
			f := New(c, Params{
				Caps: caps, Login: "ada", Existing: []string{"laptop"},
				Types:       []model.TokenType{model.TypeUser, model.TypeProject, model.TypeGlobal},
				Projects:    []model.Project{{Key: "billing-engine", Name: "Billing Engine"}, {Key: "web-shop", Name: "Web Shop"}},
				Preselected: "web-shop",
			})
			w, h := size[0]-2, size[1]-5
			out := f.SetSize(w, h).View()
			if lipgloss.Width(out) > w {
				t.Errorf("%d cells wide in %d:\n%s", lipgloss.Width(out), w, out)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}
