package ui

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/keys"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

func adminModel(t *testing.T, f *fakeService, mod func(*Options)) Model {
	t.Helper()
	o := Options{Service: f, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser}
	if mod != nil {
		mod(&o)
	}
	return newModelOpts(t, o, 100, 30)
}

func shortHelp(m Model) string {
	var out []string
	for _, b := range m.helpKeys().ShortHelp() {
		if b.Enabled() {
			out = append(out, b.Help().Key)
		}
	}
	return strings.Join(out, " ")
}

func TestAdminKeysOnlyForAdmins(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), nil, 100, 30)
	if h := shortHelp(m); strings.Contains(h, "u") || strings.Contains(h, "R") {
		t.Fatalf("non-admin help: %s", h)
	}
	for _, k := range []string{"u", "R"} {
		m = press(m, k)
		if m.Mode() != ModeTable || m.Page() != PageTokens || !strings.Contains(m.Status().Error(), "Administer System") {
			t.Fatalf("%s: mode %v page %v error %q", k, m.Mode(), m.Page(), m.Status().Error())
		}
	}
	a := adminModel(t, newAdminFake(), nil)
	if h := shortHelp(a); !strings.Contains(h, "u") || !strings.Contains(h, "R") {
		t.Fatalf("admin help: %s", h)
	}
	g := adminModel(t, newAdminFake(), func(o *Options) { o.OwnTokenType = model.TypeGlobal })
	g = press(g, "u")
	if g.Mode() != ModeTable || !strings.Contains(g.Status().Error(), "Global Analysis Token") {
		t.Fatalf("analysis token: mode %v, error %q", g.Mode(), g.Status().Error())
	}
}

func TestUsersKeyPickerAndBack(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "u")
	if m.Mode() != ModePicker || len(m.Picker().Matches()) != 4 || m.Picker().Matches()[0].Login != "ada" {
		t.Fatalf("picker: %v %v", m.Mode(), m.Picker().Matches())
	}
	m = press(m, "esc")
	if m.Mode() != ModeTable || m.Login() != "" {
		t.Fatal("esc should close the picker")
	}
	m = press(m, "u", "down", "down", "enter")
	if m.Login() != "grace" || m.Table().Len() != 2 || !strings.Contains(m.View(), "tokens of grace") {
		t.Fatalf("login %q, %d tokens", m.Login(), m.Table().Len())
	}
	if !strings.Contains(shortHelp(m), "esc") {
		t.Fatalf("help lacks the way back: %s", shortHelp(m))
	}
	m = press(m, "esc")
	if m.Login() != "" || m.Table().Len() != 5 {
		t.Fatalf("esc: login %q, %d tokens", m.Login(), m.Table().Len())
	}
	m = press(m, "u")
	m = typeText(m, "lin")
	m = press(m, "enter")
	if m.Login() != "linus" {
		t.Fatalf("typed lin: %q", m.Login())
	}
	m = press(m, "u", "enter") // ada, first: one's own tokens
	if m.Login() != "" || m.Table().Len() != 5 {
		t.Fatalf("own: login %q", m.Login())
	}
}

