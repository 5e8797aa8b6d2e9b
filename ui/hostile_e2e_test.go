package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/tokens"
)

// Names a SonarQube user may give their tokens, display name and project
// to take over the terminal of the administrator who reviews them.
const (
	hostileEvil  = "evil\x1b]52;c;UFdORUQ=\a\x1b]0;PWNED\a\x1b[2J"
	hostileBidi  = "report\u202egpj.exe"
	hostileC1    = "c1\u009b31mred\u0085"
	hostileSplit = "two\nlines\r\tdel\x7f"
	hostileUser  = "Mallory\x1b[2J\u2066"
	hostileProj  = "Proj\x1b]0;TITLE\a\u202e"
)

// hostileSim is a sonarsim whose user mallory has a display name, a
// project and tokens that carry terminal controls, with the admin's client.
func hostileSim(t *testing.T) (*sonarsim.Server, Model) {
	t.Helper()
	sim, c := simAdmin(t, sonarsim.Options{Empty: true})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(sim.AddUser(sonarsim.UserSpec{Login: "mallory", Name: hostileUser}))
	must(sim.AddProject(sonarsim.ProjectSpec{Key: "hostile", Name: hostileProj, ScanLogins: []string{"mallory"}}))
	created := testNow.Add(-48 * time.Hour)
	for _, n := range []string{hostileEvil, hostileBidi, hostileC1, hostileSplit} {
		_, err := sim.IssueToken(sonarsim.TokenSpec{Login: "mallory", Name: n, CreatedAt: created})
		must(err)
	}
	_, err := sim.IssueToken(sonarsim.TokenSpec{Login: "mallory", Name: "on-project", Type: "PROJECT_ANALYSIS_TOKEN", ProjectKey: "hostile", CreatedAt: created})
	must(err)
	return sim, reviewModel(t, c, 2)
}

// assertViewSafe fails when a view holds anything a terminal acts on. The
// tests render without colour, so a view holds no escape sequence at all.
func assertViewSafe(t *testing.T, what, view string) {
	t.Helper()
	for i, r := range view {
		bad := (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
			r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) ||
			(r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029
		if bad {
			t.Fatalf("%s holds %U at byte %d:\n%s", what, r, i, view)
		}
	}
}

func TestEndToEndHostileNamesReview(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, m := hostileSim(t)
	v := m.View()
	assertViewSafe(t, "the review", v)
	for _, want := range []string{`evil\e]52;c;UFdORUQ=`, `report\u202egpj.exe`, `c1\u009b31mred\u0085`, `two\nlines\r\tdel\x7f`, `Proj\e]0;T`} {
		if !strings.Contains(v, want) {
			t.Errorf("the review does not show %s:\n%s", want, v)
		}
	}
	// Every mallory row carries the marker; the admin's own console token
	// does not.
	mark := string(tokens.OddMarker)
	if marked := strings.Count(v, mark+"  mallory"); marked != 5 || strings.Contains(v, mark+"  admin") {
		t.Errorf("%d rows marked, want 5:\n%s", marked, v)
	}
	help := press(m, "?").View()
	assertViewSafe(t, "the help", help)
	if !strings.Contains(help, string(tokens.OddMarker)+" next to a row") {
		t.Errorf("the help does not explain the marker:\n%s", help)
	}

	// Each dialog that names the selected token: revoke, rotate.
	m = press(m, "/")
	m = typeText(m, "evil")
	m = press(m, "enter")
	if sel, ok := m.Review().Table().Selected(); !ok || sel.Name != hostileEvil {
		t.Fatalf("selected %q, want the evil token", sel.Name)
	}
	confirm := press(m, "d")
	assertViewSafe(t, "the revoke confirmation", confirm.View())
	if !strings.Contains(confirm.View(), `evil\e]52;`) {
		t.Errorf("the confirmation does not show the name:\n%s", confirm.View())
	}
	rot := press(m, "o")
	assertViewSafe(t, "the rotation", rot.View())
	if !strings.Contains(rot.View(), `Mallory`) && !strings.Contains(rot.View(), `evil\e]52;`) {
		t.Errorf("the rotation does not name the token:\n%s", rot.View())
	}
	// The rotation generates the replacement and shows it.
	rot = press(rot, "enter")
	assertViewSafe(t, "the rotation's reveal", rot.View())
	// The replacement is named after the old name's escaped form.
	var replaced bool
	for _, ti := range sim.Tokens("mallory") {
		replaced = replaced || strings.HasPrefix(ti.Name, `evil\e]52;c;UFdORUQ=\a\e]0;PWNED\a\e[2J-`)
	}
	if !replaced {
		t.Errorf("no replacement named after the escaped name: %v", sim.Tokens("mallory"))
	}

	// The user picker lists mallory by her display name.
	picker := press(press(m, "esc"), "u")
	assertViewSafe(t, "the user picker", picker.View())
	if !strings.Contains(picker.View(), `Mallory\e[2J\u2066`) {
		t.Errorf("the picker does not show the display name escaped:\n%s", picker.View())
	}
}

// TestEndToEndHostileProject generates a token on a project whose name
// carries controls: the form's project list and the reveal show it
// escaped.
func TestEndToEndHostileProject(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Empty: true})
	if err := sim.AddProject(sonarsim.ProjectSpec{Key: "hostile", Name: hostileProj, ScanLogins: []string{"admin"}}); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, c, &fakeClipboard{}, 100, 30)
	m = press(m, "n")
	m = typeText(m, "ci-token")
	m = press(m, "tab")
	for i := 0; i < 3 && m.Form().Type() != model.TypeProject; i++ {
		m = press(m, "right")
	}
	m = press(m, "tab")
	assertViewSafe(t, "the form", m.View())
	if !strings.Contains(m.View(), `Proj\e]0;TITLE\a\u202e (hostile)`) {
		t.Errorf("the form does not list the project escaped:\n%s", m.View())
	}
	m = press(m, "enter")
	if m.Mode() != ModeReveal {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	assertViewSafe(t, "the reveal", m.View())
	if !strings.Contains(m.View(), `Proj\e]0;TITLE\a\u202e`) {
		t.Errorf("the reveal does not show the project escaped:\n%s", m.View())
	}
	m = press(m, "esc")
	assertViewSafe(t, "the table", m.View())
}

