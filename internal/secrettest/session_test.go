package secrettest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// TestClientSessionLeaksNoSecret runs a session of generate, list and
// revoke through the client, faults and lost answers included, with debug
// logs (text and JSON) written under a temporary HOME, where it also writes
// every error as a program would show it. No token value may be found
// there: neither the generated ones nor the one the session signed in with.
// Both authentication schemes are covered (Basic before 10.0, Bearer after).
func TestClientSessionLeaksNoSecret(t *testing.T) {
	for _, version := range []string{"9.9", "2025.1"} {
		t.Run(version, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("HOME", home)
			values := session(t, version, home)
			if len(values) < 5 {
				t.Fatalf("the session generated %d values", len(values))
			}
			if n := AssertNoSecrets(t, home, values); n != 3 {
				t.Errorf("%d files under HOME, want the two logs and the errors", n)
			}
			// The test is not vacuous: the logs did record the requests.
			log, err := os.ReadFile(filepath.Join(home, ".cache", "sonartoken", "debug.log"))
			if err != nil || !strings.Contains(string(log), "api/user_tokens/generate") || !strings.Contains(string(log), "retrying") {
				t.Errorf("debug log: %v\n%s", err, log)
			}
		})
	}
}

// session runs the session against a fresh sonarsim of version, logging
// under home, and returns every token value it knew.
func session(t *testing.T, version, home string) []string {
	t.Helper()
	ctx := context.Background()
	sim := sonarsim.New(sonarsim.Options{Version: version, Seed: 3})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(func() {
		_ = sim.Close()
		srv.Close()
	})
	dir := filepath.Join(home, ".cache", "sonartoken")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	open := func(name string) *os.File {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = f.Close() })
		return f
	}
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	textLog, jsonLog, errLog := open("debug.log"), open("debug.json"), open("errors.txt")
	logger := slog.New(multiHandler{slog.NewTextHandler(textLog, opts), slog.NewJSONHandler(jsonLog, opts)})

	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := client.New(client.Options{
		BaseURL:    srv.URL,
		Token:      model.NewSecret(sim.AdminToken()),
		HTTPClient: hc,
		Timeout:    2 * time.Second,
		Logger:     logger,
		Retry:      client.RetryPolicy{Max: 3, Base: time.Millisecond, Cap: 5 * time.Millisecond, MaxElapsed: time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	values := []string{sim.AdminToken()}
	// report writes an error as a program would, everywhere it could go.
	report := func(op string, err error) {
		if err == nil {
			return
		}
		fmt.Fprintf(errLog, "%s: %v\n%s\n%+v\n%#v\n", op, err, client.Describe(err), err, err)
		logger.Error(op, "err", err, "described", client.Describe(err))
	}
	generated := func(nt model.NewToken) {
		values = append(values, nt.Value.Reveal())
		// A program logging its result by mistake still leaks nothing.
		logger.Debug("generated", "token", nt, "value", nt.Value)
		fmt.Fprintf(errLog, "generated %v %+v %#v %s %q\n", nt, nt, nt, nt.Value, nt.Value)
	}

	if _, err := c.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	me, err := c.CurrentUser(ctx)
	report("current", err)
	logger.Debug("signed in", "user", me)
	_, err = c.Validate(ctx)
	report("validate", err)

	reqs := []client.GenerateRequest{{Name: "laptop"}, {Name: "ci", ExpiresOn: time.Now().AddDate(0, 0, 30)}}
	if c.Capabilities().TokenTypes {
		reqs = append(reqs, client.GenerateRequest{Name: "global", Type: model.TypeGlobal})
		if ps, _ := c.ScannableProjects(ctx, ""); len(ps) > 0 {
			reqs = append(reqs, client.GenerateRequest{Name: "project", Type: model.TypeProject, ProjectKey: ps[0].Key})
		}
	} else {
		reqs = append(reqs, client.GenerateRequest{Name: "third"})
	}
	for _, req := range reqs {
		nt, err := c.Generate(ctx, req)
		if err != nil {
			t.Fatalf("generate %s: %v", req.Name, err)
		}
		generated(nt)
	}
	// Faults: retried GETs log their errors; failed POSTs are reported.
	sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultReset, Count: 1, PathPrefix: "/api/user_tokens/search"})
	sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: 503, RetryAfter: "0", Count: 1, PathPrefix: "/api/user_tokens/search"})
	toks, err := c.SearchTokens(ctx, "")
	report("list", err)
	logger.Debug("listed", "tokens", toks)
	sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultTruncate, Count: 1, PathPrefix: "/api/user_tokens/generate"})
	_, err = c.Generate(ctx, client.GenerateRequest{Name: "cut"})
	report("generate cut", err)
	sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultNonJSON, Count: 1, PathPrefix: "/api/user_tokens/generate"})
	_, err = c.Generate(ctx, client.GenerateRequest{Name: "proxied"})
	report("generate proxied", err)
	// A lost answer: the token exists, its value is lost; revoke it.
	sim.DropResponses(1, "/api/user_tokens/generate")
	_, err = c.GenerateOrConfirm(ctx, client.GenerateRequest{Name: "lost"})
	var lost *client.LostResponseError
	if !errors.As(err, &lost) || !lost.Created {
		t.Fatalf("lost generate: %v", err)
	}
	report("generate lost", err)
	sim.DropResponses(1, "/api/user_tokens/revoke")
	report("revoke lost", c.RevokeOrConfirm(ctx, "", "lost"))
	report("revoke cut", c.RevokeOrConfirm(ctx, "", "cut"))
	report("revoke laptop", c.Revoke(ctx, "", "laptop"))
	// Errors of the server carrying its own words.
	_, err = c.Generate(ctx, client.GenerateRequest{Name: "ci"})
	report("generate duplicate", err)
	sim.SetErrorRate(1)
	_, err = c.SearchTokens(ctx, "")
	report("list 500", err)
	sim.ClearFaults()
	// A rotation: the new value is generated before the old one is revoked.
	nt, err := c.GenerateOrConfirm(ctx, client.GenerateRequest{Name: "ci-2"})
	if err != nil {
		t.Fatal(err)
	}
	generated(nt)
	report("revoke ci", c.RevokeOrConfirm(ctx, "", "ci"))
	// A client signed in with a generated value, logging too.
	other, err := client.New(client.Options{BaseURL: srv.URL, Token: nt.Value, HTTPClient: hc, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	other.SetVersion(c.Version())
	_, err = other.SearchTokens(ctx, "")
	report("list as ci-2", err)
	_, err = other.SearchTokens(ctx, "someone-else")
	report("list another user's", err)
	return values
}

// multiHandler sends every record to several handlers.
type multiHandler []slog.Handler

func (m multiHandler) Enabled(ctx context.Context, l slog.Level) bool {
	for _, h := range m {
		if h.Enabled(ctx, l) {
			return true
		}
	}
	return false
}

func (m multiHandler) Handle(ctx context.Context, r slog.Record) error {
	var errs []error
	for _, h := range m {
		if h.Enabled(ctx, r.Level) {
			errs = append(errs, h.Handle(ctx, r.Clone()))
		}
	}
	return errors.Join(errs...)
}

func (m multiHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	out := make(multiHandler, len(m))
	for i, h := range m {
		out[i] = h.WithAttrs(attrs)
	}
	return out
}

func (m multiHandler) WithGroup(name string) slog.Handler {
	out := make(multiHandler, len(m))
	for i, h := range m {
		out[i] = h.WithGroup(name)
	}
	return out
}

// recorder is a testing.TB that keeps failures instead of reporting them.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// The helper finds a value in each form it leaks in, in nested files, and
// never prints the value itself.
func TestAssertNoSecretsFinds(t *testing.T) {
	const v = "squ_0123456789abcdef0123456789abcdef01234567"
	dir := t.TempDir()
	forms := Forms(v)
	for i, f := range forms {
		sub := filepath.Join(dir, fmt.Sprintf("d%d", i), "deeper")
		if err := os.MkdirAll(sub, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, "f.log"), []byte("header "+f.Text+" trailer"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "clean.txt"), []byte("squ_[redacted]"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	if n := AssertNoSecrets(r, dir, []string{v}); n != len(forms)+1 {
		t.Errorf("read %d files, want %d", n, len(forms)+1)
	}
	if len(r.failures) < len(forms) {
		t.Errorf("%d failures for %d planted forms: %q", len(r.failures), len(forms), r.failures)
	}
	for _, f := range r.failures {
		if strings.Contains(f, v) || strings.Contains(f, "clean.txt") {
			t.Errorf("failure message %q", f)
		}
	}
	r = &recorder{TB: t}
	AssertNoSecretsIn(r, "stdout", []byte("Authorization: Basic "+forms[1].Text), []string{v, ""})
	joined := strings.Join(r.failures, "\n")
	if !strings.Contains(joined, "too short") || !strings.Contains(joined, "(basic auth form)") {
		t.Errorf("failures %q", r.failures)
	}
	r = &recorder{TB: t}
	AssertNoSecrets(r, filepath.Join(dir, "missing"), []string{v})
	if len(r.failures) != 1 {
		t.Errorf("a missing directory: %q", r.failures)
	}
}
