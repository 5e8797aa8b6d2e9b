package reveal

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// TestRevealShowsRequestedDay: the reveal of a token generated with
// expirationDate 2027-01-15 on a server in New York (answered
// 2027-01-14T19:00:00-0500) or in Kiritimati with midnight stored in the
// server's zone (2027-01-15T00:00:00+1400) reads 2027-01-15, for a user in
// Honolulu and one in Kiritimati.
func TestRevealShowsRequestedDay(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	for _, zone := range []string{"Pacific/Honolulu", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skip(err)
		}
		old := time.Local
		time.Local = loc
		// The days left count from the instant: 49.5 days to 00:00 UTC,
		// 48.9 to midnight in +14.
		for w, want := range map[string]string{
			"2027-01-14T19:00:00-0500": "2027-01-15 (in 50 days)",
			"2027-01-15T00:00:00+1400": "2027-01-15 (in 49 days)",
		} {
			exp, err := time.Parse("2006-01-02T15:04:05-0700", w)
			if err != nil {
				t.Fatal(err)
			}
			c := common.New(func() time.Time { return now })
			c.SetSize(100, 30)
			nt := model.NewToken{Token: model.Token{Login: "ada", Name: "ci", Type: model.TypeUser, CreatedAt: now, ExpiresAt: &exp}, Value: model.NewSecret("squ_0123456789abcdef0123456789abcdef01234567")}
			view := New(c, nt, nil).View()
			if !strings.Contains(view, want) {
				t.Errorf("TZ=%s, expiry %s: the reveal should read %s:\n%s", zone, w, want, view)
			}
		}
		time.Local = old
	}
}