func TestReviewQuickFilterKeys(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "R")
	if m.Page() != PageReview || m.Review().State() != review.StateDone || m.Review().Table().Len() != 9 {
		t.Fatalf("R: page %v state %v rows %d", m.Page(), m.Review().State(), m.Review().Table().Len())
	}
	shown := func() int { return m.Review().Table().Shown() }
	steps := []struct {
		key  string
		want int
	}{
		{"1", 2}, {"1", 9}, {"2", 2}, {"+", 2}, {"3", 2}, {"4", 2}, {"5", 3}, {"-", 3}, {"0", 9},
		{"t", 4}, {"t", 2}, {"t", 3}, {"t", 9},
	}
	for _, s := range steps {
		m = press(m, s.key)
		if shown() != s.want {
			t.Fatalf("after %q: %d shown, want %d", s.key, shown(), s.want)
		}
	}
	if e, u := m.Review().Windows(); e != 14 || u != 60 {
		t.Fatalf("windows %d, %d after + on 2 and - on 5", e, u)
	}
	m = press(m, "l")
	login := m.Review().Table().ShownTokens()[0].Login
	for _, tok := range m.Review().Table().ShownTokens() {
		if tok.Login != login {
			t.Fatalf("l: %s shown with %s", tok.Login, login)
		}
	}
	m = press(m, "l")
	if shown() != 9 {
		t.Fatal("l again should clear the login filter")
	}
	if c, desc := m.Review().Table().Sort(); c.String() != "Expires" || desc {
		t.Fatalf("the review opens sorted by %v (reversed %v), want Expires", c, desc)
	}
	for _, col := range []string{"s", "s", "s", "s", "s", "s", "s"} { // every column, back to Expires
		m = press(m, col)
	}
	if c, _ := m.Review().Table().Sort(); c.String() != "Expires" {
		t.Fatalf("sort %v", c)
	}
	m = press(m, "esc")
	if m.Page() != PageTokens {
		t.Fatal("esc should go back")
	}
	m = press(m, "R")
	if m.Review().Table().Len() != 9 || m.Page() != PageReview {
		t.Fatal("R again shows the kept review")
	}
}

func TestReviewMarksAndBulkRevoke(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, nil)
	m = press(m, "R", "s", "s", "g") // by name (Login, then Name), from the top, which the rows below follow
	m = press(m, "space", "space")
	if m.Review().Table().MarkedCount() != 2 || m.Review().Table().Cursor() != 2 {
		t.Fatal("space marks and moves down")
	}
	m = press(m, "k", "space")
	if m.Review().Table().MarkedCount() != 1 {
		t.Fatal("space unmarks")
	}
	m = press(m, "1", "a")
	want := []string{"ada/a-very-long-token-name-used-by-the-nightly-integration-test-suite-of-the-web-shop", "grace/jenkins", "ada/old-jenkins"}
	m = press(m, "d")
	if m.Mode() != ModeConfirm || !strings.Contains(m.Confirm().Title(), "Revoke 3 tokens") || !strings.Contains(m.View(), "1 marked token is hidden") {
		t.Fatalf("confirm:\n%s", m.View())
	}
	m = press(m, "n")
	if len(f.revokedKeys) != 0 || m.Review().Table().MarkedCount() != 3 {
		t.Fatal("n revoked something or dropped the marks")
	}
	m = press(m, "d", "y")
	got := append([]string(nil), f.revokedKeys...)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("revoked %v, want %v", got, want)
	}
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked 3 of 3 tokens") {
		t.Fatalf("report:\n%s", m.View())
	}
	m = press(m, "enter")
	if m.Mode() != ModeTable || m.Review().Table().Len() != 6 || m.Review().Table().MarkedCount() != 0 {
		t.Fatalf("after the report: %d rows, %d marked", m.Review().Table().Len(), m.Review().Table().MarkedCount())
	}
	m = press(m, "0", "d")
	if m.Mode() != ModeConfirm || !strings.Contains(m.Confirm().Title(), "Revoke token") {
		t.Fatal("d without marks revokes the selected token")
	}
}

func TestReviewEscStopsScan(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	f.scanHold = make(chan struct{})
	t.Cleanup(func() { close(f.scanHold) })
	m := adminModel(t, f, nil)
	h := &hold{}
	m = h.press(m, "R") // R waits for the held scan, left running
	if !m.Review().Loading() || m.Review().Table().Len() != 7 {
		t.Fatalf("loading %v with %d rows", m.Review().Loading(), m.Review().Table().Len())
	}
	m = press(m, "esc")
	m = drive(m, h.late()...) // the scan's last answer, once stopped
	if m.Review().State() != review.StateStopped || m.Review().Table().Len() != 7 || m.Page() != PageReview {
		t.Fatalf("esc: %v with %d rows", m.Review().State(), m.Review().Table().Len())
	}
	if !strings.Contains(m.View(), "Stopped after 3 of 4 users") {
		t.Fatal(m.View())
	}
}

