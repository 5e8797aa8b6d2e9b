package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
)

// lastLine is the view's last line, the footer of short help.
func lastLine(m Model) string {
	lines := strings.Split(strings.TrimRight(m.View(), "\n"), "\n")
	return lines[len(lines)-1]
}

// TestDialogFooterKeepsItsActions: a dialog's footer that does not fit
// gives up its moving keys first, never enter or esc (on the project list,
// enter chooses the project under the cursor).
func TestDialogFooterKeepsItsActions(t *testing.T) {
	t.Parallel()
	m := press(typeText(press(newModel(t, newFake(), nil, 80, 24), "n"), "ci"), "tab", "right", "tab")
	f := lastLine(m)
	if !strings.Contains(f, "enter choose project") || !strings.Contains(f, "esc cancel") || strings.Contains(f, "…") {
		t.Fatalf("form footer at 80x24: %q", f)
	}
}

func TestFooterAlwaysNamesHelp(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {100, 30}, {60, 20}} {
		m := adminModel(t, newAdminFake(), nil)
		m = drive(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		pages := map[string]Model{"tokens": m, "review": press(m, "R"), "other user": drive(press(m, "u"), keyMsg("enter"))}
		for name, p := range pages {
			f := lastLine(p)
			if !strings.Contains(f, "? help") {
				t.Errorf("%dx%d %s: footer %q has no ? help", size[0], size[1], name, f)
			}
			if strings.Contains(f, "…") {
				t.Errorf("%dx%d %s: footer %q is cut", size[0], size[1], name, f)
			}
		}
	}
}

// TestOneCounterFormat: the status line's counter reads "3/9" whether or
// not a filter hides rows; never "2 of 9" beside "1/9".
func TestOneCounterFormat(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	if s := m.summary(); s != "1/5 tokens" {
		t.Fatalf("unfiltered: %q", s)
	}
	f := typeText(press(m, "/"), "lap")
	if s := f.summary(); s != "1/1 shown · 5 tokens" {
		t.Errorf("filtered: %q", s)
	}
	f = press(f, "enter")
	if v := f.View(); strings.Contains(v, " of ") || len(regexp.MustCompile(`\d+/\d+`).FindAllString(v, -1)) != 1 {
		t.Errorf("a counter says \"of\", or two counters show:\n%s", v)
	}
	none := typeText(press(m, "/"), "zzz")
	if s := none.summary(); s != "none shown · 5 tokens" {
		t.Errorf("nothing shown: %q", s)
	}
}

// TestAnalysisTokenBannerSaysWhatItCannotDo: an administrator signed in
// with a Global Analysis Token may still generate their own tokens (n
// works), so the banner names what is closed: other users' tokens.
func TestAnalysisTokenBannerSaysWhatItCannotDo(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), func(o *Options) { o.OwnTokenType = model.TypeGlobal })
	v := m.View()
	if strings.Contains(v, "cannot manage tokens") || !strings.Contains(v, "cannot manage other users' tokens") {
		t.Fatalf("banner:\n%s", v)
	}
	if n := press(m, "n"); n.Mode() != ModeForm {
		t.Fatalf("n: mode %v, want the form", n.Mode())
	}
}

// TestBulkConfirmPluralOfHiddenMarks: "2 marked tokens are hidden", never
// "2 marked token iss hidden".
func TestBulkConfirmPluralOfHiddenMarks(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "R", "space", "space", "/")
	m = press(typeText(m, "kernel"), "enter", "space", "d")
	v := m.View()
	if m.Mode() != ModeConfirm || !strings.Contains(v, "2 marked tokens are hidden by the current filter.") || strings.Contains(v, "iss ") {
		t.Fatalf("confirm:\n%s", v)
	}
}

