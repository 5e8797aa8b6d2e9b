package picker

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

func countOf(t *testing.T, d common.Dialog, login string) string {
	t.Helper()
	for _, u := range d.(Model).Matches() {
		if u.Login == login {
			if u.TokensCount == nil {
				return "none"
			}
			return string(rune('0' + *u.TokensCount))
		}
	}
	t.Fatalf("%s not listed", login)
	return ""
}

// TestCountsFollowChanges: tokens created or revoked while the picker
// shows (a bulk revocation still running) change the counts it shows,
// and only those of their owners.
func TestCountsFollowChanges(t *testing.T) {
	t.Parallel()
	d := loaded(t)
	d, _ = d.Update(common.TokensRevokedMsg{Tokens: []model.Token{{Login: "linus", Name: "a"}, {Login: "linus", Name: "b"}, {Login: "ada", Name: "c"}}})
	if got := countOf(t, d, "linus") + countOf(t, d, "ada") + countOf(t, d, "admin"); got != "012" {
		t.Fatalf("counts linus, ada, admin after the revocations: %s, want 012", got)
	}
	d, _ = d.Update(common.TokensAddedMsg{Owner: "grace", Tokens: []model.Token{{Login: "grace", Name: "fresh"}}})
	if got := countOf(t, d, "grace"); got != "1" {
		t.Fatalf("grace after a generate: %s", got)
	}
	if v := d.SetSize(78, 19).View(); !strings.Contains(v, "1 token") || !strings.Contains(v, "no tokens") {
		t.Fatalf("view:\n%s", v)
	}
}
