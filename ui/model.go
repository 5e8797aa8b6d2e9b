// Package ui is sonartoken's terminal console, a Bubble Tea program. This
// package is the root: Boot (start-up, then hand-over) and Model, which
// routes messages to the pages and the one dialog slot and owns what spans
// pages. ARCHITECTURE.md maps the packages.
package ui

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/detail"
	"github.com/sonartoken/sonartoken/ui/export"
	"github.com/sonartoken/sonartoken/ui/helpscreen"
	"github.com/sonartoken/sonartoken/ui/notice"
	"github.com/sonartoken/sonartoken/ui/picker"
	"github.com/sonartoken/sonartoken/ui/reveal"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/rotate"
	sess "github.com/sonartoken/sonartoken/ui/session"
	"github.com/sonartoken/sonartoken/ui/statusbar"
	"github.com/sonartoken/sonartoken/ui/styles"
	"github.com/sonartoken/sonartoken/ui/tokens"
)

// Options configures the console.
type Options struct {
	Service   Service          // the server, connected (its Version is known)
	Now       func() time.Time // the clock (time.Now when nil)
	Zone      *time.Location   // the user's zone for days shown (time.Local when nil)
	Clipboard clipboard.Writer // copies new values (the terminal's when nil)
	ReadOnly  bool             // hides and refuses every change
	Login     string           // whose tokens show; "" for the signed-in user
	// OwnTokenType is the type of the token the console signed in with,
	// when known: an analysis token cannot act for others.
	OwnTokenType model.TokenType
	StaticCursor bool // no blinking cursor (screen readers, tests)
	Review       bool // opens the review once the user is known to be an administrator
	Concurrency  int  // requests in flight of a scan or a bulk revocation (client's default when 0)
	// Banners are warnings shown in the header for the whole session
	// (TLS verification off, a token sent in clear text).
	Banners []string
	// ServerFile is the sonar-project.properties that named the server
	// ("" when the user did); PropertiesProject its project, which the
	// generate form preselects.
	ServerFile        string
	PropertiesProject string
	// ClipboardClear is how long a copied value may stay on the clipboard
	// (0: never cleared).
	ClipboardClear time.Duration
	// Profile is the session's configuration profile, Profiles every one:
	// with two or more, p switches (BootOptions.OpenProfile).
	Profile  string
	Profiles []string
	Audit    audit.Logger   // records every change when set
	Palette  styles.Palette // colours (the zero Palette: styles.Plain)
}

// Mode names what has the keyboard, for tests: the page (ModeTable) or
// the dialog in the slot. The root does not switch on it.
type Mode int

// The modes of the console.
const (
	ModeTable Mode = iota
	ModeForm
	ModeReveal
	ModeConfirm
	ModeHelp
	ModePicker // the user picker
	ModeRotate // the rotation dialog
	ModeNotice // a report to dismiss (bulk revocation)
	ModeDetail // a token in full (enter)
	ModeExport // where e writes the shown rows
	ModeDialog // another dialog: never the table while one is open
)

// String names the mode.
func (m Mode) String() string {
	return [...]string{"table", "form", "reveal", "confirm", "help", "picker", "rotate", "notice", "detail", "export", "dialog"}[m]
}

// Page is what the content area shows when no dialog is open.
type Page int

// The pages of the console.
const (
	PageTokens Page = iota // one user's tokens (one's own by default)
	PageReview             // every user's tokens (administrators)
)

// String names the page.
func (p Page) String() string { return [...]string{"tokens", "review"}[p] }

// The smallest terminal the console draws in: at 50 columns a question's
// wrapped text and its buttons need 15 lines.
const (
	MinWidth        = 50
	MinHeight       = 12
	WideWidth       = 60
	NarrowMinHeight = 15
)

// TooSmall reports whether a terminal of w×h is below the console's
// minimum.
func TooSmall(w, h int) bool {
	return w < MinWidth || h < MinHeight || w < WideWidth && h < NarrowMinHeight
}

// Model is the root model of the console.
type Model struct {
	common common.Common
	ctx    context.Context
	svc    Service
	cb     clipboard.Writer
	opts   Options
	caps   model.Capabilities

	width, height int
	ready         bool
	dialog        common.Dialog   // the one slot over the page; nil: the page shows
	waiting       []common.Dialog // shown once the slot holds no value, no typing (a report)
	over          common.Dialog   // the help or the log over both (overlay.go)

	user         model.CurrentUser
	userLoaded   bool
	ownExpiry    time.Time
	hasOwnExpiry bool
	projects     []model.Project
	maxLife      model.MaxLifetime

	table  tokens.Model
	review review.Model
	status statusbar.Model
	help   help.Model

	page         Page
	login        string // whose tokens the table shows; "" for the signed-in user
	backToReview bool   // the user shown was opened with u from the review: esc returns there

	authErr    error // a 401 answer: the session is signed out (signout.go)
	pending    int   // work in flight (common.Work), for the spinner
	clip       clipState
	quit       quitGuard // ctrl+c (quitguard.go)
	prefetched bool      // the start-up screen made the first load (firstload.go)
}

