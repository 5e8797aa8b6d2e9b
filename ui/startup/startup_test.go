package startup_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
	"go.uber.org/goleak"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui"
	"github.com/sonartoken/sonartoken/ui/internal/widthpin"
	"github.com/sonartoken/sonartoken/ui/startup"
)

func init() {
	lipgloss.SetColorProfile(termenv.Ascii)
}

func TestMain(m *testing.M) {
	widthpin.Pin() // widths as a Western terminal measures them, whatever RUNEWIDTH_EASTASIAN says
	// teatest leaves one goroutine per program waiting for SIGINT, and a
	// quit program leaves its pending tea.Tick timers (the status note's
	// expiry) to run out: both by design.
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("github.com/charmbracelet/x/exp/teatest.NewTestModel.func2"),
		goleak.IgnoreTopFunction("github.com/charmbracelet/bubbletea.Tick.func1"))
}

// now is the injected clock.
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// Terminal size of the golden tests.
const width, height = 100, 30

// nopClipboard copies nothing.
type nopClipboard struct{}

func (nopClipboard) Copy(string) (clipboard.Method, error) { return clipboard.OSC52, nil }

// newClient builds a client for url whose connections close with the test.
func newClient(t *testing.T, url, token string, tr *http.Transport) *client.Client {
	t.Helper()
	if tr == nil {
		tr = &http.Transport{}
	}
	hc := &http.Client{Transport: tr}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := client.New(client.Options{BaseURL: url, Token: model.NewSecret(token), HTTPClient: hc, Now: clock, Timeout: 3 * time.Second, Retry: client.RetryPolicy{Max: -1}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func bootOptions(svc ui.BootService) ui.BootOptions {
	o := ui.BootOptions{Options: ui.Options{Now: clock, StaticCursor: true, Clipboard: nopClipboard{}}}
	if svc != nil {
		o.Server = svc
	}
	return o
}

// run starts the boot model in teatest at width×height.
func run(t *testing.T, o ui.BootOptions) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, ui.NewBoot(context.Background(), o), teatest.WithInitialTermSize(width, height))
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

func final(t *testing.T, tm *teatest.TestModel) ui.Boot {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(ui.Boot)
}

// loopbackPort hides the port of a loopback URL, which changes every run,
// keeping its width so that the goldens' boxes stay aligned.
var loopbackPort = regexp.MustCompile(`127\.0\.0\.1:(\d+)`)

func stable(view string) []byte {
	return []byte(loopbackPort.ReplaceAllStringFunc(view, func(s string) string {
		i := strings.LastIndexByte(s, ':')
		return s[:i+1] + strings.Repeat("X", len(s)-i-1)
	}))
}

// closedPort returns a loopback URL on which nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	_ = ln.Close()
	return url
}

func simServer(t *testing.T, tlsServer bool) (*sonarsim.Server, *httptest.Server) {
	t.Helper()
	sim := sonarsim.New(sonarsim.Options{Version: "10.6", Seed: 1, Now: clock})
	var srv *httptest.Server
	if tlsServer {
		srv = httptest.NewUnstartedServer(sim.Handler())
		srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshake noise
		srv.StartTLS()
	} else {
		srv = httptest.NewServer(sim.Handler())
	}
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	return sim, srv
}

func canned(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// TestStartupErrorScreens opens the console on servers that cannot be
// used, and checks the full-screen message each one gets.
func TestStartupErrorScreens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(t *testing.T) *client.Client
		want  []string
	}{
		{
			name:  "closed_port",
			setup: func(t *testing.T) *client.Client { return newClient(t, closedPort(t), "squ_x", nil) },
			want:  []string{"Cannot reach the server", "Connection refused", "SonarQube is running"},
		},
		{
			name: "dns_failure",
			setup: func(t *testing.T) *client.Client {
				// A dialer that answers as a resolver does for an unknown
				// name, so the test needs no network.
				tr := &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
					return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "sonar.invalid", IsNotFound: true}}
				}}
				return newClient(t, "https://sonar.invalid", "squ_x", tr)
			},
			want: []string{"Unknown server name", `Cannot resolve the host name "sonar.invalid"`, "VPN"},
		},
		{
			name: "tls_unknown_authority",
			setup: func(t *testing.T) *client.Client {
				_, srv := simServer(t, true)
				return newClient(t, srv.URL, "squ_x", &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}})
			},
			want: []string{"Untrusted TLS certificate", "signed by an unknown authority", "--ca-file"},
		},
		{
			name: "unauthorized",
			setup: func(t *testing.T) *client.Client {
				_, srv := simServer(t, false)
				return newClient(t, srv.URL, "squ_0000000000000000000000000000000000000000", nil)
			},
			want: []string{"The server refused the token", "expired, revoked", "deactivated user", "sonartoken auth login"},
		},
		{
			name: "forbidden",
			setup: func(t *testing.T) *client.Client {
				srv := canned(t, func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/api/server/version" {
						_, _ = w.Write([]byte("10.6.0.92116"))
						return
					}
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusForbidden)
					_, _ = w.Write([]byte(`{"errors":[{"msg":"Insufficient privileges"}]}`))
				})
				return newClient(t, srv.URL, "squ_x", nil)
			},
			want: []string{"Insufficient privileges", "analysis token"},
		},
		{
			name: "not_sonarqube",
			setup: func(t *testing.T) *client.Client {
				srv := canned(t, func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "text/html")
					_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>Sign in - Corporate SSO</title></head><body><form>...</form></body></html>"))
				})
				return newClient(t, srv.URL, "squ_x", nil)
			},
			want: []string{"This is not a SonarQube server", "Sign in - Corporate SSO", "proxy"},
		},
		{
			name: "redirect_to_another_port",
			setup: func(t *testing.T) *client.Client {
				_, other := simServer(t, false)
				srv := canned(t, func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
				})
				return newClient(t, srv.URL, "squ_x", nil)
			},
			want: []string{"The server redirected elsewhere", "The server redirected to http://127.0.0.1:", "The token was not sent", "connect to it with --url"},
		},
		{
			name: "redirect_to_https",
			setup: func(t *testing.T) *client.Client {
				_, secure := simServer(t, true)
				srv := canned(t, func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, secure.URL+r.URL.RequestURI(), http.StatusMovedPermanently)
				})
				return newClient(t, srv.URL+"/sonar", "squ_x", nil)
			},
			want: []string{"The server moved to https://", "The server redirects http:// to https://, to https://127.0.0.1:", "/sonar", "not sent to the new address"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.setup(t)
			tm := run(t, bootOptions(c))
			waitFor(t, tm, "What to try")
			b := final(t, tm)
			if s, booting := b.Screen(); !booting || s != startup.ScreenError {
				t.Fatalf("screen %v (booting %v)", s, booting)
			}
			view := b.View()
			flat := strings.Join(strings.Fields(view), " ")
			for _, w := range tt.want {
				if !strings.Contains(flat, w) {
					t.Errorf("the screen lacks %q:\n%s", w, view)
				}
			}
			if !strings.Contains(view, "r retry") {
				t.Errorf("no retry key in the help:\n%s", view)
			}
			golden.RequireEqual(t, stable(view))
		})
	}
}

