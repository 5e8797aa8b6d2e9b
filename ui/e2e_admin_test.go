package ui

import (
	"context"
	"github.com/sonartoken/sonartoken/ui/common"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// simClientAs returns the real client signed in with token to sim.
func simClientAs(t *testing.T, sim *sonarsim.Server, url, token string) *client.Client {
	t.Helper()
	hc := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := client.New(client.Options{BaseURL: url, Token: model.NewSecret(token), HTTPClient: hc, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

// simAdmin starts sonarsim with opts and returns it with the admin's client.
func simAdmin(t *testing.T, opts sonarsim.Options) (*sonarsim.Server, *client.Client) {
	t.Helper()
	opts.Now = clock
	sim := sonarsim.New(opts)
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(srv.Close)
	return sim, simClientAs(t, sim, srv.URL, sim.AdminToken())
}

func keyOfInfo(ti sonarsim.TokenInfo) string { return ti.Login + "/" + ti.Name }

func keysOf(ts []model.Token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Login + "/" + t.Name
	}
	sort.Strings(out)
	return out
}

// expectedSets classifies sonarsim's own state at the test clock,
// independently of the console: expired, expiring within 7 days, never
// used.
func expectedSets(sim *sonarsim.Server) (expired, expiring, never []string) {
	now := testNow
	for _, ti := range sim.AllTokens() {
		switch {
		case ti.ExpiresAt != nil && ti.ExpiresAt.Before(now):
			expired = append(expired, keyOfInfo(ti))
		case ti.ExpiresAt != nil && ti.ExpiresAt.Sub(now) <= 7*24*time.Hour:
			expiring = append(expiring, keyOfInfo(ti))
		}
		if ti.LastUsed == nil {
			never = append(never, keyOfInfo(ti))
		}
	}
	sort.Strings(expired)
	sort.Strings(expiring)
	sort.Strings(never)
	return expired, expiring, never
}

func reviewModel(t *testing.T, c Service, concurrency int) Model {
	t.Helper()
	m := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Review: true, Concurrency: concurrency, Clipboard: &fakeClipboard{}}, 100, 30)
	if m.Page() != PageReview || m.Review().State() != review.StateDone {
		t.Fatalf("page %v, review %v, error %q", m.Page(), m.Review().State(), m.Status().Error())
	}
	return m
}

// TestEndToEndReviewFindsSeededTokens checks that --review of a seeded
// sonarsim finds exactly the expired, expiring and never-used tokens of
// the server's state, in the summary and through the quick filters.
func TestEndToEndReviewFindsSeededTokens(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 7, Users: 30, Tokens: 120})
	m := reviewModel(t, c, 4)
	// After the console signed in: its own token now has a last use.
	expired, expiring, never := expectedSets(sim)
	if len(expired) == 0 || len(expiring) == 0 || len(never) == 0 {
		t.Fatalf("seed without every kind: %d %d %d", len(expired), len(expiring), len(never))
	}
	s := m.Review().Summary()
	if s.Total != len(sim.AllTokens()) || s.Expired != len(expired) || s.Expiring != len(expiring) || s.NeverUsed != len(never) {
		t.Fatalf("summary %+v, server: %d tokens, %d expired, %d expiring, %d never used",
			s, len(sim.AllTokens()), len(expired), len(expiring), len(never))
	}
	for _, tc := range []struct {
		key  string
		want []string
	}{{"1", expired}, {"2", expiring}, {"4", never}} {
		m = press(m, tc.key)
		if got := keysOf(m.Review().Table().ShownTokens()); !slices.Equal(got, tc.want) {
			t.Errorf("quick filter %s shows %v, want %v", tc.key, got, tc.want)
		}
		m = press(m, "0")
	}
}

