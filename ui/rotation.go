package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// selectedToken is the token under the cursor of the page shown.
func (m Model) selectedToken() (model.Token, bool) {
	if m.page == PageReview {
		return m.review.Selected()
	}
	return m.table.Selected()
}

// apiLogin is the login parameter for acting on t: "" for one's own
// tokens, the owner's login otherwise.
func (m Model) apiLogin(t model.Token) string {
	if m.page == PageTokens {
		return m.login
	}
	if t.Login == m.user.Login {
		return ""
	}
	return t.Login
}

// ownerNames returns the names of the owner's listed tokens.
func (m Model) ownerNames(t model.Token) []string {
	if m.page == PageReview {
		return m.review.Table().NamesOf(t.Login)
	}
	return m.table.Names()
}

// askRotate opens the rotation of the selected token, or says why it
// cannot be rotated.
func (m Model) askRotate() (Model, tea.Cmd) {
	t, ok := m.selectedToken()
	if !ok || m.opts.ReadOnly || m.svc == nil {
		return m, nil
	}
	me := m.user
	if t.Login == "" && m.page == PageTokens {
		t.Login = m.login
	}
	if why := model.RotationRefusal(t, me); why != "" {
		m.status.SetError("Cannot rotate " + t.Name + ": " + why)
		return m, nil
	}
	m.rotation = rotate.New(m.common, rotate.Params{
		Old: t, Login: m.apiLogin(t), Existing: m.ownerNames(t), Caps: m.caps, Max: m.maxLife,
	}, m.cb)
	m.mode = ModeRotate
	m.layout()
	return m, m.rotation.Init()
}

func (m Model) rotateGenerate(msg rotate.GenerateMsg) (Model, tea.Cmd) {
	if m.mode != ModeRotate || m.rotation.Step() != rotate.StepGenerating {
		return m, nil
	}
	old := m.rotation.Old()
	tick := m.begin("Generating \"" + msg.Request.Name + "\"…")
	m.startGen(msg.Request.Name, msg.Request.Login)
	return m, tea.Batch(tick, rotateGenerateCmd(m.ctx, m.svc, msg.Request, old.ProjectName))
}

// rotateGenerated moves the value into the rotation dialog; the message
// itself is dropped when Update returns.
func (m Model) rotateGenerated(msg rotateGeneratedMsg) (Model, tea.Cmd) {
	m.endGen()
	m.pending--
	m.syncActivity()
	if m.mode != ModeRotate {
		return m, nil
	}
	if lost, ok := asLost(msg.err); ok && lost.Created {
		// The replacement exists without its value; the old token is
		// untouched.
		m.addListed(lost.Token, m.rotation.Old().Login)
		m.rotation.SetLost(lost.Token)
		m.layout()
		return m, nil
	}
	if msg.err != nil {
		m.rotation.SetGenerateError(msg.err)
		return m, nil
	}
	m.rotation.SetGenerated(msg.token)
	m.armedReveal()
	m.addListed(msg.token.Token, m.rotation.Old().Login)
	m.layout()
	return m, nil
}

// rotateRetry revokes the replacement created without its value, then
// generates it again.
func (m Model) rotateRetry(msg rotate.RetryMsg) (Model, tea.Cmd) {
	if m.mode != ModeRotate || m.rotation.Step() != rotate.StepGenerating {
		return m, nil
	}
	lost := m.rotation.New()
	if lost.Login == "" {
		lost.Login = m.rotation.Old().Login
	}
	tick := m.begin("Revoking \"" + msg.Name + "\" and generating it again…")
	m.startGen(msg.Request.Name, msg.Request.Login)
	return m, tea.Batch(tick, rotateRetryCmd(m.ctx, m.svc, msg.Login, lost, msg.Request, m.rotation.Old().ProjectName))
}

func (m Model) rotateRetried(msg rotateRetriedMsg) (Model, tea.Cmd) {
	if msg.revokeErr != nil {
		m.endGen()
		m.pending--
		m.syncActivity()
		if m.mode == ModeRotate {
			m.rotation.SetLostRevokeError(msg.revokeErr)
		}
		return m, nil
	}
	m.removeListed(msg.lost)
	return m.rotateGenerated(msg.gen)
}

func (m Model) rotateRevoke(msg rotate.RevokeMsg) (Model, tea.Cmd) {
	if m.mode != ModeRotate || m.rotation.Step() != rotate.StepRevoking {
		return m, nil
	}
	tick := m.begin("Revoking \"" + msg.Name + "\"…")
	return m, tea.Batch(tick, rotateRevokeCmd(m.ctx, m.svc, msg.Login, m.rotation.Old()))
}

func (m Model) rotateRevoked(msg rotateRevokedMsg) (Model, tea.Cmd) {
	m.pending--
	m.syncActivity()
	if msg.err == nil {
		m.removeListed(msg.old)
	}
	if m.mode == ModeRotate {
		m.rotation.SetRevoked(msg.err)
	}
	return m, nil
}

func (m Model) rotateClosed(msg rotate.ClosedMsg) (Model, tea.Cmd) {
	m.rotation = rotate.Model{}
	m.mode = ModeTable
	if msg.Generated && m.page == PageTokens {
		m.table.SelectName(msg.New.Name)
	}
	m.layout()
	return m, nil
}

// addListed lists a new token of owner in the tables that show owner's
// tokens.
func (m *Model) addListed(t model.Token, owner string) {
	if t.Login == "" {
		t.Login = owner
	}
	if m.table.Loaded() && (m.login == t.Login || (m.login == "" && t.Login == m.user.Login)) {
		m.table.Add(t)
	}
	if m.review.Table().Loaded() {
		m.review.Add(t)
	}
}

// removeListed drops a revoked token from every table.
func (m *Model) removeListed(t model.Token) {
	m.table.RemoveTokens([]model.Token{t})
	m.review.RemoveTokens([]model.Token{t})
}
