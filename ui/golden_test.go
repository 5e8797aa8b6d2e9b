package ui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
)

// session is one teatest program on a fake server.
type session struct {
	t  *testing.T
	tm *teatest.TestModel
}

func start(t *testing.T, opts Options, w, h int) *session {
	t.Helper()
	if opts.Now == nil {
		opts.Now = clock
	}
	opts.StaticCursor = true
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(w, h))
	return &session{t: t, tm: tm}
}

// wait blocks until the program has printed s.
func (s *session) wait(text string) *session {
	s.t.Helper()
	teatest.WaitFor(s.t, s.tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	return s
}

func (s *session) keys(ks ...string) *session {
	for _, k := range ks {
		s.tm.Send(keyMsg(k))
	}
	return s
}

func (s *session) typeText(text string) *session {
	s.tm.Type(text)
	return s
}

// final quits and returns the final model.
func (s *session) final() Model {
	s.t.Helper()
	if err := s.tm.Quit(); err != nil {
		s.t.Fatal(err)
	}
	return s.tm.FinalModel(s.t, teatest.WithFinalTimeout(5*time.Second)).(Model)
}

// golden compares the final view with testdata/<test>.golden.
func (s *session) golden() Model {
	s.t.Helper()
	m := s.final()
	golden.RequireEqual(s.t, []byte(m.View()))
	return m
}

func fakeOpts(f *fakeService, cb clipboard.Writer) Options {
	return Options{Service: f, Now: clock, Clipboard: cb}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	t.Run("table", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 100, 30).wait("1/5 tokens").golden()
	})
	t.Run("table_80x24", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 80, 24).wait("1/5 tokens").golden()
	})
	t.Run("sorted_by_expiry_reversed_filtered", func(t *testing.T) {
		s := start(t, fakeOpts(newFake(), nil), 100, 30).wait("1/5 tokens")
		s.keys("s", "s", "s", "s", "s").wait("Expires ↑").keys("S").wait("Expires ↓")
		s.keys("/").typeText("user").wait("shown · 5 tokens").keys("enter").wait("esc clears").golden()
	})
	t.Run("empty", func(t *testing.T) {
		f := newFake()
		f.tokens = nil
		start(t, fakeOpts(f, nil), 100, 30).wait("no tokens").golden()
	})
	t.Run("error", func(t *testing.T) {
		f := newFake()
		f.fail("SearchTokens", errRefused)
		start(t, fakeOpts(f, nil), 100, 30).wait("Connection refused").golden()
	})
	t.Run("server_error_401", func(t *testing.T) {
		f := newFake()
		f.fail("CurrentUser", &client.APIError{Method: "GET", Endpoint: "api/users/current", Status: 401})
		f.fail("SearchTokens", &client.APIError{Method: "GET", Endpoint: "api/user_tokens/search", Status: 401})
		start(t, fakeOpts(f, nil), 100, 30).wait("401").golden()
	})
	t.Run("help", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 100, 30).wait("1/5 tokens").keys("?").wait("Keys").golden()
	})
	t.Run("form_user_only", func(t *testing.T) {
		f := newFake()
		f.user.GlobalPermissions = nil
		f.projects = nil
		start(t, fakeOpts(f, nil), 100, 30).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("laptop").wait("already exists").golden()
	})
	t.Run("form_global", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 100, 30).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("scanner").wait("scanner").keys("tab", "left").wait("● Global").golden()
	})
	t.Run("form_project", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 100, 30).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("shop-ci").wait("shop-ci").keys("tab", "right").wait("Web Shop").
			keys("tab").typeText("shop").wait("> ○ Web Shop").keys("enter").wait("chosen: Web Shop").golden()
	})
	t.Run("form_project_80x24", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 80, 24).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("shop-ci").wait("shop-ci").keys("tab", "right").wait("Payments API").golden()
	})
	t.Run("reveal_ask_quit_80x24", func(t *testing.T) {
		start(t, fakeOpts(newFake(), &fakeClipboard{}), 80, 24).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("ci").wait("ci").keys("enter").wait("shown again").keys("ctrl+c").wait("ctrl+c again").golden()
	})
	t.Run("form_project_refused_80x24", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 80, 24).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("shop-ci").wait("shop-ci").keys("tab", "right").wait("Payments API").keys("enter").wait("no project chosen:").golden()
	})
	t.Run("form_custom_date", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 100, 30).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("dated").wait("dated").keys("tab", "tab", "left", "tab").wait("> Date").
			typeText("2026-11-26").wait("minimum value").golden()
	})
	t.Run("form_max_lifetime", func(t *testing.T) {
		f := newFake()
		f.max = model.MaxLifetime{Days: 90}
		start(t, fakeOpts(f, nil), 100, 30).wait("1/5 tokens").keys("n").wait("Generate a token").golden()
	})
	t.Run("form_8.9", func(t *testing.T) {
		f := newFake()
		f.version = model.Version{Major: 8, Minor: 9, Patch: 10, Raw: "8.9.10.61524"}
		f.tokens = []model.Token{{Login: "ada", Name: "old", CreatedAt: day(2021, 3, 4)}}
		f.expiry = time.Time{}
		start(t, fakeOpts(f, nil), 100, 30).wait("1/1 token").keys("n").wait("Generate a token").golden()
	})
	t.Run("form_server_error", func(t *testing.T) {
		f := newFake()
		f.fail("Generate", &client.APIError{Method: "POST", Endpoint: "api/user_tokens/generate", Status: 403, Messages: []string{"Insufficient privileges"}})
		start(t, fakeOpts(f, nil), 100, 30).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("denied").wait("denied").keys("enter").wait("403").golden()
	})
	t.Run("reveal", func(t *testing.T) {
		start(t, fakeOpts(newFake(), &fakeClipboard{}), 100, 30).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("nightly").wait("nightly").keys("enter").wait("New token generated").golden()
	})
	t.Run("reveal_copied_osc52", func(t *testing.T) {
		start(t, fakeOpts(newFake(), &fakeClipboard{method: clipboard.OSC52}), 100, 30).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("nightly").wait("nightly").keys("enter").wait("New token generated").keys("c").wait("paste to check").golden()
	})
	t.Run("reveal_close_without_copy", func(t *testing.T) {
		start(t, fakeOpts(newFake(), &fakeClipboard{}), 80, 24).wait("1/5 tokens").keys("n").wait("Generate a token").
			typeText("nightly").wait("nightly").keys("enter").wait("New token generated").keys("esc").wait("Nothing was copied").golden()
	})
	t.Run("revoke", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 100, 30).wait("1/5 tokens").keys("j").wait("2/5").keys("d").wait("Revoke token").golden()
	})
	t.Run("revoke_expired", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 100, 30).wait("1/5 tokens").keys("G", "k").wait("4/5").keys("d").wait("Revoke token").golden()
	})
	t.Run("analysis_token_warning", func(t *testing.T) {
		o := fakeOpts(newFake(), nil)
		o.OwnTokenType = model.TypeGlobal
		start(t, o, 100, 30).wait("1/5 tokens").golden()
	})
	t.Run("too_small", func(t *testing.T) {
		start(t, fakeOpts(newFake(), nil), 49, 20).wait("too small").golden()
	})
}

var _ tea.Model = Model{}
