package client

// Fuzz targets for what the client reads from the network. Run each for
// 30 seconds with, for example:
//
//	go test -run '^$' -fuzz '^FuzzResponses$' -fuzztime 30s -fuzzminimizetime 200x ./client/
//	go test -run '^$' -fuzz '^FuzzParseTime$' -fuzztime 30s ./client/
//
// FuzzResponses' inputs are whole answers of a few kilobytes: without a
// bound on minimising each new interesting input (60 s by default), the
// workers spend the run minimising instead of fuzzing.
//
// go test ./... runs their seeds (those below and testdata/fuzz/).

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// stubTransport answers every request with one canned response, without a
// network.
type stubTransport struct {
	status      int
	contentType string
	body        []byte
}

func (s stubTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	h := http.Header{}
	if s.contentType != "" {
		h.Set("Content-Type", s.contentType)
	}
	return &http.Response{
		StatusCode:    s.status,
		Status:        fmt.Sprintf("%d %s", s.status, http.StatusText(s.status)),
		Header:        h,
		Body:          io.NopCloser(strings.NewReader(string(s.body))),
		ContentLength: int64(len(s.body)),
		Request:       r,
		Proto:         "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
	}, nil
}

// fuzzEndpoint is one client call whose answer the fuzzer writes. It
// returns the call's result, to be printed, and its error.
type fuzzEndpoint struct {
	path string // the sonarsim path the seeds are captured from
	call func(context.Context, *Client) (any, error)
}

var fuzzEndpoints = []fuzzEndpoint{
	{"/api/server/version", func(ctx context.Context, c *Client) (any, error) { return c.ServerVersion(ctx) }},
	{"/api/users/current", func(ctx context.Context, c *Client) (any, error) { return c.CurrentUser(ctx) }},
	{"/api/authentication/validate", func(ctx context.Context, c *Client) (any, error) { return c.Validate(ctx) }},
	{"/api/user_tokens/search", func(ctx context.Context, c *Client) (any, error) { return c.SearchTokens(ctx, "") }},
	{"/api/user_tokens/generate", func(ctx context.Context, c *Client) (any, error) {
		return c.Generate(ctx, GenerateRequest{Name: "fuzz", Type: model.TypeUser, ExpiresOn: time.Now().AddDate(0, 0, 30)})
	}},
	{"/api/projects/search_my_scannable_projects", func(ctx context.Context, c *Client) (any, error) { return c.ScannableProjects(ctx, "") }},
	{"/api/users/search", func(ctx context.Context, c *Client) (any, error) { return c.SearchUsers(ctx, UsersQuery{}) }},
	{"/api/v2/users-management/users", func(ctx context.Context, c *Client) (any, error) { return c.SearchUsersV2(ctx, UsersQuery{}) }},
	{"/api/settings/values", func(ctx context.Context, c *Client) (any, error) { return c.MaxTokenLifetime(ctx) }},
	{"/api/user_tokens/revoke", func(ctx context.Context, c *Client) (any, error) { return nil, c.Revoke(ctx, "", "fuzz") }},
	{"/api/user_tokens/search", func(ctx context.Context, c *Client) (any, error) {
		t, ok, err := c.FindToken(ctx, "", "fuzz")
		return fmt.Sprint(t, ok), err
	}},
}

var fuzzContentTypes = []string{"application/json", "text/html; charset=utf-8", "text/plain", ""}

// fuzzStatuses are the statuses the fuzzer picks from first; other values
// are used as they come when they are valid HTTP statuses.
var fuzzStatuses = []int{200, 204, 400, 401, 403, 404, 429, 500, 502, 503}