// writeCA writes the PEM of srv's certificate to a temporary file.
func writeCA(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "ca.pem")
	data := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCAFileTrustsTheServer connects to a TLS server whose authority is
// only known through --ca-file, through client.New's own transport.
func TestCAFileTrustsTheServer(t *testing.T) {
	t.Parallel()
	sim, srv := simServer(t, true)
	c, err := client.New(client.Options{BaseURL: srv.URL, Token: model.NewSecret(sim.AdminToken()), CAFile: writeCA(t, srv), Now: clock, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	tm := run(t, bootOptions(c))
	waitFor(t, tm, "Administrator")
	b := final(t, tm)
	if _, booting := b.Screen(); booting {
		t.Fatal("still on the start-up screens")
	}
	if m, _ := b.Main(); !strings.Contains(m.View(), "SonarQube 10.6") {
		t.Errorf("main view:\n%s", m.View())
	}
	srv.CloseClientConnections()
}

// TestWelcomeScreen is the first run: no server configured anywhere.
func TestWelcomeScreen(t *testing.T) {
	t.Parallel()
	sim, srv := simServer(t, false)
	var mu sync.Mutex
	var saved []string
	o := bootOptions(nil)
	o.Profile = "default"
	o.Dial = func(url string, token model.Secret) (ui.BootService, error) {
		return newClient(t, url, token.Reveal(), nil), nil
	}
	o.Save = func(profile, url string, token model.Secret) (ui.Saved, error) {
		mu.Lock()
		defer mu.Unlock()
		saved = append(saved, profile+" "+url+" "+token.Reveal())
		return ui.Saved{Note: "Token saved in the OS keychain as profile " + profile + "."}, nil
	}
	o.Demo = func(context.Context) (ui.BootService, error) { return nil, errors.New("not in this test") }
	tm := run(t, o)
	waitFor(t, tm, "Welcome to sonartoken")
	tm.Type(srv.URL)
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type(sim.AdminToken())
	waitFor(t, tm, "••••")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	waitFor(t, tm, "[x] save")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Token saved in the OS keychain as profile default.")
	b := final(t, tm)
	if _, booting := b.Screen(); booting {
		t.Fatal("still on the welcome screen")
	}
	if m, _ := b.Main(); strings.Contains(m.View(), sim.AdminToken()) {
		t.Fatal("the token is on screen")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(saved) != 1 || saved[0] != "default "+srv.URL+" "+sim.AdminToken() {
		t.Errorf("saved %d times", len(saved))
	}
}

func TestWelcomeGolden(t *testing.T) {
	t.Parallel()
	o := bootOptions(nil)
	o.Profile = "default"
	o.Dial = func(string, model.Secret) (ui.BootService, error) { return nil, errors.New("unused") }
	o.Save = func(string, string, model.Secret) (ui.Saved, error) { return ui.Saved{}, nil }
	o.Demo = func(context.Context) (ui.BootService, error) { return nil, errors.New("unused") }
	tm := run(t, o)
	waitFor(t, tm, "Try the demo")
	tm.Type("https://sonar.example.com")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("squ_secretvalue")
	waitFor(t, tm, "•••••••")
	b := final(t, tm)
	view := b.View()
	if strings.Contains(view, "squ_secretvalue") || !strings.Contains(view, "No SonarQube server is configured yet") {
		t.Fatalf("welcome view:\n%s", view)
	}
	golden.RequireEqual(t, []byte(view))
}

// flaky is a server that fails its first Connect and works afterwards.
type flaky struct {
	*client.Client
	mu    sync.Mutex
	calls int
}

func (f *flaky) Connect(ctx context.Context) (model.Version, error) {
	f.mu.Lock()
	f.calls++
	n := f.calls
	f.mu.Unlock()
	if n == 1 {
		return model.Version{}, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", errConnRefused)}
	}
	return f.Client.Connect(ctx)
}

var errConnRefused = func() error {
	_, err := net.Dial("tcp", "127.0.0.1:1")
	var se *os.SyscallError
	if errors.As(err, &se) {
		return se.Err
	}
	return err
}()

// TestRetryKey: on the error screen, r connects again; the second attempt
// works and the console takes over.
func TestRetryKey(t *testing.T) {
	t.Parallel()
	sim, srv := simServer(t, false)
	f := &flaky{Client: newClient(t, srv.URL, sim.AdminToken(), nil)}
	var m tea.Model = ui.NewBoot(context.Background(), bootOptions(f))
	m = drive(t, m, tea.WindowSizeMsg{Width: width, Height: height})
	for _, msg := range runCmd(m.Init()) {
		m = drive(t, m, msg)
	}
	b := m.(ui.Boot)
	if s, booting := b.Screen(); !booting || s != startup.ScreenError || !strings.Contains(b.View(), "Cannot reach the server") {
		t.Fatalf("first attempt: screen %v\n%s", s, b.View())
	}
	// Another key does nothing.
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}})
	if s, _ := m.(ui.Boot).Screen(); s != startup.ScreenError {
		t.Fatalf("x changed the screen to %v", s)
	}
	next, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'r'}})
	if cmd == nil {
		t.Fatal("r returned no command")
	}
	msgs := runCmd(cmd)
	if len(msgs) != 1 {
		t.Fatalf("r produced %v", msgs)
	}
	if _, ok := msgs[0].(startup.RetryMsg); !ok {
		t.Fatalf("r produced %T", msgs[0])
	}
	m = drive(t, next, msgs[0])
	b = m.(ui.Boot)
	if _, booting := b.Screen(); booting {
		t.Fatalf("after retry still booting:\n%s", b.View())
	}
	if f.calls != 2 {
		t.Errorf("Connect called %d times", f.calls)
	}
	if mm, _ := b.Main(); !strings.Contains(mm.View(), "Administrator") {
		t.Errorf("console:\n%s", mm.View())
	}
}

