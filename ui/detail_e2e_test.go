package ui

import (
	"github.com/sonartoken/sonartoken/ui/rotate"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/detail"
)

// TestDetailEndToEnd: enter on a row of the table shows the token in
// full, with the server's own date text; d there revokes it on the
// server after the usual confirmation; esc closes it.
func TestDetailEndToEnd(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simClient(t, "10.6")
	m := newModel(t, c, &fakeClipboard{}, 100, 30)
	sel, ok := m.Table().Selected()
	if !ok {
		t.Fatal("no row")
	}
	m = press(m, "enter")
	if _, ok := m.dialog.(detail.Dialog); !ok {
		t.Fatalf("enter opened %T:\n%s", m.dialog, m.View())
	}
	v := m.View()
	for _, want := range []string{"Token \"" + sel.Name + "\"", "Administrator (admin)", "server: " + model.ServerText(&sel.CreatedAt, ""), "d revoke · o rotate · c copy name · esc close"} {
		if !strings.Contains(v, want) {
			t.Errorf("the detail lacks %q:\n%s", want, v)
		}
	}
	// The sim answers in the server's offset, as SonarQube does: the text
	// is the instant in that offset, not the user's.
	if !strings.Contains(v, "server: "+sel.CreatedAt.Format("2006-01-02T15:04:05-0700")) {
		t.Errorf("no server text:\n%s", v)
	}
	m = press(m, "esc")
	if m.dialog != nil {
		t.Fatalf("esc left %T", m.dialog)
	}
	m = press(m, "enter", "d")
	if !strings.Contains(m.View(), "Revoke token") || !strings.Contains(m.View(), sel.Name) {
		t.Fatalf("d in the detail:\n%s", m.View())
	}
	m = press(m, "y")
	if _, still := simToken(sim, sel.Name); still {
		t.Errorf("%s is still on the server:\n%s", sel.Name, m.View())
	}
}

// TestDetailInTheReview: enter on a review row names the owner's login;
// o there opens the rotation of that token.
func TestDetailInTheReview(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, nil)
	m = press(m, "R", "G")
	sel, _ := m.review.Selected()
	m = press(m, "enter")
	if _, ok := m.dialog.(detail.Dialog); !ok || !strings.Contains(m.View(), "Owner") || !strings.Contains(m.View(), sel.Login) {
		t.Fatalf("enter in the review:\n%s", m.View())
	}
	m = press(m, "o")
	if _, ok := m.dialog.(rotate.Model); !ok {
		t.Errorf("o in the detail opened %T:\n%s", m.dialog, m.View())
	}
}

// o in the detail of another user's analysis token says why it cannot
// be rotated there, as o on the row does, and opens no rotation.
func TestDetailRefusesARotationItCannotDo(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "R", "/")
	m = press(typeText(m, "kernel"), "enter")
	m = press(m, "enter")
	// Another user's display name, looked up in a Cmd, shows beside the login.
	if !strings.Contains(m.View(), "Linus Torvalds (linus)") {
		t.Errorf("no display name:\n%s", m.View())
	}
	m = press(m, "o")
	if _, ok := m.dialog.(detail.Dialog); !ok || !strings.Contains(m.View(), "Cannot rotate \"kernel-scan\"") {
		t.Errorf("o in the detail of linus's analysis token: %T\n%s", m.dialog, m.View())
	}
}