// TestEndToEndBulkRevokeExpired revokes every expired token of a seeded
// server through the review and checks that the server received exactly
// the revocations the confirmation listed, and keeps every other token.
func TestEndToEndBulkRevokeExpired(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 7, Users: 30, Tokens: 120})
	expired, _, _ := expectedSets(sim)
	var others []string
	for _, ti := range sim.AllTokens() {
		if !slices.Contains(expired, keyOfInfo(ti)) {
			others = append(others, keyOfInfo(ti))
		}
	}
	sort.Strings(others)
	m := reviewModel(t, c, 3)
	m = press(m, "1", "a")
	if m.Review().Table().MarkedCount() != len(expired) {
		t.Fatalf("marked %d, want %d", m.Review().Table().MarkedCount(), len(expired))
	}
	m = press(m, "d")
	if m.Mode() != ModeConfirm || !strings.Contains(m.View(), "Revoke "+common.Plural(len(expired), "token")) {
		t.Fatalf("no bulk confirmation:\n%s", m.View())
	}
	sim.ResetRequests()
	m = press(m, "y")
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked "+itoa(len(expired))+" of") {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	var sent []string
	for _, r := range sim.Requests() {
		if strings.HasSuffix(r.Path, "api/user_tokens/revoke") {
			login := r.Params.Get("login")
			if login == "" {
				login = r.Login
			}
			sent = append(sent, login+"/"+r.Params.Get("name"))
		}
	}
	sort.Strings(sent)
	if !slices.Equal(sent, expired) {
		t.Fatalf("server received revokes %v, want exactly %v", sent, expired)
	}
	var left []string
	for _, ti := range sim.AllTokens() {
		left = append(left, keyOfInfo(ti))
	}
	sort.Strings(left)
	if !slices.Equal(left, others) {
		t.Fatalf("left %v, want %v", left, others)
	}
	m = press(m, "esc")
	if m.Review().Table().Len() != len(others) || m.Review().Summary().Expired != 0 {
		t.Fatalf("review lists %d tokens (%d expired)", m.Review().Table().Len(), m.Review().Summary().Expired)
	}
}

func itoa(n int) string {
	return strings.TrimSuffix(strings.TrimSuffix(common.Plural(n, "x"), " x"), " xs")
}

// rotateSim rotates the admin's token name through the console up to the
// reveal and returns the model there.
func rotateToReveal(t *testing.T, m Model, name string) Model {
	t.Helper()
	m.table.SelectName(name)
	m = press(m, "o")
	if m.Mode() != ModeRotate || m.Rotation().Step() != rotate.StepPlan {
		t.Fatalf("o: mode %v:\n%s", m.Mode(), m.View())
	}
	m = press(m, "enter")
	if m.Rotation().Step() != rotate.StepReveal {
		t.Fatalf("enter: step %v:\n%s", m.Rotation().Step(), m.View())
	}
	return m
}

// TestEndToEndRotation rotates a project token and a user token: exactly
// one new token with the same type, project and lifetime, and the old one
// gone.
func TestEndToEndRotation(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 1})
	m := newModel(t, c, &fakeClipboard{method: clipboard.OSC52}, 100, 30)
	for _, name := range []string{"scan-payments-api", "laptop-2023"} {
		before := sim.Tokens("admin")
		old, ok := simToken(sim, name)
		if !ok {
			t.Fatalf("seed lacks %s", name)
		}
		m = rotateToReveal(t, m, name)
		m = press(m, "c", "y")
		if m.Rotation().Step() != rotate.StepDone {
			t.Fatalf("y: step %v:\n%s", m.Rotation().Step(), m.View())
		}
		m = press(m, "enter")
		after := sim.Tokens("admin")
		if _, ok := simToken(sim, name); ok {
			t.Fatalf("%s was not revoked", name)
		}
		if len(after) != len(before) {
			t.Fatalf("%d tokens before, %d after", len(before), len(after))
		}
		newName := "" + name + "-20261126"
		nt, ok := simToken(sim, newName)
		if !ok {
			t.Fatalf("no %s among %v", newName, after)
		}
		if nt.Type != old.Type || nt.ProjectKey != old.ProjectKey {
			t.Fatalf("new %+v, old %+v", nt, old)
		}
		wantDays := model.LifetimeOf(model.Token{CreatedAt: old.CreatedAt, ExpiresAt: old.ExpiresAt}, model.MaxLifetime{}).Days
		gotDays := int(nt.ExpiresAt.Sub(model.DateOf(testNow)).Hours() / 24)
		if gotDays != wantDays {
			t.Fatalf("new lifetime %d days, old %d", gotDays, wantDays)
		}
		if selected(t, m) != newName {
			t.Fatalf("table selects %q", selected(t, m))
		}
	}
}

