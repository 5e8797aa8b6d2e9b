package cli

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// jsonKeys is the exact field set of a token object, in documented order.
var jsonKeys = []string{"login", "name", "type", "project", "createdAt", "lastConnectionDate", "expirationDate", "isExpired", "status"}

func TestListPlain(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.run("list").expect(t, ExitOK)
	want := `NAME                TYPE     PROJECT  LAST USE    CREATED     EXPIRES     STATUS
expired-ci          User     -        2026-02-27  2025-12-31  2026-02-28  expired
laptop              User     -        never       2025-12-31  2026-03-04  expiring
scan-app            Project  The App  2026-02-27  2025-12-31  never       no-expiration
sonartoken-console  User     -        2026-03-01  2026-03-01  2026-05-30  active
`
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
	if strings.Contains(r.stdout, "\x1b") {
		t.Error("escape sequences in piped output")
	}
}

func TestListTerminalTable(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.runWith(runOpts{terminal: true, vars: map[string]string{"NO_COLOR": "1"}}, "list").expect(t, ExitOK)
	for _, want := range []string{"╭", "╰", "│ NAME", "│ scan-app", "no-expiration"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b") {
		t.Errorf("colour despite NO_COLOR:\n%q", r.stdout)
	}
}

func TestListJSON(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.run("list", "--json").expect(t, ExitOK)
	var raw []json.RawMessage
	must(t, json.Unmarshal([]byte(r.stdout), &raw))
	if len(raw) != 4 {
		t.Fatalf("%d tokens, want 4:\n%s", len(raw), r.stdout)
	}
	got := map[string]map[string]any{}
	for _, m := range raw {
		checkKeyOrder(t, m, jsonKeys)
		var obj map[string]any
		must(t, json.Unmarshal(m, &obj))
		got[obj["name"].(string)] = obj
	}
	want := map[string]map[string]any{
		"expired-ci": {"login": "admin", "name": "expired-ci", "type": "USER_TOKEN", "project": nil,
			"createdAt": "2025-12-31T12:00:00Z", "lastConnectionDate": "2026-02-27T12:00:00Z",
			"expirationDate": "2026-02-28T12:00:00Z", "isExpired": true, "status": "expired"},
		"laptop": {"login": "admin", "name": "laptop", "type": "USER_TOKEN", "project": nil,
			"createdAt": "2025-12-31T12:00:00Z", "lastConnectionDate": nil,
			"expirationDate": "2026-03-04T12:00:00Z", "isExpired": false, "status": "expiring"},
		"scan-app": {"login": "admin", "name": "scan-app", "type": "PROJECT_ANALYSIS_TOKEN",
			"project":   map[string]any{"key": "app", "name": "The App"},
			"createdAt": "2025-12-31T12:00:00Z", "lastConnectionDate": "2026-02-27T12:00:00Z",
			"expirationDate": nil, "isExpired": false, "status": "no-expiration"},
		"sonartoken-console": {"login": "admin", "name": "sonartoken-console", "type": "USER_TOKEN", "project": nil,
			"createdAt": "2026-03-01T12:00:00Z", "lastConnectionDate": "2026-03-01T12:00:00Z",
			"expirationDate": "2026-05-30T00:00:00Z", "isExpired": false, "status": "active"},
	}
	for name, w := range want {
		if !reflect.DeepEqual(got[name], w) {
			t.Errorf("%s:\n got %v\nwant %v", name, got[name], w)
		}
	}
}

// checkKeyOrder checks that a JSON object has exactly keys, in order.
func checkKeyOrder(t *testing.T, obj json.RawMessage, keys []string) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(obj)))
	var got []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 {
				got = append(got, v)
				// Skip the value.
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if !slices.Equal(got, keys) {
		t.Errorf("keys %v, want %v", got, keys)
	}
}

func TestListEmptyAndOtherUser(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	r := e.run("list", "--login", "dev").expect(t, ExitOK)
	if r.stdout != "" || !strings.Contains(r.stderr, "dev has no tokens") {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	r = e.run("list", "--login", "dev", "--json").expect(t, ExitOK)
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("JSON of no tokens: %q", r.stdout)
	}
}

func TestListOldServerHasNullTypes(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{Version: "8.9"})
	r := e.run("list", "--json").expect(t, ExitOK)
	var got []map[string]any
	must(t, json.Unmarshal([]byte(r.stdout), &got))
	if len(got) != 1 || got[0]["type"] != nil || got[0]["expirationDate"] != nil || got[0]["status"] != "no-expiration" {
		t.Errorf("8.9 list: %s", r.stdout)
	}
	r = e.run("list").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "sonartoken-console  -") {
		t.Errorf("8.9 table:\n%s", r.stdout)
	}
}

func TestExitCodes(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	dev := e.devToken()
	tests := []struct {
		name    string
		vars    map[string]string
		args    []string
		code    int
		message string
	}{
		{"401 bad token", map[string]string{"SONAR_TOKEN": "squ_0000000000000000000000000000000000000000"}, []string{"list"}, ExitAuth, "refused the token (401)"},
		{"403 other login", map[string]string{"SONAR_TOKEN": dev}, []string{"list", "--login", "admin"}, ExitForbidden, "Insufficient privileges (403)"},
		{"403 revoke other", map[string]string{"SONAR_TOKEN": dev}, []string{"revoke", "laptop", "--login", "admin", "--yes"}, ExitForbidden, "Insufficient privileges"},
		{"404 unknown login", nil, []string{"list", "--login", "nobody"}, ExitNotFound, "User with login 'nobody' doesn't exist"},
		{"404 generate unknown project", nil, []string{"generate", "x", "--project", "nope"}, ExitNotFound, "Project key 'nope' not found"},
		{"no such token", nil, []string{"revoke", "nope", "--yes"}, ExitNotFound, `admin has no token named "nope"`},
		{"usage extra arg", nil, []string{"list", "extra"}, ExitUsage, "Run 'sonartoken list --help'"},
		{"usage unknown flag", nil, []string{"list", "--token", "squ_x"}, ExitUsage, "unknown flag: --token"},
		{"usage unknown command", nil, []string{"lsit"}, ExitUsage, `unknown command "lsit"`},
		{"usage bad type", nil, []string{"generate", "x", "--type", "admin"}, ExitUsage, "unknown token type"},
		{"usage bad expiry", nil, []string{"generate", "x", "--expires", "soon"}, ExitUsage, "--expires"},
		{"no URL", map[string]string{"SONAR_HOST_URL": ""}, []string{"list"}, ExitUsage, "no SonarQube server is configured"},
		{"no token", map[string]string{"SONAR_TOKEN": ""}, []string{"list"}, ExitUsage, "no token"},
		{"400 duplicate", nil, []string{"generate", "laptop"}, ExitError, "A user token for login 'admin' and name 'laptop' already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.runWith(runOpts{vars: tt.vars}, tt.args...).expect(t, tt.code)
			if !strings.Contains(r.stderr, tt.message) {
				t.Errorf("stderr lacks %q:\n%s", tt.message, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout on error: %q", r.stdout)
			}
		})
	}
}