func TestReadOnlyHidesAndRefusesActions(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, func(o *Options) { o.ReadOnly = true })
	for _, k := range []string{"n", "d", "o"} {
		m = press(m, k)
		if m.Mode() != ModeTable {
			t.Fatalf("%s opened %v", k, m.Mode())
		}
	}
	m = press(m, "R", "space", "a", "d", "o")
	if m.Mode() != ModeTable || m.Review().Table().MarkedCount() != 0 || len(f.revokedKeys) != 0 || len(f.generated) != 0 {
		t.Fatal("read-only changed something")
	}
	km := *m.common.Keys
	for _, b := range []key.Binding{km.New, km.Revoke, km.Rotate, km.Mark, km.MarkAll} {
		if b.Enabled() {
			t.Fatalf("%s enabled in read-only", b.Help().Key)
		}
	}
	full := keys.ReviewHelp{KeyMap: km}.FullHelp()
	for _, col := range full {
		for _, b := range col {
			if b.Enabled() && (b.Help().Desc == "revoke" || b.Help().Desc == "rotate" || b.Help().Desc == "mark") {
				t.Fatalf("read-only help shows %s", b.Help().Desc)
			}
		}
	}
}

func TestRotateKeys(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	cb := &fakeClipboard{}
	m := adminModel(t, f, func(o *Options) { o.Clipboard = cb })
	m = press(m, "G", "o")
	if m.Mode() != ModeRotate || m.Rotation().Step() != rotate.StepPlan {
		t.Fatalf("o: %v", m.Mode())
	}
	m = press(m, "backspace")
	m = typeText(m, "9")
	m = press(m, "enter")
	if m.Rotation().Step() != rotate.StepReveal || len(f.generated) != 1 {
		t.Fatalf("enter: step %v", m.Rotation().Step())
	}
	g := f.generated[0]
	if g.Name != "release-bot-20261129" || g.Type != model.TypeUser || g.Login != "" || !g.ExpiresOn.Equal(day(2026, 12, 28)) {
		t.Fatalf("generated %+v", g)
	}
	if len(f.revoked) != 0 {
		t.Fatal("revoked before confirmation")
	}
	m = press(m, "esc")
	if m.Rotation().Step() != rotate.StepReveal || !strings.Contains(m.View(), "Nothing was copied") {
		t.Fatal("esc without a copy should ask again")
	}
	m = press(m, "c")
	if cb.last() == "" {
		t.Fatal("c did not copy")
	}
	m = press(m, "y")
	if m.Rotation().Step() != rotate.StepDone || !slices.Equal(f.revoked, []string{"release-bot"}) {
		t.Fatalf("y: step %v, revoked %v", m.Rotation().Step(), f.revoked)
	}
	m = press(m, "enter")
	if m.Mode() != ModeTable || selected(t, m) != "release-bot-20261129" || slices.Contains(m.Table().Names(), "release-bot") {
		t.Fatalf("after: mode %v, names %v", m.Mode(), m.Table().Names())
	}
}

func TestRotateFailuresRevokeNothing(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	f.fail("Generate", errors.New("boom"))
	m := adminModel(t, f, nil)
	m = press(m, "G", "o", "enter")
	if m.Rotation().Step() != rotate.StepPlan || !strings.Contains(m.View(), "Nothing was generated or revoked") || len(f.revokedKeys) != 0 {
		t.Fatalf("generate failure:\n%s", m.View())
	}
	m = press(m, "esc")
	if m.Mode() != ModeTable {
		t.Fatal("esc should close")
	}

	f = newAdminFake()
	f.revokeErrs = map[string]error{"release-bot": &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 503}}
	m = adminModel(t, f, nil)
	m = press(m, "G", "o", "enter", "y", "y")
	if m.Rotation().Step() != rotate.StepRevokeFailed || !strings.Contains(m.View(), "Both tokens exist now") {
		t.Fatalf("revoke failure:\n%s", m.View())
	}
	f.mu.Lock()
	f.revokeErrs = nil
	f.mu.Unlock()
	m = press(m, "r")
	if m.Rotation().Step() != rotate.StepDone {
		t.Fatalf("r: %v", m.Rotation().Step())
	}

	m = adminModel(t, newAdminFake(), nil)
	m = press(m, "R", "/")
	m = typeText(m, "kernel")
	m = press(m, "enter", "o")
	if m.Mode() != ModeTable || !strings.Contains(m.Status().Error(), "only User tokens") {
		t.Fatalf("another user's analysis token: %v %q", m.Mode(), m.Status().Error())
	}
	m = press(m, "esc", "/")
	m = typeText(m, "grace")
	m = press(m, "enter")
	m = press(m, "o")
	if m.Mode() != ModeRotate || m.Rotation().Request().Login != "grace" {
		t.Fatalf("another user's user token: mode %v", m.Mode())
	}
}