// TestWelcomeFailureOffersEdit: a token refused from the welcome form
// shows the failure, r retries the same values, and e returns to the form
// with what was typed.
func TestWelcomeFailureOffersEdit(t *testing.T) {
	t.Parallel()
	url := closedPort(t)
	dials := 0
	o := bootOptions(nil)
	o.Banners = []string{"Plain http:// to a remote host: the token travels in clear text."}
	o.Dial = func(u string, token model.Secret) (ui.BootService, error) {
		dials++
		return newClient(t, u, token.Reveal(), nil), nil
	}
	var m tea.Model = ui.NewBoot(context.Background(), o)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(m.View(), "⚠ Plain http://") {
		t.Errorf("no banner on the welcome screen:\n%s", m.View())
	}
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(url)})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyTab})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("squ_typed")})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if s, _ := m.(ui.Boot).Screen(); s != startup.ScreenError || !strings.Contains(m.View(), "e change server or token") {
		t.Fatalf("screen %v:\n%s", s, m.View())
	}
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'r'}})
	if s, _ := m.(ui.Boot).Screen(); s != startup.ScreenError || dials != 2 {
		t.Fatalf("after r: screen %v, %d dials", s, dials)
	}
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'e'}})
	if s, _ := m.(ui.Boot).Screen(); s != startup.ScreenWelcome || !strings.Contains(m.View(), url) {
		t.Fatalf("after e: screen %v:\n%s", s, m.View())
	}
	if strings.Contains(m.View(), "squ_typed") {
		t.Fatal("the token is on screen")
	}
}

