package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/notice"
	"github.com/sonartoken/sonartoken/ui/startup"
)

// BootService is a server not connected yet: Connect learns its version.
// *client.Client satisfies it.
type BootService interface {
	Service
	Connect(ctx context.Context) (model.Version, error)
}

var _ BootService = (*client.Client)(nil)

// BootOptions configures the console with its start-up screens.
type BootOptions struct {
	// Options are the console's; Service is set once connected.
	Options
	// Server is the configured server; nil opens the welcome screen.
	Server BootService
	// Dial builds a server for what the welcome form holds (no I/O).
	Dial func(url string, token model.Secret) (BootService, error)
	// Save keeps the token under profile (the keychain, or a file the
	// user creates: Saved.Todo); nil hides the option.
	Save func(profile, url string, token model.Secret) (Saved, error)
	// Demo starts the built-in demo server; nil hides the option.
	Demo func(ctx context.Context) (BootService, error)
	// WelcomeURL prefills the welcome form's server URL.
	WelcomeURL string
	// Profile prefills the welcome form's profile name.
	Profile string
	// ProjectKey is the project at hand, listed first (so preselected).
	ProjectKey string
	// KeychainProfile: the token came from the keychain under Profile,
	// where signing in again offers to save the new one.
	KeychainProfile bool
	// Consent asks before anything goes to a Server only a file names.
	Consent *URLConsent
	// OpenProfile builds a profile's server (its URL and token only) and
	// its banners, in a Cmd: p switches profiles without restarting.
	OpenProfile func(ctx context.Context, profile string) (BootService, []string, error)
}

// Saved is what BootOptions.Save did with the welcome form's profile.
type Saved struct {
	// Note says where it went, for the status line.
	Note string
	// Todo is what the user must still do before the profile signs in on
	// its own (create its token file where no keychain exists).
	Todo []string
}

// URLConsent is the question asked before the token goes to a server
// that only a file names.
type URLConsent struct {
	// URL is the server; File the sonar-project.properties naming it.
	URL, File string
	// Remember keeps a yes for next time, in a Cmd; nil remembers nothing.
	Remember func(url string) error
}

// connectedMsg reports a connection attempt.
type connectedMsg struct {
	svc      BootService
	own      model.TokenType
	note     string
	noteErr  error
	demo     bool
	err      error
	attempt  int
	fromForm bool
	noteOp   string   // what failed for noteErr ("save the token" when "")
	todo     []string // what the user must still do for the saved profile
	// first is the console's first load, asked with the user check.
	first *loadedMsg
}

// Boot is the root model while sonartoken starts: it connects (or asks
// where to), explains a failure with r to retry, then hands over to the
// console's own Model.
type Boot struct {
	ctx     context.Context
	opts    BootOptions
	common  common.Common
	screens *startup.Model // a pointer: a Boot put in a tea.Model is copied on every message
	main    *Model
	svc     BootService
	own     model.TokenType
	size    *tea.WindowSizeMsg
	attempt int
	// retry redoes the failed attempt; retryURL is what the spinner names.
	retry    func(attempt int) tea.Cmd
	retryURL string
	// ended is the console a 401 signed out: it still clears the clipboard.
	ended *Model
	// gen numbers the sessions of switched profiles: an old session's
	// messages are dropped but for its clipboard clearing (prev).
	gen  int
	prev *Model
}

// NewBoot returns the start-up model.
func NewBoot(ctx context.Context, o BootOptions) Boot {
	if ctx == nil {
		ctx = context.Background()
	}
	c := common.New(o.Now)
	c.UsePalette(o.Palette)
	c.Zone = o.Zone
	c.StaticCursor = o.StaticCursor
	screens := startup.New(c, o.Banners)
	b := Boot{ctx: ctx, opts: o, common: c, screens: &screens, own: o.OwnTokenType}
	switch {
	case o.Server == nil:
		b.screens.Welcome(b.welcomeParams())
	case o.Consent != nil:
		b.screens.AskTrust(o.Consent.URL, o.Consent.File)
	default:
		b.screens.Connecting(o.Server.BaseURL())
	}
	return b
}

// Screen returns the start-up screen shown, and false once the console
// proper has taken over.
func (b Boot) Screen() (startup.Screen, bool) { return b.screens.Screen(), b.main == nil }

// Main returns the console once connected.
func (b Boot) Main() (Model, bool) {
	if b.main == nil {
		return Model{}, false
	}
	return *b.main, true
}

