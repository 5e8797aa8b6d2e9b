package sonarsim

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

type usersPage struct {
	Paging usersPaging `json:"paging"`
	Users  []struct {
		Login              string `json:"login"`
		Active             bool   `json:"active"`
		Email              string `json:"email"`
		TokensCount        *int   `json:"tokensCount"`
		LastConnectionDate string `json:"lastConnectionDate"`
		Managed            *bool  `json:"managed"`
	} `json:"users"`
}

func TestUsersSearchPaging(t *testing.T) {
	e := newEnv(t, Options{Users: 23, Seed: 7})
	active := 0
	for _, l := range e.s.Users() {
		if u, _ := e.s.User(l); u.Active {
			active++
		}
	}
	var seen []string
	for p := 1; ; p++ {
		r := e.get("/api/users/search", e.s.AdminToken(), vals("p", fmt.Sprint(p), "ps", "5"))
		wantStatus(t, r, 200)
		var page usersPage
		must(t, json.Unmarshal([]byte(r.body), &page))
		if page.Paging != (usersPaging{p, 5, active}) {
			t.Fatalf("paging %+v, want total %d", page.Paging, active)
		}
		for _, u := range page.Users {
			seen = append(seen, u.Login)
			if !u.Active || u.TokensCount == nil || u.Managed == nil {
				t.Errorf("admin view of %s: %+v", u.Login, u)
			}
		}
		if len(page.Users) < 5 {
			if len(page.Users) != active-(p-1)*5 {
				t.Fatalf("last page size %d", len(page.Users))
			}
			break
		}
	}
	if len(seen) != active {
		t.Fatalf("saw %d users, want %d", len(seen), active)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i-1] >= seen[i] {
			t.Fatalf("not sorted by login: %v", seen)
		}
	}
	// Past the end: empty list, same total.
	var page usersPage
	must(t, json.Unmarshal([]byte(e.get("/api/users/search", e.s.AdminToken(), vals("p", "99", "ps", "5")).body), &page))
	if len(page.Users) != 0 || page.Paging.Total != active {
		t.Errorf("past the end %+v", page)
	}
}

func TestUsersSearchValidation(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.tok["alice"]
	wantError(t, f.get("/api/users/search", tok, vals("ps", "501")), 400, "'ps' value (501) must be less than 500")
	wantError(t, f.get("/api/users/search", tok, vals("ps", "x")), 400, "'ps' value 'x' cannot be parsed as an integer")
	wantError(t, f.get("/api/users/search", tok, vals("q", "a")), 400, "'q' length (1) is shorter than the minimum authorized (2)")
	wantError(t, f.get("/api/users/search", tok, vals("p", "x")), 400, "The 'p' parameter cannot be parsed as an integer value: x")
	wantStatus(t, f.get("/api/users/search", tok, vals("ps", "500")), 200)

	// Visibility: private fields for oneself or admins only; deactivated users hidden.
	var page usersPage
	must(t, json.Unmarshal([]byte(f.get("/api/users/search", tok, nil).body), &page))
	for _, u := range page.Users {
		self := u.Login == "alice"
		if (u.TokensCount != nil) != self || (u.Email != "") != (self && u.Email == "alice@example.com") {
			t.Errorf("alice sees %+v", u)
		}
		if u.Login == "gone" {
			t.Error("deactivated user listed")
		}
	}
	// q matches login, name or email, case-insensitively.
	must(t, json.Unmarshal([]byte(f.get("/api/users/search", tok, vals("q", "SCAN")).body), &page))
	if page.Paging.Total != 2 {
		t.Errorf("q=SCAN total %d", page.Paging.Total)
	}
	must(t, json.Unmarshal([]byte(f.get("/api/users/search", f.tok["admin"], vals("deactivated", "true")).body), &page))
	if page.Paging.Total != 1 || page.Users[0].Login != "gone" {
		t.Errorf("deactivated %+v", page)
	}
}

func TestUsersCurrent(t *testing.T) {
	f := newFixture(t, Options{})
	r := f.get("/api/users/current", f.tok["scanner"], nil)
	want := `{"isLoggedIn":true,"login":"scanner","name":"Scan Ner","local":true,"externalIdentity":"scanner","externalProvider":"sonarqube","groups":["sonar-users"],"permissions":{"global":["scan"]},"usingSonarLintConnectedMode":false}`
	if r.body != want {
		t.Errorf("current\n%s\nwant\n%s", r.body, want)
	}
	if strings.Contains(r.body, `"id"`) {
		t.Error("id before 2025.6")
	}
	g := newFixture(t, Options{AllowAnonymous: true})
	if r := g.get("/api/users/current", "", nil); r.body != `{"isLoggedIn":false,"permissions":{"global":[]}}` {
		t.Errorf("anonymous %s", r.body)
	}
	wantEmpty401(t, f.get("/api/users/current", "", nil))
}