// TestWelcomeRefusesCredentialsInURL: a URL typed with USER:PASSWORD@ is
// refused on the form, which says why, and nothing is dialled.
func TestWelcomeRefusesCredentialsInURL(t *testing.T) {
	t.Parallel()
	dials := 0
	o := bootOptions(nil)
	o.Dial = func(u string, token model.Secret) (ui.BootService, error) {
		dials++
		return nil, errors.New("not in this test")
	}
	var m tea.Model = ui.NewBoot(context.Background(), o)
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("https://admin:s3cret@sonar.example.com")})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyTab})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("squ_typed")})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if s, _ := m.(ui.Boot).Screen(); s != startup.ScreenWelcome || dials != 0 {
		t.Fatalf("screen %v after %d dials, want the welcome form and none", s, dials)
	}
	flat := strings.Join(strings.Fields(m.View()), " ")
	if want := "Leave the user name and password out of the URL"; !strings.Contains(flat, want) {
		t.Errorf("the form lacks %q:\n%s", want, m.View())
	}
}

// TestWelcomeFocusWithoutColour: with no colour (NO_COLOR, the Ascii
// profile of these tests) the welcome screen still shows which field has
// the focus, so typing never goes unseen into the masked Token field.
func TestWelcomeFocusWithoutColour(t *testing.T) {
	t.Parallel()
	o := bootOptions(nil)
	o.Dial = func(string, model.Secret) (ui.BootService, error) { return nil, errors.New("unused") }
	o.Demo = func(context.Context) (ui.BootService, error) { return nil, errors.New("unused") }
	tm := run(t, o)
	waitFor(t, tm, "> Server")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	waitFor(t, tm, "> Token")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	waitFor(t, tm, "[Connect]")
	v := final(t, tm).View()
	if strings.Contains(v, "> Token") || strings.Contains(v, "> Server") {
		t.Errorf("two focus markers:\n%s", v)
	}
}