// Init implements tea.Model.
func (b Boot) Init() tea.Cmd {
	if b.opts.Server == nil {
		return textinput.Blink
	}
	if b.screens.Screen() == startup.ScreenTrust {
		return nil // nothing is sent before the user says yes
	}
	return tea.Batch(b.screens.Tick(), connectCmd(b.ctx, b.opts.Server, b.own, b.firstLoad(), 0))
}

func (b Boot) welcomeParams() startup.WelcomeParams {
	profile := b.opts.Profile
	if profile == "" {
		profile = "default"
	}
	return startup.WelcomeParams{URL: b.opts.WelcomeURL, Profile: profile, CanSave: b.opts.Save != nil, CanDemo: b.opts.Demo != nil}
}

// connectCmd learns the server's version and checks that the token signs
// in, with the console's first load (firstload.go), all inside the command.
func connectCmd(ctx context.Context, svc BootService, own model.TokenType, f firstLoad, attempt int) tea.Cmd {
	return func() tea.Msg {
		out := connectedMsg{svc: svc, own: own, attempt: attempt}
		out.first, out.err = f.connect(ctx, svc)
		return out
	}
}

// trustCmd remembers the user's yes to the consent's server, then
// connects to it, all inside the command.
func trustCmd(ctx context.Context, svc BootService, own model.TokenType, c URLConsent, f firstLoad, attempt int) tea.Cmd {
	return func() tea.Msg {
		out := connectedMsg{svc: svc, own: own, attempt: attempt}
		if c.Remember != nil {
			if err := c.Remember(c.URL); err != nil {
				out.noteErr, out.noteOp = err, "remember "+c.URL
			} else {
				out.note = "Remembered " + c.URL + " as trusted (trusted-urls in the configuration file)."
			}
		}
		out.first, out.err = f.connect(ctx, svc)
		return out
	}
}

// formConnectCmd dials what the welcome form holds, connects, and saves
// the token when asked, once the server has accepted it.
func formConnectCmd(ctx context.Context, o BootOptions, msg startup.ConnectMsg, attempt int) tea.Cmd {
	dial, save, f := o.Dial, o.Save, firstLoadOf(o)
	return func() tea.Msg {
		out := connectedMsg{attempt: attempt, fromForm: true, own: model.TypeOfValue(msg.Token.Reveal())}
		if dial == nil {
			out.err = errors.New("no way to connect to another server")
			return out
		}
		svc, err := dial(msg.URL, msg.Token)
		if err != nil {
			out.err = err
			return out
		}
		out.svc = svc
		if out.first, out.err = f.connect(ctx, svc); out.err != nil {
			return out
		}
		if msg.Save && save != nil {
			saved, err := save(msg.Profile, svc.BaseURL(), msg.Token)
			out.note, out.todo, out.noteErr = saved.Note, saved.Todo, err
		}
		return out
	}
}

func demoCmd(ctx context.Context, demo func(context.Context) (BootService, error), f firstLoad, attempt int) tea.Cmd {
	return func() tea.Msg {
		out := connectedMsg{attempt: attempt, demo: true, own: model.TypeUser}
		svc, err := demo(ctx)
		if err != nil {
			out.err = fmt.Errorf("start the demo server: %w", err)
			return out
		}
		out.svc = svc
		out.first, out.err = f.connect(ctx, svc)
		return out
	}
}

