package startup

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// Screen is which start-up screen shows.
type Screen int

// The start-up screens.
const (
	ScreenConnecting Screen = iota
	ScreenError
	ScreenWelcome
	// ScreenTrust asks whether the token may go to a server that only a
	// sonar-project.properties names.
	ScreenTrust
)

// String names the screen.
func (s Screen) String() string {
	return [...]string{"connecting", "error", "welcome", "trust"}[s]
}

// RetryMsg asks to connect again with the same server and token.
type RetryMsg struct{}

// ConnectMsg asks to connect with what the welcome form holds.
type ConnectMsg struct {
	URL   string
	Token model.Secret
	// Save asks to keep the token in the OS keychain under Profile once
	// the server has accepted it.
	Save    bool
	Profile string
}

// DemoMsg asks to open the console on the built-in demo server.
type DemoMsg struct{}

// WelcomeParams configures the welcome form.
type WelcomeParams struct {
	URL     string // prefilled server URL
	Profile string // prefilled profile name
	CanSave bool   // a keychain may be offered
	CanDemo bool   // the built-in demo may be offered
	// Save checks the keychain box from the start (a keychain profile
	// signing in again).
	Save bool
	// Intro replaces the first-run introduction (signing in again).
	Intro string
}

// Focus targets of the welcome form.
const (
	focusURL = iota
	focusToken
	focusSave
	focusProfile
	focusConnect
	focusDemo
)

// Model is the start-up screens.
type Model struct {
	common.Common
	keys    KeyMap
	help    help.Model
	screen  Screen
	url     string
	problem Problem
	spin    spinner.Model
	banners []string

	urlIn, tokenIn, profileIn textinput.Model
	save                      bool
	focus                     int
	wp                        WelcomeParams
	formErr                   string
	welcomed                  bool // the welcome form was shown: e returns to it
	trustFile                 string
}

// New returns the start-up screens, on the connecting one. Banners are
// warnings shown under the title on every screen.
func New(c common.Common, banners []string) Model {
	m := Model{
		Common:  c,
		keys:    DefaultKeyMap(),
		help:    c.NewHelp(),
		spin:    spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Spinner)),
		banners: banners,
	}
	m.urlIn = c.NewInput("https://sonar.example.com", 500)
	m.tokenIn = c.NewInput("squ_…", 500)
	m.tokenIn.EchoMode = textinput.EchoPassword
	m.tokenIn.EchoCharacter = '•'
	m.profileIn = c.NewInput("default", 64)
	return m
}

// Screen returns the screen shown.
func (m Model) Screen() Screen { return m.screen }

// Problem returns the failure shown on the error screen.
func (m Model) Problem() Problem { return m.problem }

// Connecting shows the spinner while url is reached.
func (m *Model) Connecting(url string) tea.Cmd {
	m.screen, m.url = ScreenConnecting, url
	return m.spin.Tick
}

// Tick starts the connecting spinner.
func (m Model) Tick() tea.Cmd { return m.spin.Tick }

// Fail shows the error screen for a failure to connect to url; e then
// focuses the welcome form's field that failed.
func (m *Model) Fail(url string, err error) {
	m.screen, m.url, m.problem = ScreenError, url, Explain(err)
	m.focus = failedField(err)
}

// failedField is the welcome form's field a failure points at: the token
// after the server refused it, else the server's URL (unreachable, not
// SonarQube, TLS, a redirect).
func failedField(err error) int {
	switch client.Classify(err) {
	case client.KindUnauthorized, client.KindForbidden:
		return focusToken
	}
	return focusURL
}

// Welcome shows the welcome form.
func (m *Model) Welcome(p WelcomeParams) tea.Cmd {
	m.screen = ScreenWelcome
	m.prefill(p)
	m.save = p.CanSave && (m.save || p.Save)
	return m.setFocus(m.focus)
}

// prefill keeps p for the welcome form and puts its URL and profile in
// the fields the user left empty.
func (m *Model) prefill(p WelcomeParams) {
	m.wp, m.welcomed = p, true
	if m.urlIn.Value() == "" {
		m.urlIn.SetValue(p.URL)
	}
	if m.profileIn.Value() == "" {
		m.profileIn.SetValue(p.Profile)
	}
}

// SignedOut shows the sign-in page after the server refused the token of
// a running session: the failure with r to retry, and e to the welcome
// form (p) to enter a token again.
func (m *Model) SignedOut(url string, err error, p WelcomeParams) {
	m.prefill(p)
	m.save = p.CanSave && p.Save
	m.focus = focusToken
	m.screen, m.url, m.problem = ScreenError, url, ExplainSignedOut(err, p.CanSave && p.Save, p.Profile)
}

// BackToWelcome returns to the welcome form (after a failure), keeping
// what was typed.
func (m *Model) BackToWelcome() tea.Cmd { return m.Welcome(m.wp) }

