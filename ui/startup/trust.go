package startup

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// TrustMsg accepts the server a sonar-project.properties names: connect,
// and remember the answer.
type TrustMsg struct{}

// DistrustMsg refuses it: the user chooses the server on the welcome
// form.
type DistrustMsg struct{}

// trustKeys answer the question.
type trustKeys struct {
	Yes, No, Quit key.Binding
}

func defaultTrustKeys() trustKeys {
	return trustKeys{
		Yes:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "trust it and connect")),
		No:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "choose the server yourself")),
		Quit: key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q", "quit")),
	}
}

func (k trustKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Yes, k.No, k.Quit} }
func (k trustKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// AskTrust asks whether the token may go to url, which only file (a
// sonar-project.properties) names.
func (m *Model) AskTrust(url, file string) {
	m.screen, m.url, m.trustFile = ScreenTrust, url, file
}

func (m Model) trustKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := defaultTrustKeys()
	switch {
	case key.Matches(msg, k.Yes):
		return m, func() tea.Msg { return TrustMsg{} }
	case key.Matches(msg, k.No):
		return m, func() tea.Msg { return DistrustMsg{} }
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	}
	return m, nil
}

// trustView is the question in a dialog at most h lines tall: short of
// room it gives up its blank lines and the explanation before the server,
// the file and the answers.
func (m Model) trustView(w, h int) string {
	st := m.Styles
	dw := dialogWidth(w)
	k := defaultTrustKeys()
	answer := func(b key.Binding, text string) common.Part {
		return common.Line(st.HeaderText.Render(b.Help().Key)+"  "+indent(wrap(text, dw-3), 3), common.Keep)
	}
	parts := []common.Part{
		common.Line(st.FieldError.Bold(true).Render("⚠ Send your token to this server?"), common.Keep),
		common.Blank(),
		common.Line(st.Label.Render("Server:   ")+st.Value.Render(model.Printable(m.url)), common.Keep),
		common.Line(st.Label.Render("Named by: ")+st.Value.Render(indent(wrap("sonar.host.url in "+model.Printable(m.trustFile), dw-10), 10)), common.Keep),
		common.Blank(),
		common.Line(wrap("You have not named this server: no profile and no --url or SONAR_HOST_URL points at it. Anyone who can write to this working tree (a cloned repository, a pull request) can name a server there, and your token would go to it.", dw), common.Hint),
		common.Blank(),
		answer(k.Yes, "trust it: connect, and remember it in the configuration file (trusted-urls)"),
		answer(k.No, "do not send the token: choose the server yourself"),
	}
	return common.FitDialog(st.DangerDialog.Width(dw+4), h, parts...)
}

// indent puts n spaces before every line of s but the first.
func indent(s string, n int) string {
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", n))
}
