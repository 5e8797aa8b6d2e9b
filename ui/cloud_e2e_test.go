package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// simCloud starts sonarsim playing SonarQube Cloud (seeded, by the test
// clock) over loopback HTTP, and the real client told it is Cloud, as
// SONARTOKEN_CLOUD tells the commands.
func simCloud(t *testing.T, opts sonarsim.Options) (*sonarsim.Server, *client.Client) {
	t.Helper()
	opts.Cloud, opts.Now = true, clock
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	return simWith(t, opts, true)
}

func requestsLogged(sim *sonarsim.Server, path string) []sonarsim.Request {
	var out []sonarsim.Request
	for _, q := range sim.Requests() {
		if q.Path == path {
			out = append(out, q)
		}
	}
	return out
}

// TestEndToEndCloud runs the console against sim --cloud: the table has
// no Type or Project column, ci-nightly (last used 50 days ago by the
// server's clock) shows "removed in 10 days if unused", n sends a name
// and an expiration only, as Bearer, and R says why it is closed without
// sending anything.
func TestEndToEndCloud(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simCloud(t, sonarsim.Options{})
	// The server's own state, read apart from the console: the last use
	// that makes the 10 days.
	info, ok := simToken(sim, "ci-nightly")
	if !ok || info.LastUsed == nil || testNow.Sub(*info.LastUsed) != 50*24*time.Hour {
		t.Fatalf("the Cloud seed changed: %+v", info)
	}
	m := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}}, 120, 30)
	if e := m.Status().Error(); e != "" || m.Table().Len() == 0 {
		t.Fatalf("first load: %d tokens, error %q", m.Table().Len(), e)
	}
	view := m.View()
	lines := strings.Split(view, "\n")
	var titles, row string
	for _, l := range lines {
		if strings.Contains(l, "Name") && titles == "" {
			titles = l
		}
		if strings.Contains(l, "ci-nightly") {
			row = l
		}
	}
	if strings.Contains(titles, "Type") || strings.Contains(titles, "Project") || !strings.Contains(titles, "Removal") {
		t.Errorf("titles %q", titles)
	}
	if !strings.Contains(row, "removed in 10 days if unused") {
		t.Errorf("ci-nightly's row %q in:\n%s", row, view)
	}
	if !strings.Contains(lines[0], "SonarQube Cloud") {
		t.Errorf("header %q", lines[0])
	}

	// R and u: closed, with the reason, and nothing sent.
	sim.ResetRequests()
	for _, k := range []string{"R", "u"} {
		p := press(m, k)
		if e := p.Status().Error(); !strings.Contains(e, model.CloudOwnTokensOnly) || p.Page() != PageTokens {
			t.Errorf("%s: page %v, status %q", k, p.Page(), e)
		}
	}
	if qs := sim.Requests(); len(qs) != 0 {
		t.Errorf("R and u sent %d requests: %+v", len(qs), qs)
	}

	// n: a name and an expiration, nothing else.
	m = press(m, "n")
	if n := m.Form().Fields(); n != 2 {
		t.Fatalf("the form has %d fields:\n%s", n, m.View())
	}
	m = press(typeText(m, "deploy"), "enter")
	if m.Mode() != ModeReveal {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	gen := requestsLogged(sim, "/api/user_tokens/generate")
	if len(gen) != 1 || len(gen[0].Params) != 2 || gen[0].Params.Get("name") != "deploy" ||
		gen[0].Params.Get("expirationDate") != "2026-12-26" || gen[0].Auth != "bearer" {
		t.Fatalf("the server received %+v", gen)
	}
	if info, ok := simToken(sim, "deploy"); !ok || info.ExpiresAt == nil {
		t.Fatalf("sonarsim has %+v (%v)", info, ok)
	}
	m = press(m, "c", "esc")
	if v := m.View(); !strings.Contains(v, "deploy") || !strings.Contains(v, "removed in 60 days if unused") {
		t.Errorf("the new token's row:\n%s", v)
	}

	// e writes Cloud's removal day, as list --format csv does there.
	path := filepath.Join(t.TempDir(), "cloud.csv")
	exportTo(t, m, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(strings.SplitN(string(b), "\n", 2)[0], ",cloudRemovalDate") || !strings.Contains(string(b), "ci-nightly,") ||
		!strings.Contains(string(b), "2026-12-06T12:00:00Z") {
		t.Errorf("export:\n%s", b)
	}
}

// TestEndToEndCloudRotationRefused: against sim --cloud
// --refuse-new-tokens, a rotation's new token does not sign in: the
// console revokes it, keeps the old one, and says so; the check went to
// the same server.
func TestEndToEndCloudRotationRefused(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simCloud(t, sonarsim.Options{RefuseNewTokens: true})
	m := newModelOpts(t, Options{Service: c, Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}}, 100, 30)
	m.table.SelectName("ci-nightly")
	sim.ResetRequests()
	m = press(m, "o", "enter")
	if m.Rotation().Step() != rotate.StepUnchecked {
		t.Fatalf("step %v:\n%s", m.Rotation().Step(), m.View())
	}
	if _, ok := simToken(sim, "ci-nightly"); !ok {
		t.Error("the old token is gone from the server")
	}
	var names []string
	for _, ti := range sim.Tokens("admin") {
		names = append(names, ti.Name)
	}
	if slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "ci-nightly-") }) {
		t.Errorf("the refused new token is still on the server: %q", names)
	}
	checks := requestsLogged(sim, "/api/users/current")
	if len(checks) == 0 || checks[len(checks)-1].Status != http.StatusUnauthorized || checks[len(checks)-1].Auth != "bearer" {
		t.Errorf("the check requests %+v", checks)
	}
	v := m.View()
	for _, want := range []string{"does not sign in", "HTTP 401", "kept unchanged", "rotate again with o"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
	m = press(m, "esc")
	if !slices.Contains(m.Table().Names(), "ci-nightly") {
		t.Errorf("the table lost the old token: %q", m.Table().Names())
	}
}