// SetSize sets the screen's size.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.help.Width = w
	iw := max(10, min(50, w-30))
	m.urlIn.Width, m.tokenIn.Width, m.profileIn.Width = iw, iw, iw
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Update handles keys and the spinner.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if m.screen != ScreenConnecting {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.ForceQuit) {
			return m, tea.Quit
		}
		switch m.screen {
		case ScreenError:
			return m.errorKey(msg)
		case ScreenWelcome:
			return m.welcomeKey(msg)
		case ScreenTrust:
			return m.trustKey(msg)
		case ScreenConnecting:
			if key.Matches(msg, m.keys.Quit) {
				return m, tea.Quit
			}
		}
		return m, nil
	}
	if m.screen == ScreenWelcome {
		return m.updateInput(msg)
	}
	return m, nil
}

func (m Model) errorKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Retry):
		return m, func() tea.Msg { return RetryMsg{} }
	case key.Matches(msg, m.keys.Edit) && m.welcomed:
		return m, m.BackToWelcome()
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	}
	return m, nil
}

func (m Model) focusOrder() []int {
	out := []int{focusURL, focusToken}
	if m.wp.CanSave {
		out = append(out, focusSave)
		if m.save {
			out = append(out, focusProfile)
		}
	}
	out = append(out, focusConnect)
	if m.wp.CanDemo {
		out = append(out, focusDemo)
	}
	return out
}

func (m *Model) move(delta int) tea.Cmd {
	order := m.focusOrder()
	i := 0
	for j, f := range order {
		if f == m.focus {
			i = j
		}
	}
	i = (i + delta + len(order)) % len(order)
	return m.setFocus(order[i])
}

func (m *Model) setFocus(f int) tea.Cmd {
	m.focus = f
	m.urlIn.Blur()
	m.tokenIn.Blur()
	m.profileIn.Blur()
	switch f {
	case focusURL:
		return m.urlIn.Focus()
	case focusToken:
		return m.tokenIn.Focus()
	case focusProfile:
		return m.profileIn.Focus()
	}
	return nil
}

func (m Model) welcomeKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Leave):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Demo) && m.wp.CanDemo:
		return m, func() tea.Msg { return DemoMsg{} }
	case key.Matches(msg, m.keys.Next):
		return m, m.move(1)
	case key.Matches(msg, m.keys.Prev):
		return m, m.move(-1)
	case key.Matches(msg, m.keys.Toggle) && m.focus == focusSave:
		m.save = !m.save
		return m, nil
	case key.Matches(msg, m.keys.Submit):
		switch m.focus {
		case focusDemo:
			return m, func() tea.Msg { return DemoMsg{} }
		case focusURL:
			if strings.TrimSpace(m.tokenIn.Value()) == "" {
				return m, m.move(1)
			}
		}
		return m.submit()
	}
	return m.updateInput(msg)
}

func (m Model) updateInput(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.focus {
	case focusURL:
		m.urlIn, cmd = m.urlIn.Update(msg)
	case focusToken:
		m.tokenIn, cmd = m.tokenIn.Update(msg)
	case focusProfile:
		m.profileIn, cmd = m.profileIn.Update(msg)
	}
	if _, ok := msg.(tea.KeyMsg); ok {
		m.formErr = ""
	}
	return m, cmd
}

// submit checks the form and asks to connect.
func (m Model) submit() (Model, tea.Cmd) {
	raw := strings.TrimSpace(m.urlIn.Value())
	token := strings.TrimSpace(m.tokenIn.Value())
	profile := strings.TrimSpace(m.profileIn.Value())
	if profile == "" {
		profile = m.profileIn.Placeholder
	}
	urlErr := config.CheckURL(raw)
	switch {
	case raw == "":
		m.formErr = "Enter the server URL, for example https://sonar.example.com."
		return m, m.setFocus(focusURL)
	case urlErr != nil && !errors.Is(urlErr, config.ErrCredentialsInURL):
		m.formErr = "The server URL must be an http:// or https:// address."
		return m, m.setFocus(focusURL)
	case errors.Is(urlErr, config.ErrCredentialsInURL):
		m.formErr = "Leave the user name and password out of the URL (no USER:PASSWORD@): sonartoken sends only the token below."
		return m, m.setFocus(focusURL)
	case token == "":
		m.formErr = "Enter a user token: SonarQube > My Account > Security > Generate."
		return m, m.setFocus(focusToken)
	case strings.ContainsAny(token, " \t"):
		m.formErr = "A token has no spaces: paste it again."
		return m, m.setFocus(focusToken)
	case m.save && !config.ValidProfileName(profile):
		m.formErr = "A profile name is 1 to 64 letters, digits, '.', '_' or '-'."
		return m, m.setFocus(focusProfile)
	}
	msg := ConnectMsg{URL: raw, Token: model.NewSecret(token), Save: m.save && m.wp.CanSave, Profile: profile}
	return m, func() tea.Msg { return msg }
}

// DropSecret forgets the typed token (after it was used or saved).
func (m *Model) DropSecret() { m.tokenIn.SetValue("") }
