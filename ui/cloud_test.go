package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// cloudFake is the fake server playing SonarQube Cloud: Cloud's
// capabilities (no types, no projects, expiration), and ada's tokens at
// various distances from Cloud's 60-day removal.
type cloudFake struct {
	*fakeService
	scans int // ScanAllTokens calls: none may reach Cloud
}

func (c *cloudFake) Capabilities() model.Capabilities { return model.CloudCapabilities() }

func (c *cloudFake) ScanAllTokens(ctx context.Context, o client.ScanOptions) <-chan client.ScanBatch {
	c.scans++
	return c.fakeService.ScanAllTokens(ctx, o)
}

const cloudDay = 24 * time.Hour

func newCloudFake() *cloudFake {
	f := newAdminFake() // an administrator on Server: Cloud still closes u and R
	f.tokens = []model.Token{
		{Login: "ada", Name: "ci-nightly", CreatedAt: testNow.Add(-120 * cloudDay), LastUsed: ptime(testNow.Add(-50 * cloudDay))},
		{Login: "ada", Name: "never-used", CreatedAt: testNow.Add(-55 * cloudDay)},
		{Login: "ada", Name: "laptop", CreatedAt: testNow.Add(-200 * cloudDay), LastUsed: ptime(testNow.Add(-2 * time.Hour)), ExpiresAt: ptime(day(2027, 6, 1))},
		{Login: "ada", Name: "rarely-built-repository-of-the-payments-team", CreatedAt: testNow.Add(-300 * cloudDay), LastUsed: ptime(testNow.Add(-59*cloudDay - time.Hour))},
		{Login: "ada", Name: "gone-stale", CreatedAt: testNow.Add(-90 * cloudDay), LastUsed: ptime(testNow.Add(-61 * cloudDay))},
	}
	return &cloudFake{fakeService: f}
}

func cloudModel(t *testing.T, f *cloudFake, w, h int) Model {
	t.Helper()
	return newModelOpts(t, Options{Service: f, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser}, w, h)
}

// TestCloudTable: on Cloud the table has no Type or Project column but a
// Removal one, which says when each token goes if unused, by the clock:
// last used 50 days ago, removed in 10 days.
func TestCloudTable(t *testing.T) {
	t.Parallel()
	m := cloudModel(t, newCloudFake(), 120, 30)
	view := m.View()
	header := strings.SplitN(view, "\n", 2)[0]
	if !strings.Contains(header, "SonarQube Cloud") || strings.Contains(header, "10.6") {
		t.Errorf("header %q", header)
	}
	for _, no := range []string{"Type", "Project"} {
		if strings.Contains(view, " "+no+" ") {
			t.Errorf("column %s on Cloud:\n%s", no, view)
		}
	}
	for _, want := range []string{
		"Removal",
		"ci-nightly", "removed in 10 days if unused",
		"never-used", "removed in 5 days if unused",
		"laptop", "removed in 60 days if unused",
		"removed in 1 day if unused",
		"gone-stale", "due for removal",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("no %q in:\n%s", want, view)
		}
	}
	// Narrow, the Removal column takes its short form before any name is
	// cut, and stays.
	n := drive(m, tea.WindowSizeMsg{Width: 50, Height: 15})
	if v := n.View(); !strings.Contains(v, "in 10 days") || strings.Contains(v, "removed in 10 days") || !strings.Contains(v, "Removal") {
		t.Errorf("at 50x15:\n%s", v)
	}
}

// TestCloudClosesOtherUsers: u, R and --review say why they are closed
// on Cloud, change no page, and send nothing; the help says why too.
func TestCloudClosesOtherUsers(t *testing.T) {
	t.Parallel()
	f := newCloudFake()
	m := cloudModel(t, f, 100, 30)
	for _, k := range []string{"R", "u"} {
		p := press(m, k)
		if e := p.Status().Error(); !strings.Contains(e, model.CloudOwnTokensOnly) {
			t.Errorf("%s: status %q", k, e)
		}
		if p.Page() != PageTokens || p.Mode() != ModeTable {
			t.Errorf("%s opened page %v, mode %v", k, p.Page(), p.Mode())
		}
	}
	if f.scans != 0 {
		t.Errorf("%d scans sent to Cloud", f.scans)
	}
	rv := newModelOpts(t, Options{Service: f, Now: clock, StaticCursor: true, OwnTokenType: model.TypeUser, Review: true}, 100, 30)
	if e := rv.Status().Error(); rv.Page() != PageTokens || !strings.Contains(e, "--review: "+model.CloudOwnTokensOnly) {
		t.Errorf("--review: page %v, status %q", rv.Page(), e)
	}
	help := press(m, "?").View()
	if !strings.Contains(help, "R (review) are closed") || !strings.Contains(help, "60 days") {
		t.Errorf("help:\n%s", help)
	}
}