// New returns the root model.
func New(opts Options) Model {
	c := common.New(opts.Now)
	c.UsePalette(opts.Palette)
	c.Zone = opts.Zone
	c.Keys.SetReadOnly(opts.ReadOnly)
	c.Keys.Profile.SetEnabled(len(opts.Profiles) >= 2)
	c.Keys.SetAdmin(false) // until api/users/current says so
	c.StaticCursor = opts.StaticCursor
	c.ClipboardClear = opts.ClipboardClear
	var caps model.Capabilities
	if opts.Service != nil {
		caps = opts.Service.Capabilities()
		c.Keys.SetCapabilities(caps.TokenTypes, caps.Expiration)
	}
	h := c.NewHelp()
	m := Model{
		common: c,
		ctx:    context.Background(),
		svc:    opts.Service,
		cb:     opts.Clipboard,
		opts:   opts,
		caps:   caps,
		table:  tokens.New(c, caps, opts.ReadOnly),
		status: statusbar.New(c),
		help:   h,
		login:  opts.Login,
		review: review.New(c, caps, opts.ReadOnly),
	}
	m.share()
	if opts.Review {
		m.page = PageReview
	}
	if m.svc != nil {
		m.pending = 1
		m.status.SetActivity("Loading tokens…")
	}
	return m
}

// withContext sets the context API calls run under.
func (m Model) withContext(ctx context.Context) Model {
	if ctx != nil {
		m.ctx = ctx
	}
	m.share()
	return m
}

// share hands the pages the session as it is now: the signed-in user,
// the session's token, what the generate form offers.
func (m *Model) share() {
	concurrency := m.opts.Concurrency
	if concurrency <= 0 {
		concurrency = client.DefaultScanConcurrency
	}
	s := sess.Session{
		Ctx: m.ctx, Clipboard: m.cb, User: m.user, Admin: m.isAdmin(), Caps: m.caps, ReadOnly: m.opts.ReadOnly,
		Own:      m.ownHint(),
		Projects: m.projects, MaxLife: m.maxLife, Project: m.opts.PropertiesProject, Concurrency: concurrency,
	}
	if m.svc != nil {
		s.Svc = m.svc
	}
	m.table.SetSession(s)
	m.review.SetSession(s)
}

// ownHint is what is known of the token the console signed in with.
func (m *Model) ownHint() model.SessionHint {
	return model.SessionHint{Login: m.user.Login, Type: m.opts.OwnTokenType, Expiration: m.ownExpiry, HasExpiration: m.hasOwnExpiry}
}

// Mode returns what has the keyboard, from the help or the log shown
// over the rest, else the dialog in the slot.
func (m Model) Mode() Mode {
	d := m.dialog
	if m.over != nil {
		d = m.over
	}
	switch d.(type) {
	case helpscreen.Model:
		return ModeHelp
	case notice.Model:
		return ModeNotice
	case confirm.Model:
		return ModeConfirm
	case picker.Model:
		return ModePicker
	case create.Model:
		return ModeForm
	case reveal.Dialog:
		return ModeReveal
	case rotate.Model:
		return ModeRotate
	case detail.Dialog:
		return ModeDetail
	case export.Model:
		return ModeExport
	case nil:
		return ModeTable
	}
	return ModeDialog
}

// Table returns the token table.
func (m Model) Table() tokens.Model { return m.table }

// Form returns the generate form (meaningful in ModeForm).
func (m Model) Form() create.Model {
	f, _ := m.dialog.(create.Model)
	return f
}

// Reveal returns the reveal modal (meaningful in ModeReveal).
func (m Model) Reveal() reveal.Model {
	d, _ := m.dialog.(reveal.Dialog)
	return d.Model
}

// Confirm returns the confirm dialog (meaningful in ModeConfirm).
func (m Model) Confirm() confirm.Model {
	c, _ := m.dialog.(confirm.Model)
	return c
}

// Status returns the status line.
func (m Model) Status() statusbar.Model { return m.status }

// Page returns what the content area shows.
func (m Model) Page() Page { return m.page }

// Login returns whose tokens the table shows ("" for the signed-in user).
func (m Model) Login() string { return m.login }

// Review returns the review of every user's tokens.
func (m Model) Review() review.Model { return m.review }

// Picker returns the user picker (meaningful in ModePicker).
func (m Model) Picker() picker.Model {
	p, _ := m.dialog.(picker.Model)
	return p
}

// Rotation returns the rotation dialog (meaningful in ModeRotate).
func (m Model) Rotation() rotate.Model {
	r, _ := m.dialog.(rotate.Model)
	return r
}

// Notice returns the report dialog or the message log (meaningful in
// ModeNotice).
func (m Model) Notice() notice.Model {
	if n, ok := m.over.(notice.Model); ok {
		return n
	}
	n, _ := m.dialog.(notice.Model)
	return n
}

// Init loads the user, the tokens, and what the generate form needs,
// unless the start-up screen did.
func (m Model) Init() tea.Cmd {
	if m.svc == nil {
		return nil
	}
	if m.prefetched {
		return m.status.Tick()
	}
	projects, maxLife := loadFlags(m.opts.Login, m.opts.ReadOnly, m.caps)
	return tea.Batch(m.status.Tick(), loadAllCmd(m.ctx, m.svc, m.opts.Login, projects, maxLife))
}