// TestEndToEndRotationInterrupted quits right after generating (ctrl+c
// asks first, since nothing was copied): the old token stays, the new one exists, and nothing was revoked.
func TestEndToEndRotationInterrupted(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	for _, quit := range []string{"ctrl+c", "esc-esc"} {
		sim, c := simAdmin(t, sonarsim.Options{Seed: 1})
		m := newModel(t, c, &fakeClipboard{}, 100, 30)
		m = rotateToReveal(t, m, "release-bot")
		if quit == "ctrl+c" {
			nm, cmd := m.Update(keyMsg("ctrl+c"))
			m = nm.(Model)
			if isQuit(cmd) || !strings.Contains(flat(m.View()), "Press ctrl+c again to quit anyway") {
				t.Fatalf("the first ctrl+c on an uncopied value should ask:\n%s", m.View())
			}
			_, cmd = m.Update(keyMsg("ctrl+c"))
			if !isQuit(cmd) {
				t.Fatal("the second ctrl+c does not quit")
			}
		} else {
			m = press(m, "esc", "esc")
			if m.Rotation().Step() != rotate.StepStopped || !strings.Contains(m.View(), "Both tokens exist") {
				t.Fatalf("esc esc:\n%s", m.View())
			}
		}
		if _, ok := simToken(sim, "release-bot"); !ok {
			t.Fatalf("%s: the old token was revoked", quit)
		}
		if _, ok := simToken(sim, "release-bot-20261126"); !ok {
			t.Fatalf("%s: the new token is missing", quit)
		}
		for _, r := range sim.Requests() {
			if strings.HasSuffix(r.Path, "api/user_tokens/revoke") {
				t.Fatalf("%s: a revoke was sent", quit)
			}
		}
	}
}

// TestEndToEndNonAdmin signs in as a user without Administer System: no
// admin key in the help, u and R refused with the reason, no user search.
func TestEndToEndNonAdmin(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim := sonarsim.New(sonarsim.Options{Seed: 1, Now: clock})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(srv.Close)
	if err := sim.AddUser(sonarsim.UserSpec{Login: "dev", Name: "Dev Eloper", Scan: true}); err != nil {
		t.Fatal(err)
	}
	value, err := sim.IssueToken(sonarsim.TokenSpec{Login: "dev", Name: "console"})
	if err != nil {
		t.Fatal(err)
	}
	c := simClientAs(t, sim, srv.URL, value)
	m := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, OwnTokenType: model.TypeUser}, 100, 30)
	if m.isAdmin() {
		t.Fatal("dev is not an administrator")
	}
	m = press(m, "?")
	help := m.View()
	for _, hidden := range []string{"users", "review", "R "} {
		if strings.Contains(help, hidden) {
			t.Fatalf("non-admin help shows %q:\n%s", hidden, help)
		}
	}
	m = press(m, "esc")
	for _, k := range []string{"u", "R"} {
		m = press(m, k)
		if m.Mode() != ModeTable || m.Page() != PageTokens || !strings.Contains(m.Status().Error(), "Administer System") {
			t.Fatalf("%s: mode %v page %v error %q", k, m.Mode(), m.Page(), m.Status().Error())
		}
	}
	m = newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Review: true}, 100, 30)
	if m.Page() != PageTokens || !strings.Contains(m.Status().Error(), "--review") {
		t.Fatalf("--review as non-admin: page %v, error %q", m.Page(), m.Status().Error())
	}
	for _, r := range sim.Requests() {
		if strings.Contains(r.Path, "api/users/search") {
			t.Fatal("a non-admin console listed users")
		}
	}
}