// TestCloudForm: n asks a name and an expiration only; the request sent
// has neither type nor project.
func TestCloudForm(t *testing.T) {
	t.Parallel()
	f := newCloudFake()
	m := press(cloudModel(t, f, 100, 30), "n")
	if m.Mode() != ModeForm {
		t.Fatalf("mode %v", m.Mode())
	}
	if n := m.Form().Fields(); n != 2 {
		t.Errorf("%d fields, want name and expiration", n)
	}
	v := m.View()
	if strings.Contains(v, "Type") || strings.Contains(v, "Project") || !strings.Contains(v, "Expires in") {
		t.Errorf("form:\n%s", v)
	}
	m = press(m, "tab")
	if m.Form().Focused() != create.FieldExpires {
		t.Errorf("tab goes to %v", m.Form().Focused())
	}
	m = press(typeText(press(m, "shift+tab"), "deploy"), "enter")
	if m.Mode() != ModeReveal || len(f.generated) != 1 {
		t.Fatalf("mode %v, generated %+v", m.Mode(), f.generated)
	}
	r := f.generated[0]
	if r.Name != "deploy" || r.ProjectKey != "" || (r.Type != model.TypeUnknown && r.Type != model.TypeUser) || r.ExpiresOn.IsZero() {
		t.Errorf("request %+v", r)
	}
}