func TestUsersV2(t *testing.T) {
	f := newFixture(t, Options{Version: "2025.1"})
	r := f.get("/api/v2/users-management/users", f.tok["admin"], vals("pageSize", "2", "pageIndex", "2"))
	wantStatus(t, r, 200)
	var body struct {
		Users []map[string]any `json:"users"`
		Page  usersPaging      `json:"page"`
	}
	must(t, json.Unmarshal([]byte(r.body), &body))
	if body.Page != (usersPaging{2, 2, 5}) || len(body.Users) != 2 {
		t.Fatalf("page %+v users %v", body.Page, body.Users)
	}
	for _, k := range []string{"id", "login", "name", "email", "active", "local", "managed"} {
		if _, ok := body.Users[0][k]; !ok && !(k == "email" && body.Users[0]["login"] != "alice") {
			t.Errorf("missing %s in %v", k, body.Users[0])
		}
	}
	if _, ok := body.Users[0]["tokensCount"]; ok {
		t.Error("v2 has tokensCount")
	}
	must(t, json.Unmarshal([]byte(f.get("/api/v2/users-management/users", f.tok["admin"], vals("active", "false")).body), &body))
	if body.Page.Total != 1 || body.Users[0]["login"] != "gone" {
		t.Errorf("inactive %s", r.body)
	}
	r = f.get("/api/v2/users-management/users", f.tok["admin"], vals("pageSize", "501"))
	wantStatus(t, r, 400)
	if r.body != `{"message":"Value 501 for field pageSize was rejected. Error: must be less than or equal to 500."}` {
		t.Errorf("v2 error body %s", r.body)
	}
	wantStatus(t, f.post("/api/v2/users-management/users", f.tok["admin"], nil), 405)
	wantStatus(t, f.get("/api/v2/users-management/users", f.tok["alice"], nil), 200)
}

func TestUsersV2Paging(t *testing.T) {
	f := newFixture(t, Options{Version: "10.6"})
	v2 := func(kv ...string) resp { return f.get("/api/v2/users-management/users", f.tok["admin"], vals(kv...)) }

	// 0 answers only the paging: no user, the total of all.
	r := v2("pageSize", "0")
	wantStatus(t, r, 200)
	if r.body != `{"users":[],"page":{"pageIndex":1,"pageSize":0,"total":5}}` {
		t.Errorf("pageSize 0: %s", r.body)
	}
	// 500 is allowed.
	r = v2("pageSize", "500")
	wantStatus(t, r, 200)
	if !strings.Contains(r.body, `"page":{"pageIndex":1,"pageSize":500,"total":5}`) {
		t.Errorf("pageSize 500: %s", r.body)
	}
	for _, c := range []struct {
		kv  []string
		msg string
	}{
		{[]string{"pageSize", "501"}, "Value 501 for field pageSize was rejected. Error: must be less than or equal to 500."},
		{[]string{"pageSize", "-1"}, "Value -1 for field pageSize was rejected. Error: must be greater than or equal to 0."},
		{[]string{"pageSize", "ten"}, `Value ten for field pageSize was rejected. Error: Failed to convert property value of type 'java.lang.String' to required type 'java.lang.Integer' for property 'pageSize'; For input string: "ten".`},
		{[]string{"pageIndex", "0"}, "Value 0 for field pageIndex was rejected. Error: must be greater than 0."},
	} {
		r := v2(c.kv...)
		wantStatus(t, r, 400)
		var b struct{ Message string }
		must(t, json.Unmarshal([]byte(r.body), &b))
		if !strings.HasPrefix(b.Message, c.msg) {
			t.Errorf("%v: message %q, want %q", c.kv, b.Message, c.msg)
		}
	}
}

func TestSettingsValues(t *testing.T) {
	f := newFixture(t, Options{MaxTokenLifetime: "30 days"})
	r := f.get("/api/settings/values", f.tok["alice"], nil)
	wantStatus(t, r, 200)
	if !strings.Contains(r.body, `{"key":"sonar.auth.token.max.allowed.lifetime","value":"30 days","inherited":false}`) {
		t.Errorf("settings %s", r.body)
	}
	r = f.get("/api/settings/values", f.tok["alice"], vals("keys", "sonar.auth.token.max.allowed.lifetime"))
	if r.body != `{"settings":[{"key":"sonar.auth.token.max.allowed.lifetime","value":"30 days","inherited":false}]}` {
		t.Errorf("settings keys %s", r.body)
	}
	g := newFixture(t, Options{})
	if r := g.get("/api/settings/values", g.tok["alice"], nil); strings.Contains(r.body, "lifetime") {
		t.Errorf("unset lifetime listed: %s", r.body)
	}
	if r := g.get("/api/settings/values", g.tok["alice"], vals("keys", "sonar.auth.token.max.allowed.lifetime")); r.body != `{"settings":[]}` {
		t.Errorf("unset lifetime by key: %s", r.body)
	}
}

func TestScannableProjects(t *testing.T) {
	f := newFixture(t, Options{})
	must(t, f.s.AddProject(ProjectSpec{Key: "a", Name: "Alpha Project", ScanLogins: []string{"pscan"}}))
	list := func(tok string, kv ...string) string {
		r := f.get("/api/projects/search_my_scannable_projects", tok, vals(kv...))
		wantStatus(t, r, 200)
		return r.body
	}
	if got := list(f.tok["scanner"]); got != `{"projects":[{"key":"a","name":"Alpha Project"},{"key":"p1","name":"Project One"},{"key":"p2","name":"project two"}]}` {
		t.Errorf("global scan: %s", got)
	}
	if got := list(f.tok["pscan"]); got != `{"projects":[{"key":"a","name":"Alpha Project"},{"key":"p1","name":"Project One"}]}` {
		t.Errorf("project scan: %s", got)
	}
	if got := list(f.tok["alice"]); got != `{"projects":[]}` {
		t.Errorf("no scan: %s", got)
	}
	if got := list(f.tok["scanner"], "q", "PROJECT T"); got != `{"projects":[{"key":"p2","name":"project two"}]}` {
		t.Errorf("q: %s", got)
	}
}
