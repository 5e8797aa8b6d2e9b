package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

var valueLine = regexp.MustCompile(`^(squ|sqa|sqp)_[0-9a-f]{40}\n$`)

func TestGenerateStdoutHoldsTheValueAlone(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	tests := []struct {
		args     []string
		prefix   string
		typ      string
		project  string
		expires  string // date, "" for none
		describe string
	}{
		{[]string{"generate", "ci-user"}, "squ_", "USER_TOKEN", "", "2026-03-31", `User Token "ci-user" for admin, expires 2026-03-31`},
		{[]string{"generate", "ci-global", "--type", "global", "--expires", "90d"}, "sqa_", "GLOBAL_ANALYSIS_TOKEN", "", "2026-05-30", "Global Analysis Token"},
		{[]string{"generate", "ci-app", "--project", "app", "--expires", "never"}, "sqp_", "PROJECT_ANALYSIS_TOKEN", "app", "", "on project app, no expiration"},
		{[]string{"generate", "ci-date", "--type", "user", "--expires", "2026-12-31"}, "squ_", "USER_TOKEN", "", "2026-12-31", "expires 2026-12-31"},
	}
	for _, tt := range tests {
		r := e.run(tt.args...).expect(t, ExitOK)
		if !valueLine.MatchString(r.stdout) || !strings.HasPrefix(r.stdout, tt.prefix) {
			t.Errorf("%v: stdout %q is not one %s value", tt.args, r.stdout, tt.prefix)
		}
		if !strings.Contains(r.stderr, tt.describe) || !strings.Contains(r.stderr, "will not be shown again") {
			t.Errorf("%v: stderr %q lacks %q", tt.args, r.stderr, tt.describe)
		}
		if strings.Contains(r.stderr, strings.TrimSpace(r.stdout)) {
			t.Errorf("%v: the value is on stderr too", tt.args)
		}
		name := tt.args[1]
		var found bool
		for _, tok := range e.sim.Tokens("admin") {
			if tok.Name != name {
				continue
			}
			found = true
			exp := ""
			if tok.ExpiresAt != nil {
				exp = tok.ExpiresAt.UTC().Format(time.DateOnly)
			}
			if tok.Type != tt.typ || tok.ProjectKey != tt.project || exp != tt.expires {
				t.Errorf("%v: server holds %+v", tt.args, tok)
			}
		}
		if !found {
			t.Errorf("%v: the server has no token %q", tt.args, name)
		}
		// The value printed is the one that works.
		r = e.runWith(runOpts{vars: map[string]string{"SONAR_TOKEN": strings.TrimSpace(r.stdout)}}, "list")
		if tt.typ == "USER_TOKEN" && r.code != ExitOK {
			t.Errorf("%v: the printed value does not sign in: %s", tt.args, r.stderr)
		}
	}
}

func TestGenerateJSON(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.run("generate", "ci", "--project", "app", "--expires", "30d", "--json").expect(t, ExitOK)
	checkKeyOrder(t, json.RawMessage(r.stdout), append(append([]string{}, jsonKeys...), "token"))
	var got map[string]any
	must(t, json.Unmarshal([]byte(r.stdout), &got))
	value, _ := got["token"].(string)
	if !valueLine.MatchString(value + "\n") {
		t.Errorf("token %q", value)
	}
	delete(got, "token")
	want := map[string]any{"login": "admin", "name": "ci", "type": "PROJECT_ANALYSIS_TOKEN",
		"project":   map[string]any{"key": "app", "name": "The App"},
		"createdAt": "2026-03-01T12:00:00Z", "lastConnectionDate": nil,
		"expirationDate": "2026-03-31T00:00:00Z", "isExpired": false, "status": "active"}
	for k, w := range want {
		if g := got[k]; !equalJSON(g, w) {
			t.Errorf("%s = %v, want %v", k, g, w)
		}
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func TestGenerateMaxLifetime(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{MaxTokenLifetime: "30 days"})
	r := e.run("generate", "long", "--expires", "90d").expect(t, ExitError)
	if !strings.Contains(r.stderr, "Tokens expiring after 2026-03-31 are not allowed. Please use a valid expiration date.") {
		t.Errorf("stderr: %s", r.stderr)
	}
	r = e.run("generate", "forever", "--expires", "never").expect(t, ExitError)
	if !strings.Contains(r.stderr, "Tokens expiring after 2026-03-31 are not allowed. Please use an expiration date.") {
		t.Errorf("stderr: %s", r.stderr)
	}
	r = e.run("generate", "past", "--expires", "2026-03-01").expect(t, ExitError)
	if !strings.Contains(r.stderr, "The minimum value for parameter expirationDate is 2026-03-02.") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if e.hasToken("admin", "long") || e.hasToken("admin", "forever") || e.hasToken("admin", "past") {
		t.Error("a refused token was created")
	}
	e.run("generate", "ok", "--expires", "30d").expect(t, ExitOK)
}

func TestGenerateLostAnswer(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.sim.DropResponses(1, "/api/user_tokens/generate")
	r := e.run("generate", "lost").expect(t, ExitError)
	if r.stdout != "" {
		t.Errorf("stdout %q", r.stdout)
	}
	for _, want := range []string{`Token "lost" was created, but its value was lost on the way and cannot be recovered`, "sonartoken revoke lost"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !e.hasToken("admin", "lost") {
		t.Fatal("the dropped request did not create the token; the test proves nothing")
	}
	e.run("revoke", "--yes", "lost").expect(t, ExitOK)
	if e.hasToken("admin", "lost") {
		t.Error("revoke left the token")
	}
}

func TestGenerateForOtherUser(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.run("generate", "for-dev", "--login", "dev").expect(t, ExitOK)
	if !e.hasToken("dev", "for-dev") {
		t.Error("no token for dev")
	}
	r := e.run("generate", "g", "--login", "dev", "--type", "global").expect(t, ExitError)
	if !strings.Contains(r.stderr, "A Global Analysis Token cannot be generated for another user.") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestRevoke(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.run("revoke", "--yes", "laptop").expect(t, ExitOK)
	if r.stdout != "" || !strings.Contains(r.stderr, `Revoked User Token "laptop" for admin.`) {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	// A deleted token expires on no day.
	if strings.Contains(r.stderr, "expires") || strings.Contains(r.stderr, "expiration") {
		t.Errorf("the revoked token's expiry is shown: %q", r.stderr)
	}
	if e.hasToken("admin", "laptop") {
		t.Error("laptop still exists")
	}
	e.run("revoke", "--yes", "laptop").expect(t, ExitNotFound)
	e.run("generate", "x", "--login", "dev").expect(t, ExitOK)
	e.run("revoke", "--yes", "x", "--login", "dev").expect(t, ExitOK)
	if e.hasToken("dev", "x") {
		t.Error("dev's x still exists")
	}
}