// TestRefusedKeysSayWhy: a key that changes the server in --read-only, and
// n in the review, say why in the status line instead of doing nothing.
func TestRefusedKeysSayWhy(t *testing.T) {
	t.Parallel()
	ro := adminModel(t, newAdminFake(), func(o *Options) { o.ReadOnly = true })
	for _, k := range []string{"n", "d", "o"} {
		m := press(ro, k)
		if m.Mode() != ModeTable || !strings.Contains(m.Status().Error(), "Read-only session (--read-only): "+k) {
			t.Errorf("read-only %s: mode %v, status %q", k, m.Mode(), m.Status().Error())
		}
	}
	rev := press(ro, "R")
	for _, k := range []string{"space", "a", "d", "o"} {
		m := press(rev, k)
		if m.Review().Table().MarkedCount() != 0 || !strings.Contains(m.Status().Error(), "Read-only session") {
			t.Errorf("read-only review %s: status %q", k, m.Status().Error())
		}
	}
	if m := press(rev, "j"); m.Status().Error() != "" {
		t.Errorf("j is refused: %q", m.Status().Error())
	}
	m := press(adminModel(t, newAdminFake(), nil), "R", "n")
	if m.Mode() != ModeTable || !strings.Contains(m.Status().Error(), "esc for yours, u for another user's") {
		t.Errorf("n in the review: mode %v, status %q", m.Mode(), m.Status().Error())
	}
}

// TestServerMaximumIsNamed: under a server max lifetime the form and the
// rotation say "server maximum: 30 days" rather than silently offering
// shorter choices or a shorter lifetime than the old token's.
func TestServerMaximumIsNamed(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	f.max = model.MaxLifetime{Days: 30}
	m := adminModel(t, f, nil)
	if v := press(m, "n").View(); !strings.Contains(v, "server maximum: 30 days") {
		t.Errorf("form:\n%s", v)
	}
	r := press(m, "j", "j")
	if tok, _ := r.Table().Selected(); tok.Name != "laptop" || tok.ExpiresAt != nil {
		t.Fatalf("selected %q", tok.Name)
	}
	if v := press(r, "o").View(); !strings.Contains(v, "server maximum: 30 days") {
		t.Errorf("rotation of a token that never expires:\n%s", v)
	}
	free := press(adminModel(t, newAdminFake(), nil), "n", "o")
	if strings.Contains(free.View(), "server maximum") {
		t.Errorf("no maximum, yet:\n%s", free.View())
	}
}

// TestNoTypeOrExpiryFiltersOn89: SonarQube 8.9 has neither token types
// (9.5) nor expiry (9.6): the review's help does not offer filters by
// them, pressing their keys says why, and the rotation shows no type or
// expiry.
func TestNoTypeOrExpiryFiltersOn89(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	f.version = model.Version{Major: 8, Minor: 9, Patch: 10, Raw: "8.9.10.61524"}
	for i := range f.tokens {
		f.tokens[i].Type, f.tokens[i].ExpiresAt, f.tokens[i].Expired, f.tokens[i].ProjectKey, f.tokens[i].ProjectName = model.TypeUnknown, nil, false, "", ""
	}
	m := adminModel(t, f, nil)
	rev := press(m, "R")
	help := press(rev, "?").View()
	for _, offer := range []string{"by type", "1 expired", "expiring ≤", "no expiry", "0-6", "else of 2"} {
		if strings.Contains(help, offer) {
			t.Errorf("8.9 help offers %q:\n%s", offer, help)
		}
	}
	if !strings.Contains(help, "4 never used") || !strings.Contains(help, "5 unused") {
		t.Errorf("8.9 help lost the filters that work:\n%s", help)
	}
	if own := press(m, "?").View(); strings.Contains(own, "←/→ choose") {
		t.Errorf("8.9 help offers choices in the form:\n%s", own)
	}
	if s := lastLine(rev); !strings.Contains(s, "0,4-6 filters") {
		t.Errorf("footer %q", s)
	}
	for k, why := range map[string]string{"1": "no token expiry", "2": "no token expiry", "3": "no token expiry", "t": "no token types"} {
		p := press(rev, k)
		if !strings.Contains(p.Status().Error(), why) || p.Review().Table().Shown() != rev.Review().Table().Shown() {
			t.Errorf("%s on 8.9: status %q, %d rows shown", k, p.Status().Error(), p.Review().Table().Shown())
		}
	}
	if v := press(rev, "o").View(); strings.Contains(v, "Type ") || strings.Contains(v, "Expires") {
		t.Errorf("8.9 rotation offers a type or an expiry:\n%s", v)
	}
	// 10.6 keeps them all.
	h := press(adminModel(t, newAdminFake(), nil), "R", "?").View()
	for _, offer := range []string{"by type", "1 expired", "3 no expiry"} {
		if !strings.Contains(h, offer) {
			t.Errorf("10.6 help lacks %q", offer)
		}
	}
}