// TestSecretDroppedAfterRotation checks that once the rotation's reveal is
// over (confirmed, stopped, or the console quit) nothing holds the value.
func TestSecretDroppedAfterRotation(t *testing.T) {
	t.Parallel()
	value := "squ_0000000000000000000000000000000000000001"
	for _, ks := range [][]string{{"y", "y"}, {"c", "y"}, {"esc", "esc"}, {"c", "esc"}, {"ctrl+c", "ctrl+c"}} {
		m := adminModel(t, newAdminFake(), nil)
		m = press(m, "G", "o", "enter")
		if !holds(reflect.ValueOf(&m).Elem(), value, map[uintptr]bool{}) {
			t.Fatal("the search does not find the value while shown: the test is blind")
		}
		if ks[1] == "ctrl+c" { // the second ctrl+c quits: send it by hand
			m = press(m, ks[0])
			nm, cmd := m.Update(keyMsg(ks[1]))
			if m = nm.(Model); !isQuit(cmd) {
				t.Fatal("a second ctrl+c does not quit")
			}
		} else {
			m = press(m, ks...)
		}
		if strings.Contains(m.View(), value) || strings.Contains(fmtAll(m), value) || holds(reflect.ValueOf(&m).Elem(), value, map[uintptr]bool{}) {
			t.Fatalf("%v: the model still holds the value", ks)
		}
	}
}

// TestFullHelpOwnTokensFromReview: one's own tokens opened with u from the
// review go back to it with esc; the full help lists esc as the short
// help does.
func TestFullHelpOwnTokensFromReview(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "R", "u", "enter") // the signed-in user, listed first
	if m.Page() != PageTokens || m.Login() != "" || !strings.Contains(shortHelp(m), "esc") {
		t.Fatalf("page %v login %q help %s", m.Page(), m.Login(), shortHelp(m))
	}
	m = press(m, "?")
	if m.Mode() != ModeHelp || !strings.Contains(m.View(), "back") {
		t.Fatalf("full help lacks the way back to the review:\n%s", m.View())
	}
}

// TestReviewOpensSortedByExpiry: the review opens on what an admin
// reviewing expiring tokens looks for first: the expired tokens, then the
// soonest to expire; the tokens that never expire come last. A new scan
// keeps the sort the user chose.
func TestReviewOpensSortedByExpiry(t *testing.T) {
	t.Parallel()
	m := press(adminModel(t, newAdminFake(), nil), "R")
	var got []string
	for _, tok := range m.Review().Table().ShownTokens() {
		got = append(got, tok.Login+"/"+tok.Name)
	}
	want := []string{"grace/jenkins", "ada/old-jenkins", "ada/release-bot", "linus/ci", "grace/laptop"}
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Fatalf("review opens with %v, want %v first", got, want)
	}
	if last := got[len(got)-1]; last != "ada/laptop" && last != "linus/kernel-scan" {
		t.Fatalf("a token that never expires is not last: %v", got)
	}
	m = press(m, "s", "r") // by login, then scan again
	if c, _ := m.Review().Table().Sort(); c.String() != "Login" {
		t.Fatalf("a new scan sorts by %v, want the user's Login", c)
	}
}
