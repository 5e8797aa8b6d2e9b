package notice

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// TestNoticeEscapesOutsideStrings: a report line naming a token shows its
// controls as escapes, and a newline in it does not start a line.
func TestNoticeEscapesOutsideStrings(t *testing.T) {
	t.Parallel()
	c := common.New(time.Now)
	c.SetSize(80, 20)
	n := New(c, "Bulk revocation", []string{"Revoked:", "  mallory · evil\x1b[2J\nfake line\u009b"})
	v := n.SetSize(80, 20).View()
	if strings.ContainsAny(v, "\x1b\u009b") || !strings.Contains(v, `evil\e[2J\nfake line\u009b`) {
		t.Errorf("notice:\n%s", v)
	}
}

// BenchmarkLayoutSameSize: the root lays out after every message, so a
// 5,000-line report (a bulk revocation's) gets SetSize at an unchanged
// size many times: it is wrapped once, not each time.
func BenchmarkLayoutSameSize(b *testing.B) {
	lines := []string{"Revoked 5,000 of 5,000 tokens.", "", "Revoked:"}
	for i := range 5000 {
		lines = append(lines, "  user."+strings.Repeat("x", i%40)+" · token-with-a-fairly-long-name")
	}
	var d common.Dialog = New(common.New(time.Now), "Bulk revocation", lines).SetSize(196, 43)
	b.ReportAllocs()
	for b.Loop() {
		d = d.SetSize(196, 43)
	}
}