// Update implements tea.Model.
func (b Boot) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case SwitchProfileMsg:
		if b.main == nil || b.opts.OpenProfile == nil {
			return b, nil
		}
		b.attempt++
		// The new profile's own tokens: no other user's, no project at hand.
		return b, switchCmd(b.ctx, b.opts.OpenProfile, msg.Profile, firstLoad{readOnly: b.opts.ReadOnly}, b.attempt)
	case profileSwitchedMsg:
		return b.switched(msg)
	case sessionMsg:
		if msg.gen != b.gen {
			return b.stale(msg)
		}
		return b.Update(msg.msg)
	}
	if b.main != nil {
		if ws, ok := msg.(tea.WindowSizeMsg); ok {
			b.size = &ws // for the sign-in page, should the session end
		}
		nm, cmd := b.main.update(msg)
		if err := nm.SignedOut(); err != nil {
			return b.signOut(nm, err), nil
		}
		// In place: a new Model on the heap for every message was 21 KB,
		// and Bubble Tea keeps no Boot but the one returned.
		*b.main = nm
		return b, tagCmd(b.gen, cmd)
	}
	switch msg := msg.(type) {
	case clipClearDueMsg, clipClearedMsg:
		if b.ended == nil {
			return b, nil
		}
		var cmd tea.Cmd
		*b.ended, cmd = b.ended.update(msg)
		return b, cmd
	case tea.WindowSizeMsg:
		b.size = &msg
		b.screens.SetSize(msg.Width, msg.Height)
		return b, nil
	case connectedMsg:
		if msg.attempt != b.attempt {
			return b, nil // an answer to an abandoned attempt
		}
		return b.connected(msg)
	case startup.RetryMsg:
		if b.retry == nil {
			return b, nil
		}
		b.attempt++
		return b.startAttempt(b.retryURL, b.retry(b.attempt))
	case startup.ConnectMsg:
		b.attempt++
		ctx, o := b.ctx, b.opts
		b.retryURL = msg.URL
		b.retry = func(attempt int) tea.Cmd { return formConnectCmd(ctx, o, msg, attempt) }
		return b.startAttempt(msg.URL, b.retry(b.attempt))
	case startup.TrustMsg:
		if b.opts.Consent == nil || b.opts.Server == nil {
			return b, nil
		}
		b.attempt++
		return b.startAttempt(b.opts.Server.BaseURL(), trustCmd(b.ctx, b.opts.Server, b.own, *b.opts.Consent, b.firstLoad(), b.attempt))
	case startup.DistrustMsg:
		// The file's server is dropped: the user names one on the form.
		b.opts.Consent, b.opts.Server, b.opts.WelcomeURL, b.opts.ServerFile = nil, nil, "", ""
		return b, b.screens.Welcome(b.welcomeParams())
	case startup.DemoMsg:
		if b.opts.Demo == nil {
			return b, nil
		}
		b.attempt++
		return b.startAttempt("the built-in demo server", demoCmd(b.ctx, b.opts.Demo, b.firstLoad(), b.attempt))
	}
	var cmd tea.Cmd
	*b.screens, cmd = b.screens.Update(msg)
	return b, cmd
}

func (b Boot) startAttempt(url string, cmd tea.Cmd) (Boot, tea.Cmd) {
	spin := b.screens.Connecting(url)
	return b, tea.Batch(spin, cmd)
}

// connected shows the failure, or hands over to the console.
func (b Boot) connected(msg connectedMsg) (Boot, tea.Cmd) {
	if msg.err != nil {
		url := ""
		if msg.svc != nil {
			url = msg.svc.BaseURL()
		}
		b.screens.Fail(url, msg.err)
		// r retries the same thing: the server, the form's values, the demo.
		ctx, f := b.ctx, b.firstLoad()
		switch {
		case msg.demo:
			demo := b.opts.Demo
			b.retryURL = "the built-in demo server"
			b.retry = func(attempt int) tea.Cmd { return demoCmd(ctx, demo, f, attempt) }
		case !msg.fromForm && msg.svc != nil:
			svc, own := msg.svc, msg.own
			b.retryURL = svc.BaseURL()
			b.retry = func(attempt int) tea.Cmd { return connectCmd(ctx, svc, own, f, attempt) }
		}
		return b, nil
	}
	b.screens.DropSecret()
	opts := b.opts.Options
	opts.OwnTokenType = msg.own
	opts.Service = b.firstLoad().service(msg.svc)
	if msg.fromForm || msg.demo {
		opts.ServerFile = "" // the user named this server
	}
	if b.opts.ProjectKey != "" {
		opts.PropertiesProject = b.opts.ProjectKey
	}
	if opts.Clipboard == nil {
		opts.Clipboard = clipboard.New(os.Stdout)
	}
	m := New(opts).withContext(b.ctx)
	if b.ended != nil {
		// Copies keep their numbers: clearing tells the latest copy.
		m.clip.seq = b.ended.clip.seq
		b.ended = nil
	}
	var cmds []tea.Cmd
	if b.size != nil {
		var cmd tea.Cmd
		m, cmd = m.update(*b.size)
		cmds = append(cmds, cmd)
	}
	if msg.first != nil {
		// The first load came with the user check: nothing is asked again.
		m.prefetched = true
	}
	cmds = append(cmds, m.Init())
	if msg.first != nil {
		var cmd tea.Cmd
		m, cmd = m.update(*msg.first)
		cmds = append(cmds, cmd)
	}
	switch {
	case msg.noteErr != nil:
		err, action := msg.noteErr, msg.noteOp
		if action == "" {
			action = "save the token"
		}
		cmds = append(cmds, func() tea.Msg { return common.ErrorMsg{Action: action, Err: err} })
	case msg.note != "":
		note := msg.note
		cmds = append(cmds, func() tea.Msg { return common.InfoMsg{Text: note} })
	}
	if len(msg.todo) > 0 {
		// A command to run later: it stays on screen until closed.
		m.dialog = notice.New(m.common, "Profile saved, its token not", msg.todo)
		if m.ready {
			m.layout()
		}
	}
	b.svc, b.own = msg.svc, msg.own
	if err := m.SignedOut(); err != nil {
		// The token signed in, yet the token search answered 401.
		return b.signOut(m, err), nil
	}
	b.main = &m
	if b.switchable() {
		b.gen++
	}
	return b, tagCmd(b.gen, tea.Batch(cmds...))
}