// welcomeWith opens the welcome form on o at 80x24, types url and token,
// and connects.
func welcomeWith(t *testing.T, o ui.BootOptions, url, token string) tea.Model {
	t.Helper()
	var m tea.Model = ui.NewBoot(context.Background(), o)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(url)})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyTab})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(token)})
	return m
}

// TestEditFocusesTheFailedField: after a failure, e returns to the form
// with the field that failed focused: the server's URL when it could not
// be reached, the token when the server refused it (e put the cursor in
// the masked Token field after "Cannot reach the server").
func TestEditFocusesTheFailedField(t *testing.T) {
	t.Parallel()
	sim, srv := simServer(t, false)
	for _, tc := range []struct {
		name, url, token, title, focused string
	}{
		{"unreachable", closedPort(t), "squ_typed", "Cannot reach the server", "> Server"},
		{"refused", srv.URL, "squ_wrong", "The server refused the token", "> Token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := bootOptions(nil)
			o.Dial = func(u string, token model.Secret) (ui.BootService, error) {
				return newClient(t, u, token.Reveal(), nil), nil
			}
			m := welcomeWith(t, o, tc.url, tc.token)
			m = drive(t, m, tea.KeyMsg{Type: tea.KeyEnter}) // from the token field
			if !strings.Contains(m.View(), tc.title) {
				t.Fatalf("no %q:\n%s", tc.title, m.View())
			}
			m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'e'}})
			if s, _ := m.(ui.Boot).Screen(); s != startup.ScreenWelcome || !strings.Contains(m.View(), tc.focused) {
				t.Fatalf("after e: screen %v, want %q focused:\n%s", s, tc.focused, m.View())
			}
		})
	}
	_ = sim
}

// TestWelcomeSaveWithoutKeychainShowsTheCommand: when the profile could
// be saved only with a token file (no OS keychain), the console opens on a
// report with the command that creates the file, which stays until
// closed; the status line says where the profile went.
func TestWelcomeSaveWithoutKeychainShowsTheCommand(t *testing.T) {
	t.Parallel()
	sim, srv := simServer(t, false)
	o := bootOptions(nil)
	o.Profile = "default"
	o.Dial = func(u string, token model.Secret) (ui.BootService, error) {
		return newClient(t, u, token.Reveal(), nil), nil
	}
	o.Save = func(profile, _ string, _ model.Secret) (ui.Saved, error) {
		return ui.Saved{Note: "Profile " + profile + " saved in /home/me/.config/sonartoken/config.toml; no OS keychain: create its token file.",
			Todo: []string{"No OS keychain is available on this machine, so the token was not saved.", "",
				"  (umask 077; cat > /home/me/.config/sonartoken/default.token)"}}, nil
	}
	m := welcomeWith(t, o, srv.URL, sim.AdminToken())
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyTab})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	b := m.(ui.Boot)
	if _, booting := b.Screen(); booting {
		t.Fatalf("still booting:\n%s", b.View())
	}
	for _, key := range []tea.KeyMsg{{}, {Type: tea.KeyDown}, {Type: tea.KeyRunes, Runes: []rune{'j'}}} {
		if key.Type != 0 || key.Runes != nil {
			m = drive(t, m, key)
		}
		main, _ := m.(ui.Boot).Main()
		if main.Mode() != ui.ModeNotice || !strings.Contains(m.View(), "cat > /home/me/.config/sonartoken/default.token") {
			t.Fatalf("the command is not on screen (mode %v):\n%s", main.Mode(), m.View())
		}
	}
	main, _ := m.(ui.Boot).Main()
	var logged bool
	for _, e := range main.Status().Log() {
		logged = logged || strings.Contains(e.Text, "Profile default saved in")
	}
	if !logged {
		t.Error("the log lacks where the profile went")
	}
}