// TestEndToEndReviewOwnerAway: the review of sim --users 200 counts, in
// filter 6, exactly the tokens whose owner's last sign-in, read from the
// server's user listing over HTTP apart from the console, is more than
// 90 days before the server's clock or absent.
func TestEndToEndReviewOwnerAway(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 5, Users: 200})
	want, owners := ownersAwayOverHTTP(t, c.BaseURL(), sim.AdminToken(), 90*24*time.Hour)
	if len(want) == 0 || len(owners) == 0 {
		t.Fatal("the seed has no owner who left")
	}
	t.Logf("the server's listing: %d tokens of %d owners not signed in for more than 90 days, of %d tokens", len(want), len(owners), len(sim.AllTokens()))
	m := reviewModel(t, c, 8)
	tokensAway, days := m.Review().OwnerAway()
	if !m.Review().SignInsReported() || tokensAway != len(want) || days != 90 {
		t.Errorf("the review counts %d tokens of owners away >%dd (reported %v), the server's listing %d",
			tokensAway, days, m.Review().SignInsReported(), len(want))
	}
	if v := m.View(); !strings.Contains(v, fmt.Sprintf("%d owner away >90d", len(want))) {
		t.Errorf("summary:\n%s", v)
	}
	m = press(m, "6")
	got := keysOf(m.Review().Table().ShownTokens())
	if !slices.Equal(got, want) {
		t.Errorf("filter 6 shows %d tokens, the server's listing makes %d:\n got %v\nwant %v", len(got), len(want), got, want)
	}
	shownOwners := map[string]bool{}
	for _, tok := range m.Review().Table().ShownTokens() {
		shownOwners[tok.Login] = true
	}
	if len(shownOwners) != len(owners) {
		t.Errorf("filter 6 shows the tokens of %d users, the server's listing %d", len(shownOwners), len(owners))
	}
	if v := m.View(); !strings.Contains(v, "owner not signed in for more than 90 days") || !strings.Contains(v, "Signed in") {
		t.Errorf("filter 6:\n%s", v)
	}
}

// ownersAwayOverHTTP reads every user of the server from
// api/users/search (lastConnectionDate, sonarLintLastConnectionDate: the
// later counts), and the tokens of those not signed in within d of the
// test clock from api/user_tokens/search: their keys (login/name), sorted,
// and the owners'.
func ownersAwayOverHTTP(t *testing.T, base, token string, d time.Duration) ([]string, []string) {
	t.Helper()
	get := func(path string, q url.Values, into any) {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, strings.TrimSuffix(base, "/")+"/"+path+"?"+q.Encode(), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth(token, "")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: HTTP %d", path, resp.StatusCode)
		}
		if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
			t.Fatal(err)
		}
	}
	parse := func(s string) *time.Time {
		if s == "" {
			return nil
		}
		at, err := time.Parse("2006-01-02T15:04:05-0700", s)
		if err != nil {
			t.Fatalf("date %q: %v", s, err)
		}
		return &at
	}
	var away []string
	for p := 1; ; p++ {
		var page struct {
			Paging struct{ PageIndex, PageSize, Total int }
			Users  []struct {
				Login                       string
				LastConnectionDate          string
				SonarLintLastConnectionDate string
			}
		}
		get("api/users/search", url.Values{"ps": {"100"}, "p": {fmt.Sprint(p)}}, &page)
		for _, u := range page.Users {
			last := parse(u.LastConnectionDate)
			if lint := parse(u.SonarLintLastConnectionDate); lint != nil && (last == nil || lint.After(*last)) {
				last = lint
			}
			if last == nil || testNow.Sub(*last) > d {
				away = append(away, u.Login)
			}
		}
		if p*page.Paging.PageSize >= page.Paging.Total || len(page.Users) == 0 {
			break
		}
	}
	var keys, owners []string
	for _, login := range away {
		var ts struct{ UserTokens []struct{ Name string } }
		get("api/user_tokens/search", url.Values{"login": {login}}, &ts)
		for _, tok := range ts.UserTokens {
			keys = append(keys, login+"/"+tok.Name)
		}
		if len(ts.UserTokens) > 0 {
			owners = append(owners, login)
		}
	}
	sort.Strings(keys)
	return keys, owners
}
