package statusbar

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// TestStatusEscapesOutsideStrings: an error, a note or an activity that
// quotes a token name or a server message shows its controls as escapes.
func TestStatusEscapesOutsideStrings(t *testing.T) {
	t.Parallel()
	m := New(common.New(time.Now))
	m.SetSize(100, 1)
	for _, set := range []func(string){
		func(s string) { m.SetError(s) },
		func(s string) { m.SetInfo(s) },
		func(s string) { m.ClearError(); m.SetActivity(s) },
	} {
		set("Cannot rotate x\x1b]0;PWNED\a\u202e: gone")
		v := m.View("")
		if strings.ContainsAny(v, "\x1b\a\u202e") || !strings.Contains(v, `x\e]0;PWNED\a\u202e`) {
			t.Errorf("status line %q", v)
		}
	}
}

// TestRecordKeepsPrintableText: an entry recorded without being shown
// (a review's failed user, a bulk failure) is kept with visible escapes,
// as SetError and SetInfo keep theirs.
func TestRecordKeepsPrintableText(t *testing.T) {
	t.Parallel()
	m := New(common.New(time.Now))
	m.Record("mallory\x1b]0;PWNED\a: failed", true)
	if log := m.Log(); len(log) != 1 || log[0].Text != `mallory\e]0;PWNED\a: failed` {
		t.Fatalf("log = %+v", log)
	}
}