// hostileFake is the admin fake plus a user mallory whose display name
// and tokens carry terminal controls.
func hostileFake() *fakeService {
	f := newAdminFake()
	one := 4
	f.users = append(f.users, model.User{Login: "mallory", Name: hostileUser, Active: true, TokensCount: &one})
	f.others["mallory"] = []model.Token{
		{Login: "mallory", Name: hostileEvil, Type: model.TypeUser, CreatedAt: day(2026, 11, 1)},
		{Login: "mallory", Name: hostileBidi, Type: model.TypeUser, CreatedAt: day(2026, 11, 2)},
		{Login: "mallory", Name: hostileSplit, Type: model.TypeUser, CreatedAt: day(2026, 11, 3)},
		{Login: "mallory", Name: "on-project", Type: model.TypeProject, ProjectKey: "hostile", ProjectName: hostileProj, CreatedAt: day(2026, 11, 4)},
	}
	return f
}

// TestGoldenHostile records the review and its help with mallory's names:
// escapes in the cells, the ! marker, and the help's line about it.
func TestGoldenHostile(t *testing.T) {
	t.Parallel()
	for _, size := range []struct{ w, h int }{{100, 30}, {80, 24}} {
		name := fmt.Sprintf("review_%dx%d", size.w, size.h)
		t.Run(name, func(t *testing.T) {
			o := adminOpts(hostileFake())
			o.Review = true
			m := start(t, o, size.w, size.h).wait("Scanned 5 users").golden()
			assertViewSafe(t, name, m.View())
		})
		t.Run(fmt.Sprintf("help_%dx%d", size.w, size.h), func(t *testing.T) {
			o := adminOpts(hostileFake())
			o.Review = true
			m := start(t, o, size.w, size.h).wait("Scanned 5 users").keys("?").wait("Keys").golden()
			assertViewSafe(t, "help", m.View())
		})
	}
}

// TestHostileServerMessages: a server whose error messages carry controls
// cannot make them act through the rotation, the generate form or the
// status line; each shows them escaped.
func TestHostileServerMessages(t *testing.T) {
	t.Parallel()
	evil := &client.APIError{Method: "POST", Endpoint: "api/user_tokens/generate", Status: 400, Messages: []string{"No\x1b]0;PWNED\a\u202e"}}
	const shown = `No\e]0;PWNED\a\u202e`
	f := newAdminFake()
	f.fail("Generate", evil)
	f.fail("Revoke", evil)
	m := adminModel(t, f, nil)

	rot := press(m, "G", "o", "enter")
	assertViewSafe(t, "the rotation's error", rot.View())
	if !strings.Contains(rot.View(), shown) {
		t.Errorf("the rotation does not show the message escaped:\n%s", rot.View())
	}

	form := press(m, "n")
	form = typeText(form, "x")
	form = press(form, "enter")
	assertViewSafe(t, "the form's error", form.View())
	if !strings.Contains(form.View(), shown) {
		t.Errorf("the form does not show the message escaped:\n%s", form.View())
	}

	rev := press(m, "d", "y")
	assertViewSafe(t, "the revoke error", rev.View())
	if !strings.Contains(rev.View(), shown) {
		t.Errorf("the status line does not show the message escaped:\n%s", rev.View())
	}
}

// TestHostileServerFilePath: the path of the sonar-project.properties
// that named the server comes from the file system, where a folder's name
// may carry terminal controls; the header shows it made safe.
func TestHostileServerFilePath(t *testing.T) {
	t.Parallel()
	m := newModelOpts(t, Options{Service: newFake(), Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{},
		ServerFile: "/src/" + hostileEvil + "/" + hostileBidi + "/sonar-project.properties"}, 100, 30)
	assertViewSafe(t, "header with a hostile properties path", m.View())
}