// signOut replaces the console with the sign-in page: r connects again
// with the same token, e opens the form for another.
func (b Boot) signOut(m Model, err error) Boot {
	m.review.StopScan()
	m.dropSecret()
	b.main, b.ended = nil, &m
	wp := b.welcomeParams()
	wp.CanDemo = false
	wp.Intro = "The server no longer accepts the console's token. Enter a new user token (SonarQube > My Account > Security > Generate Token)."
	url := ""
	if b.svc != nil {
		url = b.svc.BaseURL()
		wp.URL = url
		ctx, svc, own, f := b.ctx, b.svc, b.own, b.firstLoad()
		b.retryURL = url
		b.retry = func(attempt int) tea.Cmd { return connectCmd(ctx, svc, own, f, attempt) }
	}
	wp.Save = wp.CanSave && b.opts.KeychainProfile
	b.screens.SignedOut(url, err, wp)
	if b.size != nil {
		b.screens.SetSize(b.size.Width, b.size.Height)
	}
	b.attempt++ // an answer to an attempt before this is stale
	return b
}

// View implements tea.Model.
func (b Boot) View() string {
	if b.main != nil {
		return trimPadding(b.main.View())
	}
	if b.size == nil {
		return "Starting sonartoken…"
	}
	return b.screens.View()
}

// projectFirst lists the project at hand first, so the form preselects it.
type projectFirst struct {
	Service
	key string
}

// ScannableProjects implements Service.
func (p projectFirst) ScannableProjects(ctx context.Context, q string) ([]model.Project, error) {
	ps, err := p.Service.ScannableProjects(ctx, q)
	if err != nil {
		return ps, err //nolint:wrapcheck // the inner service's error, unchanged
	}
	for i, pr := range ps {
		if pr.Key == p.key && i > 0 {
			out := make([]model.Project, 0, len(ps))
			out = append(out, pr)
			out = append(out, ps[:i]...)
			return append(out, ps[i+1:]...), nil
		}
	}
	return ps, nil
}

// RunBoot shows the start-up screens, then the console, until the user
// quits or ctx ends, on the alternate screen with the mouse left to the
// terminal (to select text). A console that quit with a generate in
// flight prints the command that revokes it and returns ErrAbandoned.
func RunBoot(ctx context.Context, o BootOptions) error {
	debug.SetGCPercent(consoleGCPercent)
	return runBoot(ctx, o, os.Stderr, nil)
}

// consoleGCPercent is the console's GOGC. The console holds every token
// of a review with its search and sort keys for as long as it runs, and
// at Go's default of 100 the heap grows to twice that before a
// collection: at 200,000 tokens the console peaked at 193-215 MiB, 2.2x
// review --format json's. At 50 it peaked at 151-172 MiB (1.58x), with
// the keys as fast (benchtool felt, A-B-A-B, 10 presses a key) and the
// scan of 200k tokens about a fifth slower (5.7 and 6.6 s against 4.8
// and 5.1 s); the command line keeps the default.
const consoleGCPercent = 50

// frameRate is the console's frames a second.
const frameRate = 120

// runBoot is RunBoot printing its exit note to stderr; tests give more
// program options (the input and the output) and start, which gets the
// program (to send it a size: a test's output is no terminal).
func runBoot(ctx context.Context, o BootOptions, stderr io.Writer, start func(*tea.Program), popts ...tea.ProgramOption) error {
	if o.Clipboard == nil {
		o.Clipboard = clipboard.New(os.Stdout)
	}
	// Bubble Tea draws the last View on a ticker: at its default 60 Hz a
	// key waits 8 ms for its frame on average, half of what issue 23 gives
	// a key at 50k rows; 120 Hz (its maximum) halves that wait. A tick
	// without a new View writes nothing.
	p := tea.NewProgram(NewBoot(ctx, o), append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx), tea.WithFPS(frameRate)}, popts...)...)
	if start != nil {
		start(p)
	}
	final, err := p.Run()
	var exitErr error
	if fb, ok := final.(Boot); ok && fb.main != nil {
		fb.main.dropSecret()
		printExitNote(stderr, *fb.main)
		exitErr = fb.main.ExitErr()
	}
	if err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("terminal console: %w", err)
	}
	return exitErr
}
