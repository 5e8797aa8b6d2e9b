package cli

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// simGenerate posts api/user_tokens/generate to a running sim and decodes
// the answer.
func simGenerate(t *testing.T, p *simProcess, params url.Values) map[string]string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, p.url+"/api/user_tokens/generate", strings.NewReader(params.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(p.token, "")
	var m map[string]string
	if err := json.Unmarshal([]byte(do(t, req, http.StatusOK)), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSimTimezone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	p := startSim(t, "--timezone", "America/New_York", "--tokens", "5")
	defer p.stop(t)
	day := time.Now().UTC().AddDate(0, 0, 45)
	date := day.Format(time.DateOnly)
	m := simGenerate(t, p, url.Values{"name": {"tz"}, "expirationDate": {date}})
	midnightUTC := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	if want := midnightUTC.In(ny).Format("2006-01-02T15:04:05-0700"); m["expirationDate"] != want {
		t.Errorf("expirationDate %q, want %q", m["expirationDate"], want)
	}
	if _, off := time.Now().In(ny).Zone(); !strings.HasSuffix(m["createdAt"], time.Now().In(ny).Format("-0700")) || off == 0 {
		t.Errorf("createdAt %q", m["createdAt"])
	}

	q := startSim(t, "--timezone", "America/New_York", "--expiry-in-server-zone", "--tokens", "5")
	defer q.stop(t)
	m = simGenerate(t, q, url.Values{"name": {"tz"}, "expirationDate": {date}})
	if want := date + "T00:00:00" + time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, ny).Format("-0700"); m["expirationDate"] != want {
		t.Errorf("server-zone storage: expirationDate %q, want %q", m["expirationDate"], want)
	}
}

func TestSimTimezoneRefused(t *testing.T) {
	e := &testEnv{t: t}
	r := e.run("sim", "--timezone", "Mars/Olympus_Mons").expect(t, ExitUsage)
	if !strings.Contains(r.stderr, `--timezone "Mars/Olympus_Mons": unknown time zone`) {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestSimContextPath(t *testing.T) {
	p := startSim(t, "--context-path", "/sonarqube", "--tokens", "5")
	defer p.stop(t)
	if !strings.HasSuffix(p.url, "/sonarqube") {
		t.Fatalf("SONAR_HOST_URL=%s", p.url)
	}
	root := strings.TrimSuffix(p.url, "/sonarqube")
	for _, u := range []string{root + "/", root + "/api/server/version"} {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		do(t, req, http.StatusNotFound)
	}
	e := &testEnv{t: t, vars: map[string]string{"SONAR_HOST_URL": p.url, "SONAR_TOKEN": p.token}}
	r := e.run("list", "--json").expect(t, ExitOK)
	var toks []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &toks); err != nil || len(toks) == 0 {
		t.Fatalf("list --json: %v\n%s", err, r.stdout)
	}
}

func TestSimContextPathRefused(t *testing.T) {
	e := &testEnv{t: t}
	for _, bad := range []string{"sonarqube", "/sonarqube/"} {
		r := e.run("sim", "--context-path", bad).expect(t, ExitUsage)
		if !strings.Contains(r.stderr, "--context-path") {
			t.Errorf("%s: stderr %s", bad, r.stderr)
		}
	}
}

func TestSimEdition(t *testing.T) {
	e := &testEnv{t: t}
	for _, ed := range []string{"community", "developer"} {
		r := e.run("sim", "--edition", ed, "--max-token-lifetime", "30d").expect(t, ExitUsage)
		if !strings.Contains(r.stderr, "--max-token-lifetime cannot be used with --edition "+ed+": SonarQube enforces a maximum token lifetime only in the Enterprise and Data Center editions") {
			t.Errorf("%s: stderr %s", ed, r.stderr)
		}
	}
	if r := e.run("sim", "--edition", "ultimate").expect(t, ExitUsage); !strings.Contains(r.stderr, `--edition "ultimate": use one of community, developer, enterprise, datacenter`) {
		t.Errorf("stderr %s", r.stderr)
	}

	p := startSim(t, "--edition", "developer", "--tokens", "5")
	defer p.stop(t)
	req, _ := http.NewRequest(http.MethodGet, p.url+"/api/system/info", nil)
	req.SetBasicAuth(p.token, "")
	var info struct{ System map[string]any }
	if err := json.Unmarshal([]byte(do(t, req, http.StatusOK)), &info); err != nil || info.System["Edition"] != "Developer" {
		t.Errorf("system info %v (%v)", info.System, err)
	}
	q := startSim(t, "--edition", "datacenter", "--max-token-lifetime", "90d", "--tokens", "5")
	defer q.stop(t)
	m := struct{ Errors []struct{ Msg string } }{}
	req, _ = http.NewRequest(http.MethodPost, q.url+"/api/user_tokens/generate?name=forever", nil)
	req.SetBasicAuth(q.token, "")
	if err := json.Unmarshal([]byte(do(t, req, http.StatusBadRequest)), &m); err != nil || len(m.Errors) != 1 || !strings.Contains(m.Errors[0].Msg, "Please use an expiration date.") {
		t.Errorf("datacenter enforces nothing: %+v (%v)", m, err)
	}
}