// squeezed is s without its frame, spaces and line ends: a wrapped name
// reads whole in it.
func squeezed(s string) string {
	return strings.NewReplacer("│", "", "╭", "", "╮", "", "╰", "", "╯", "", "─", "", " ", "", "\n", "").Replace(s)
}

// TestRevealAndRotationNameOwnerAndFullName: acting for another user, the
// reveal and every rotation step name the owner, and a 100-character name
// shows whole (wrapped, never cut), at 80x24 too.
func TestRevealAndRotationNameOwnerAndFullName(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("nightly-build-", 7) + "0123456789abcd" // 112
	long = long[:100]
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		m := adminModel(t, newAdminFake(), nil)
		m = drive(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m = press(m, "u", "down", "down", "enter")
		if m.Login() != "grace" {
			t.Fatalf("login %q", m.Login())
		}
		m = press(typeText(press(m, "n"), long), "enter")
		v := m.View()
		if m.Mode() != ModeReveal || !strings.Contains(v, "Owner") || !strings.Contains(v, "grace") || !strings.Contains(squeezed(v), long) || strings.Contains(v, "…") {
			t.Fatalf("%dx%d reveal:\n%s", size[0], size[1], v)
		}
		m = press(m, "c", "esc")
		for i := 0; i < 5; i++ {
			if tok, _ := m.Table().Selected(); tok.Name == long {
				break
			}
			m = press(m, "j")
		}
		m = press(m, "o")
		v = m.View()
		if !strings.Contains(squeezed(v), "Rotate"+long+"ofgrace") || strings.Contains(v, "…") {
			t.Fatalf("%dx%d rotation step 1:\n%s", size[0], size[1], v)
		}
		m = press(m, "ctrl+u")
		m = press(typeText(m, "short"), "enter")
		v = m.View()
		if !strings.Contains(squeezed(v), "Rotate"+long+"ofgrace") || strings.Contains(v, "…") || (size[0] == 100 && !strings.Contains(v, "Owner")) {
			t.Fatalf("%dx%d rotation step 2:\n%s", size[0], size[1], v)
		}
	}
}

// TestProjectListUsesTheRoom: the generate form lists as many projects as
// the terminal has room for, not four, and still fits.
func TestProjectListUsesTheRoom(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{100, 30}, {80, 24}, {100, 50}} {
		f := newFake()
		f.projects = nil
		for i := range 40 {
			f.projects = append(f.projects, model.Project{Key: fmt.Sprintf("proj-%02d", i), Name: fmt.Sprintf("Proj-%02d", i)})
		}
		m := newModel(t, f, nil, size[0], size[1])
		m = press(typeText(press(m, "n"), "ci"), "tab", "right", "tab")
		v := m.View()
		shown := strings.Count(v, "Proj-")
		// The room: the terminal's height less the header, the status and
		// help lines, and the form's other lines (title, name, type, filter,
		// the chosen project, expiry, keys, blank lines and frame): 21
		// lines in all.
		want := size[1] - 21
		if shown < want || lipglossHeight(v) > size[1] {
			t.Errorf("%dx%d: %d projects listed, want at least %d, view %d lines:\n%s", size[0], size[1], shown, want, lipglossHeight(v), v)
		}
	}
}

func lipglossHeight(s string) int { return strings.Count(s, "\n") + 1 }