// simSeeds captures the real answer of every endpoint from a seeded
// 2025.1 sonarsim.
func simSeeds(f *testing.F) {
	sim := sonarsim.New(sonarsim.Options{Version: "2025.1", Seed: 7, MaxTokenLifetime: "90 days"})
	defer sim.Close()
	for i, ep := range fuzzEndpoints {
		method, body := http.MethodGet, ""
		switch ep.path {
		case "/api/user_tokens/generate":
			method = http.MethodPost
			body = url.Values{"name": {"seed"}, "expirationDate": {time.Now().AddDate(0, 0, 30).Format(time.DateOnly)}}.Encode()
		case "/api/user_tokens/revoke":
			method = http.MethodPost
			body = "name=seed"
		}
		req := httptest.NewRequest(method, ep.path, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		req.Header.Set("Authorization", "Bearer "+sim.AdminToken())
		rec := httptest.NewRecorder()
		sim.Handler().ServeHTTP(rec, req)
		f.Add(uint8(i), uint16(rec.Code), uint8(0), rec.Body.Bytes())
	}
}

func FuzzResponses(f *testing.F) {
	simSeeds(f)
	for i := range fuzzEndpoints {
		f.Add(uint8(i), uint16(200), uint8(1), []byte(`<html><head><title>Sign in</title></head></html>`))
		f.Add(uint8(i), uint16(401), uint8(3), []byte(``))
		f.Add(uint8(i), uint16(400), uint8(0), []byte(`{"errors":[{"msg":"bad"},{"msg":"worse"}]}`))
		f.Add(uint8(i), uint16(503), uint8(0), []byte(`{"message":"down"}`))
	}
	f.Add(uint8(3), uint16(200), uint8(0), []byte(`{"login":"a","userTokens":[{"name":"x","createdAt":"2024-01-01T00:00:00+0000","expirationDate":"2024-02-01T00:00:00+0000","isExpired":null,"project":null}]}`))
	f.Add(uint8(4), uint16(200), uint8(0), []byte(`{"login":"a","name":"x","token":"squ_0123456789abcdef0123456789abcdef01234567","createdAt":"yesterday"}`))
	f.Add(uint8(6), uint16(200), uint8(0), []byte(`{"paging":{"pageIndex":1,"pageSize":50,"total":1},"users":[{"login":"a","active":false,"tokensCount":-1,"lastConnectionDate":"2024-01-01T00:00:00Z"}]}`))
	f.Add(uint8(8), uint16(200), uint8(0), []byte(`{"settings":[{"key":"sonar.auth.token.max.allowed.lifetime","value":"2 days"}]}`))

	f.Fuzz(func(t *testing.T, endpoint uint8, status uint16, contentType uint8, body []byte) {
		ep := fuzzEndpoints[int(endpoint)%len(fuzzEndpoints)]
		st := int(status)
		if st < 100 || st > 599 {
			st = fuzzStatuses[st%len(fuzzStatuses)]
		}
		rt := stubTransport{status: st, contentType: fuzzContentTypes[int(contentType)%len(fuzzContentTypes)], body: body}
		c, err := New(Options{
			BaseURL:    "http://sonar.invalid",
			Token:      model.NewSecret("squ_console"),
			HTTPClient: &http.Client{Transport: rt},
			Retry:      RetryPolicy{Max: -1},
			Now:        func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) },
		})
		if err != nil {
			t.Fatal(err)
		}
		c.SetVersion(model.Version{Major: 2025, Minor: 1})
		res, err := ep.call(context.Background(), c)
		if err != nil {
			d := Describe(err)
			if d == "" {
				t.Fatalf("Describe(%v) is empty", err)
			}
			if st == http.StatusOK {
				checkNoTokenValue(t, body, err.Error(), d)
			}
			return
		}
		if st >= 400 {
			t.Fatalf("status %d gave no error but %v", st, res)
		}
		_ = fmt.Sprintf("%v %+v", res, res) // printing a result never panics
		if nt, ok := res.(model.NewToken); ok {
			var j struct {
				Token string `json:"token"`
			}
			if json.Unmarshal(body, &j) != nil || nt.Value.Reveal() != j.Token || j.Token == "" {
				t.Fatalf("generated value %q, body %q", nt.Value.Reveal(), body)
			}
			// The value leaks if printing it adds occurrences: a short value
			// ("0") may be part of the other fields' text.
			show := func(nt model.NewToken) string { return fmt.Sprintf("%v %+v %#v %s", nt, nt, nt, nt.Value) }
			blank := nt
			blank.Value = model.Secret{}
			if s := show(nt); strings.Count(s, j.Token) > strings.Count(show(blank), j.Token) {
				t.Fatalf("printing a NewToken shows its value: %s", s)
			}
		}
	})
}

// checkNoTokenValue fails if a token value of the answer's "token" field
// shows in an error text. Only values shaped like tokens (16 or more
// letters, digits and underscores, once in the body) are checked, so that
// a value that is also a word of the message or a copy of another field
// does not count.
func checkNoTokenValue(t *testing.T, body []byte, texts ...string) {
	t.Helper()
	var j struct {
		Token string `json:"token"`
	}
	if json.Unmarshal(body, &j) != nil || len(j.Token) < 16 || strings.Count(string(body), j.Token) != 1 {
		return
	}
	for _, r := range j.Token {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return
		}
	}
	for _, s := range texts {
		if strings.Contains(s, j.Token) {
			t.Fatalf("the token value shows in %q", s)
		}
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"2024-03-01T10:20:30+0000", "2024-03-01T10:20:30+0100", "2024-03-01T10:20:30-0930",
		"2024-03-01T10:20:30Z", "2024-03-01T10:20:30.123456789+02:00", "2024-03-01T10:20:30.5+0100",
		"0000-01-01T00:00:00+0000", "9999-12-31T23:59:59-2359", "2024-02-30T00:00:00+0000",
		"", "yesterday", "2024-03-01", "2024-03-01T10:20:30+01:00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTime(s)
		if err != nil {
			if tm != (time.Time{}) {
				t.Fatalf("ParseTime(%q) = %v with error %v", s, tm, err)
			}
			return
		}
		// SonarQube's format has whole seconds: re-formatting keeps the
		// instant to the second and the offset, and is then stable.
		out := tm.Format(TimeLayout)
		back, err := ParseTime(out)
		if err != nil {
			t.Fatalf("ParseTime(%q) = %v, whose TimeLayout form %q does not parse: %v", s, tm, out, err)
		}
		if !back.Equal(tm.Truncate(time.Second)) {
			t.Fatalf("ParseTime(%q) = %v; its TimeLayout form %q parses back as %v", s, tm, out, back)
		}
		_, off1 := tm.Zone()
		_, off2 := back.Zone()
		if off1 != off2 {
			t.Fatalf("ParseTime(%q): offset %d became %d through %q", s, off1, off2, out)
		}
		if again := back.Format(TimeLayout); again != out {
			t.Fatalf("ParseTime(%q): %q re-formats as %q", s, out, again)
		}
	})
}