// TestEndToEndOtherUser opens another user's tokens through the picker,
// generates a token for them (User only, said in the form) and revokes it.
func TestEndToEndOtherUser(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 1})
	var owner string
	for _, ti := range sim.AllTokens() {
		if ti.Login != "admin" {
			owner = ti.Login
			break
		}
	}
	m := newModel(t, c, &fakeClipboard{}, 100, 30)
	m = press(m, "u")
	if m.Mode() != ModePicker || m.Picker().Loading() {
		t.Fatalf("u: mode %v:\n%s", m.Mode(), m.View())
	}
	m = typeText(m, owner)
	if us := m.Picker().Matches(); len(us) != 1 || us[0].Login != owner {
		t.Fatalf("picker shows %v", us)
	}
	m = press(m, "enter")
	if m.Mode() != ModeTable || m.Login() != owner || m.Table().Len() != len(sim.Tokens(owner)) {
		t.Fatalf("login %q, %d tokens:\n%s", m.Login(), m.Table().Len(), m.View())
	}
	m = press(m, "n")
	if v := m.View(); !strings.Contains(v, "for "+owner) || !strings.Contains(v, "User Token") || strings.Contains(v, "Global") {
		t.Fatalf("form for another user:\n%s", v)
	}
	if m.Form().Type() != model.TypeUser || m.Form().Focused() != create.FieldName {
		t.Fatal("form should offer User tokens only")
	}
	m = typeText(m, "granted")
	m = press(m, "enter", "c", "enter")
	if _, ok := findInfo(sim.Tokens(owner), "granted"); !ok {
		t.Fatal("not generated for the owner")
	}
	m = press(m, "d", "y")
	if _, ok := findInfo(sim.Tokens(owner), "granted"); ok {
		t.Fatal("not revoked")
	}
	m = press(m, "esc")
	if m.Login() != "" || m.Table().Len() != len(sim.Tokens("admin")) {
		t.Fatalf("esc: login %q, %d tokens", m.Login(), m.Table().Len())
	}
}

func findInfo(ts []sonarsim.TokenInfo, name string) (sonarsim.TokenInfo, bool) {
	for _, ti := range ts {
		if ti.Name == name {
			return ti, true
		}
	}
	return sonarsim.TokenInfo{}, false
}

// TestReviewScanBounded checks that the review's token searches stay
// within --concurrency and skip users whose tokensCount is 0.
func TestReviewScanBounded(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 3, Users: 80, Tokens: 150, TokenUserRatio: 0.5, Latency: 4 * time.Millisecond})
	sim.ResetRequests()
	withTokens := map[string]bool{}
	for _, ti := range sim.AllTokens() {
		withTokens[ti.Login] = true
	}
	m := reviewModel(t, c, 3)
	if peak := sim.MaxConcurrent("/api/user_tokens/search"); peak > 3 || peak < 2 {
		t.Fatalf("peak of %d token searches at once, want 2 or 3", peak)
	}
	searched := map[string]int{}
	for _, r := range sim.Requests() {
		if strings.HasSuffix(r.Path, "api/user_tokens/search") && r.Params.Get("login") != "" { // "": the console's own list
			searched[r.Params.Get("login")]++
		}
	}
	for login, n := range searched {
		if !withTokens[login] || n != 1 {
			t.Errorf("searched %q %d times (has tokens: %v)", login, n, withTokens[login])
		}
	}
	if len(searched) != len(withTokens) || m.Review().Table().Len() != len(sim.AllTokens()) {
		t.Fatalf("searched %d users of %d with tokens; %d rows of %d", len(searched), len(withTokens), m.Review().Table().Len(), len(sim.AllTokens()))
	}
}

// TestEndToEndBulkRevokeSignsOutAtOnce: a bulk revocation that takes the
// console's own token (every token of the server, over HTTP) signs the
// console out as soon as its report is closed, with no key and no request
// of the user's after it: the console asks who is signed in once a token
// that may be its own is revoked. It left an empty review under a
// signed-in header until the next request.
func TestEndToEndBulkRevokeSignsOutAtOnce(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 7, Users: 30, Tokens: 120})
	m := reviewModel(t, c, 3)
	m = press(m, "0", "a", "d")
	n := m.Review().Table().MarkedCount()
	if n != len(sim.AllTokens()) {
		t.Fatalf("marked %d of %d", n, len(sim.AllTokens()))
	}
	m, _ = driveCounting(m, confirmBulk(m, n)...)
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked "+itoa(n)+" of") {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	if m.SignedOut() != nil {
		t.Fatal("signed out while the report is on screen")
	}
	m = press(m, "esc")
	if m.SignedOut() == nil {
		t.Fatalf("closing the report did not sign out:\n%s", m.View())
	}
}
