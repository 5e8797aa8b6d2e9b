package detail

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// now is 2026-11-30 12:00 UTC; the user is in Paris (CET, +0100).
var (
	now   = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	paris = time.FixedZone("CET", 3600)
)

func parse(t *testing.T, s string) *time.Time {
	t.Helper()
	v, err := time.Parse(model.ServerTimeLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return &v
}

// projectToken expires in 3 days, was last used 2 days ago, and comes
// from a server in New York.
func projectToken(t *testing.T) model.Token {
	created, used, exp := "2026-09-01T09:30:00-0400", "2026-11-28T07:15:42-0500", "2026-12-02T19:00:00-0500"
	return model.Token{Login: "ada", Name: "shop-ci", Type: model.TypeProject, ProjectKey: "web-shop", ProjectName: "Web Shop",
		CreatedAt: *parse(t, created), LastUsed: parse(t, used), ExpiresAt: parse(t, exp),
	}
}

type fakeClip struct {
	got    []string
	method clipboard.Method
	err    error
}

func (f *fakeClip) Copy(v string) (clipboard.Method, error) {
	f.got = append(f.got, v)
	return f.method, f.err
}

func newView(t *testing.T, p Params, w, h int, cb clipboard.Writer) Model {
	t.Helper()
	c := common.New(func() time.Time { return now })
	c.Zone = paris
	m := New(c, p, cb)
	m.SetSize(w, h)
	return m
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func height(s string) int { return strings.Count(s, "\n") + 1 }

func TestGoldenDetail(t *testing.T) {
	t.Parallel()
	// Its server wrote RFC 3339, kept as sent.
	long := model.Token{Login: "svc-build", Name: "nightly-" + strings.Repeat("release-", 11) + "x", Type: model.TypeUser,
		CreatedAt: *parse(t, "2025-01-10T08:00:00+0000"), Raw: &model.RawDates{CreatedAt: "2025-01-10T08:00:00Z"}}
	expired := projectToken(t)
	expired.ExpiresAt = parse(t, "2026-11-20T00:00:00+0000")
	expired.Expired = true
	cases := []struct {
		name string
		p    Params
	}{
		{"expiring", Params{Token: projectToken(t), OwnerName: "Ada Lovelace", CanRotate: true}},
		{"expired", Params{Token: expired, OwnerName: "Ada Lovelace", CanRotate: true}},
		{"never_used_no_expiry", Params{Token: long, OwnerName: "Build Service", ReadOnly: true}},
	}
	for _, c := range cases {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			name := c.name + "_" + itoa(size[0]) + "x" + itoa(size[1])
			t.Run(name, func(t *testing.T) {
				m := newView(t, c.p, size[0], size[1], nil)
				v := m.View()
				if height(v) > size[1] || lipgloss.Width(v) > size[0] {
					t.Errorf("%dx%d: the view takes %dx%d", size[0], size[1], lipgloss.Width(v), height(v))
				}
				golden.RequireEqual(t, []byte(v))
			})
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// What the view says: exact instants in the user's zone, the server's own
// text, the status's reason and the owner's name beside the login.
func TestDetailShowsInstantsAndReasons(t *testing.T) {
	t.Parallel()
	m := newView(t, Params{Token: projectToken(t), OwnerName: "Ada Lovelace"}, 120, 40, nil)
	v := ansi.Strip(m.View())
	for _, want := range []string{
		"Ada Lovelace (ada)", "Project Analysis Token", "Web Shop", "key web-shop",
		"expires in 3 days (within the 7-day email window)", "last used 1 day ago",
		"2026-09-01 14:30:00 CET", "server: 2026-09-01T09:30:00-0400",
		"2026-11-28 13:15:42 CET", "server: 2026-11-28T07:15:42-0500",
		"2026-12-03 01:00:00 CET", "server: 2026-12-02T19:00:00-0500", "expiry day: 2026-12-03",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the view lacks %q:\n%s", want, v)
		}
	}
	idle := projectToken(t)
	idle.LastUsed = nil
	v = ansi.Strip(newView(t, Params{Token: idle}, 120, 40, nil).View())
	if !strings.Contains(v, "never used") || !strings.Contains(v, "Last use   never") {
		t.Errorf("a token never used:\n%s", v)
	}
}

// Names from the server show escaped, never as terminal controls.
func TestDetailEscapesHostileText(t *testing.T) {
	t.Parallel()
	tok := projectToken(t)
	tok.Name, tok.ProjectName = "evil\x1b]52;c;AAAA\x07", "P\x1b[2J"
	v := newView(t, Params{Token: tok, OwnerName: "Mallory\x1b[31m"}, 100, 30, nil).View()
	if strings.Contains(v, "\x1b") {
		t.Errorf("a raw escape reached the view: %q", v)
	}
	if !strings.Contains(v, model.Printable(tok.Name)) {
		t.Errorf("the name is not shown escaped:\n%s", v)
	}
}

func run(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	return cmd()
}

// stub is a dialog the view opens in its place: the revocation's question
// or the rotation of the token it names.
type stub struct {
	common.Dialog
	what string
}

// actions are Params' Revoke and Rotate, opening a stub for tok.
func actions(p Params) Params {
	name := p.Token.Name
	p.Revoke = func() common.Dialog { return stub{what: "revoke " + name} }
	p.Rotate = func() (common.Dialog, tea.Cmd) { return stub{what: "rotate " + name}, nil }
	return p
}

// shows is what d shows once key was pressed: "revoke NAME", "rotate NAME",
// "closed" or "view".
func shows(m Model, key string) string {
	next, _ := Dialog{m}.Update(keyMsg(key))
	switch d := next.(type) {
	case nil:
		return "closed"
	case stub:
		return d.what
	}
	return "view"
}

func TestDetailKeys(t *testing.T) {
	t.Parallel()
	tok := projectToken(t)
	m := newView(t, actions(Params{Token: tok, CanRotate: true}), 100, 30, nil)
	if got := shows(m, "d"); got != "revoke shop-ci" {
		t.Errorf("d: %s", got)
	}
	if got := shows(m, "o"); got != "rotate shop-ci" {
		t.Errorf("o: %s", got)
	}
	for _, k := range []string{"esc", "enter", "q"} {
		if got := shows(m, k); got != "closed" {
			t.Errorf("%s does not close", k)
		}
	}

	ro := newView(t, actions(Params{Token: tok, ReadOnly: true}), 100, 30, nil)
	for _, k := range []string{"d", "o"} {
		got, cmd := ro.Update(keyMsg(k))
		if cmd != nil || !strings.Contains(got.View(), "--read-only") {
			t.Errorf("%s in --read-only: cmd %v\n%s", k, cmd, got.View())
		}
	}
	no := newView(t, actions(Params{Token: tok, WhyNot: "Only an administrator can rotate another user's Project Analysis token."}), 100, 30, nil)
	got, cmd := no.Update(keyMsg("o"))
	if cmd != nil || !strings.Contains(got.View(), "Only an administrator") {
		t.Errorf("o refused: cmd %v\n%s", cmd, got.View())
	}
}

// c copies the name from a Cmd, never in Update, and says how it went.
func TestDetailCopiesTheName(t *testing.T) {
	t.Parallel()
	cb := &fakeClip{method: clipboard.OSC52}
	m := newView(t, Params{Token: projectToken(t)}, 100, 30, cb)
	m, cmd := m.Update(keyMsg("c"))
	if len(cb.got) != 0 {
		t.Fatal("copied inside Update")
	}
	msg := run(t, cmd)
	if len(cb.got) != 1 || cb.got[0] != "shop-ci" {
		t.Fatalf("copied %q", cb.got)
	}
	m, _ = m.Update(msg)
	if v := m.View(); !strings.Contains(v, "Name: Sent to your terminal's clipboard") {
		t.Errorf("after the copy:\n%s", v)
	}
	cb.err = errors.New("boom")
	m, cmd = m.Update(keyMsg("c"))
	m, _ = m.Update(run(t, cmd))
	if v := m.View(); !strings.Contains(v, "The name was not copied") {
		t.Errorf("after a failed copy:\n%s", v)
	}
}

// On a short terminal the view keeps within its height and scrolls.
func TestDetailScrolls(t *testing.T) {
	t.Parallel()
	m := newView(t, actions(Params{Token: projectToken(t), OwnerName: "Ada Lovelace"}), 80, 12, nil)
	v := m.View()
	if height(v) > 12 {
		t.Fatalf("%d lines at 80x12:\n%s", height(v), v)
	}
	if strings.Contains(v, "expiry day") || !strings.Contains(v, "scroll 0%") {
		t.Fatalf("the first page shows the end, or no scroll hint:\n%s", v)
	}
	for range 20 {
		m, _ = m.Update(keyMsg("down"))
	}
	v = m.View()
	if !strings.Contains(v, "expiry day: 2026-12-03") || !strings.Contains(v, "scroll 100%") || height(v) > 12 {
		t.Errorf("scrolled to the end:\n%s", v)
	}
	// d still revokes while scrolled: the viewport's pager letters are off.
	if shows(m, "d") != "revoke shop-ci" {
		t.Error("d scrolls instead of revoking")
	}
}

// The owner's display name arrives after the view opened; a name for
// another login is ignored.
func TestDetailTakesTheOwnersName(t *testing.T) {
	t.Parallel()
	m := newView(t, Params{Token: projectToken(t)}, 100, 30, nil)
	m, _ = m.Update(OwnerMsg{Login: "bob", Name: "Bob Builder"})
	if strings.Contains(m.View(), "Bob") {
		t.Error("another login's name taken")
	}
	m, _ = m.Update(OwnerMsg{Login: "ada", Name: "Ada Lovelace"})
	if !strings.Contains(m.View(), "Ada Lovelace (ada)") {
		t.Errorf("no owner's name:\n%s", m.View())
	}
}

// A refusal naming a login from the server shows its terminal controls as
// visible escapes, never raw.
func TestRefusalNoteIsPrintable(t *testing.T) {
	t.Parallel()
	p := Params{Token: projectToken(t), WhyNot: "Cannot rotate: only administrators can rotate tokens of ev\x1b]0;PWNED\a\u202e."}
	m := newView(t, p, 100, 30, &fakeClip{})
	m, _ = m.Update(keyMsg("o"))
	view := m.View()
	if strings.ContainsAny(view, "\x1b\a\u202e") {
		t.Fatalf("the note holds raw controls:\n%q", view)
	}
	if !strings.Contains(view, `ev\e]0;PWNED\a\u202e.`) {
		t.Errorf("the note lacks the escaped login:\n%s", view)
	}
}