// TestCloudDetail: the detail view says when the token goes, and why.
func TestCloudDetail(t *testing.T) {
	t.Parallel()
	m := press(cloudModel(t, newCloudFake(), 100, 40), "enter") // ci-nightly, first by name
	v := m.View()
	for _, want := range []string{"Removal", "removed in 10 days if unused", "2026-12-06", "not been used for 60 days", "never used"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
}

// TestRotationRefusedNewToken: a new token the server does not sign in is
// revoked at once, its value never shown, the old one kept, and the
// dialog says why and what to do; the check asked for the signed-in user.
func TestRotationRefusedNewToken(t *testing.T) {
	t.Parallel()
	f := newFake()
	f.fail("CheckToken", &client.TokenCheckError{Refused: true, Status: 401, Reason: "the server refused the new token (HTTP 401)"})
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m.table.SelectName("laptop")
	m = press(m, "o")
	if m.Mode() != ModeRotate {
		t.Fatalf("mode %v", m.Mode())
	}
	m = press(m, "enter")
	r := m.Rotation()
	if r.Step() != rotate.StepUnchecked {
		t.Fatalf("step %v:\n%s", r.Step(), m.View())
	}
	if len(f.checked) != 1 || f.checked[0] != "ada" {
		t.Errorf("checked against %q", f.checked)
	}
	if len(f.revoked) != 1 || !strings.HasPrefix(f.revoked[0], "laptop-") {
		t.Errorf("revoked %q: only the new token may go", f.revoked)
	}
	names := strings.Join(m.Table().Names(), " ")
	if !strings.Contains(names, "laptop") || strings.Contains(names, "laptop-") {
		t.Errorf("table lists %s", names)
	}
	v := m.View()
	for _, want := range []string{"does not sign in", "HTTP 401", "revoked before its value was shown", "kept unchanged", "rotate again with o"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
	if strings.Contains(v, "squ_") {
		t.Errorf("the unchecked value shows:\n%s", v)
	}
	if m = press(m, "esc"); m.Mode() != ModeTable {
		t.Errorf("esc: mode %v", m.Mode())
	}
	if log := press(m, "!").View(); !strings.Contains(log, "it was revoked unseen; the old token is kept") {
		t.Errorf("message log:\n%s", log)
	}
}

// TestRotationUncheckedUndoFails: when revoking the new token fails too,
// both exist, and the dialog says to revoke the new one with d.
func TestRotationUncheckedUndoFails(t *testing.T) {
	t.Parallel()
	f := newFake()
	f.fail("CheckToken", &client.TokenCheckError{Reason: "no answer from the server (connection reset)"})
	f.fail("Revoke", errors.New("connection reset"))
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m.table.SelectName("laptop")
	m = press(m, "o", "enter")
	v := m.View()
	for _, want := range []string{"could not be checked", "Both tokens exist", "with d"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
	if names := strings.Join(m.Table().Names(), " "); !strings.Contains(names, "laptop-") {
		t.Errorf("the new token, which still exists, is not listed: %s", names)
	}
}

// TestRotationCheckedSaysSo: a new token that signs in is shown with the
// check's outcome, and y revokes the old one.
func TestRotationCheckedSaysSo(t *testing.T) {
	t.Parallel()
	f := newFake()
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m.table.SelectName("laptop")
	m = press(m, "o", "enter")
	if !strings.Contains(m.View(), "Checked: it signs in as ada.") {
		t.Fatalf("reveal:\n%s", m.View())
	}
	m = press(m, "c", "y")
	if m.Rotation().Step() != rotate.StepDone {
		t.Errorf("step %v", m.Rotation().Step())
	}
}

// signInFake is the administrators' fake whose user listing gives last
// sign-ins (signIns set) or none.
type signInFake struct {
	*fakeService
	signIns map[string]*time.Time // by login; a login absent never signed in
	report  bool                  // the listing carries dates
}

func (s *signInFake) ScanAllTokens(ctx context.Context, o client.ScanOptions) <-chan client.ScanBatch {
	in := s.fakeService.ScanAllTokens(ctx, client.ScanOptions{})
	out := make(chan client.ScanBatch)
	go func() {
		defer close(out)
		p := client.ScanProgress{UsersTotal: len(s.users), SignInsReported: s.report}
		for _, u := range s.users {
			if u.TokensCount != nil && *u.TokensCount == 0 {
				p.UsersScanned++
			}
		}
		for b := range in {
			if s.report {
				for i := range b.Tokens {
					b.Tokens[i].Owner = &model.OwnerActivity{LastSignIn: s.signIns[b.Login]}
				}
			}
			p.UsersScanned++
			if o.OnProgress != nil {
				o.OnProgress(p)
			}
			out <- b
		}
		if o.OnProgress != nil {
			o.OnProgress(p)
		}
	}()
	return out
}

// TestReviewOwnerFilter: filter 6 keeps the tokens of owners not signed
// in for more than 90 days (never included), the Signed in column shows,
// +/- change the days, and the detail view shows the sign-in.
func TestReviewOwnerFilter(t *testing.T) {
	t.Parallel()
	f := &signInFake{fakeService: newAdminFake(), report: true, signIns: map[string]*time.Time{
		"ada":   ptime(testNow.Add(-time.Hour)),
		"linus": ptime(testNow.Add(-120 * cloudDay)), // left: 2 tokens
		// grace never signed in: 2 tokens
	}}
	m := press(newModelOpts(t, Options{Service: f, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser}, 140, 40), "R")
	if m.Review().Loading() {
		t.Fatal("scan not done")
	}
	if v := m.View(); !strings.Contains(v, "4 owner away >90d") {
		t.Errorf("review:\n%s", v)
	}
	m = press(m, "6")
	if n := m.Review().Table().Shown(); n != 4 {
		t.Errorf("filter 6 shows %d tokens, want 4", n)
	}
	// The long name of ada's took Signed in away at 140 columns: the
	// filter about it brings it back.
	if v := m.View(); !strings.Contains(v, "owner not signed in for more than 90 days") || !strings.Contains(v, "Signed in") ||
		!strings.Contains(v, "2026-07-29") || !strings.Contains(v, "never") {
		t.Errorf("filter 6:\n%s", v)
	}
	for _, tok := range m.Review().Table().ShownTokens() {
		if tok.Login == "ada" {
			t.Errorf("ada signed in an hour ago: %s shown", tok.Name)
		}
	}
	m = press(m, "+") // 180 days: linus (120) is no longer away
	if n := m.Review().Table().Shown(); n != 2 || !strings.Contains(m.View(), "more than 180 days") {
		t.Errorf("at 180 days %d shown:\n%s", n, m.View())
	}
	m = press(m, "enter")
	if v := m.View(); !strings.Contains(v, "Signed in") || !strings.Contains(v, "owner never signed in") {
		t.Errorf("detail:\n%s", v)
	}
	// Narrow, Signed in stays while filter 6 is on.
	narrow := drive(press(m, "esc"), tea.WindowSizeMsg{Width: 60, Height: 20})
	if v := narrow.View(); !strings.Contains(v, "Signed in") {
		t.Errorf("at 60 columns with filter 6:\n%s", v)
	}
	// 0 clears the filter: Signed in goes first again, before a login is cut.
	if v := press(narrow, "0").View(); strings.Contains(v, "Signed in") {
		t.Errorf("at 60 columns after 0, Signed in still pinned:\n%s", v)
	}
}

// TestReviewOwnerFilterWithoutSignIns: a listing without any sign-in
// makes filter 6 say why it cannot count, never count everyone, and the
// table has no Signed in column.
func TestReviewOwnerFilterWithoutSignIns(t *testing.T) {
	t.Parallel()
	f := &signInFake{fakeService: newAdminFake()}
	m := press(newModelOpts(t, Options{Service: f, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser}, 140, 40), "R")
	all := m.Review().Table().Shown()
	p := press(m, "6")
	if e := p.Status().Error(); !strings.Contains(e, "gave no user's last sign-in") || !strings.Contains(e, "counts no one rather than everyone") {
		t.Errorf("status %q", e)
	}
	if q, _, _ := p.Review().Filters(); q != 0 || p.Review().Table().Shown() != all {
		t.Errorf("filter %v, %d of %d shown", q, p.Review().Table().Shown(), all)
	}
	if v := p.View(); strings.Contains(v, "Signed in") || strings.Contains(v, "owner away") {
		t.Errorf("review without sign-ins:\n%s", v)
	}
}
