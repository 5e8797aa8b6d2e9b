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
	r := rotate.New(m.common, rotate.Params{
		Old: t, Login: m.apiLogin(t), Existing: m.ownerNames(t), Caps: m.caps, Max: m.maxLife,
	}, m.cb)
	m.dialog = r
	return m, r.Init()
}

func (m Model) rotateGenerate(msg rotate.GenerateMsg) (Model, tea.Cmd) {
	r, ok := m.rotating()
	if !ok || r.Step() != rotate.StepGenerating {
		return m, nil
	}
	old := r.Old()
	tick := m.begin("Generating \"" + msg.Request.Name + "\"…")
	m.startGen(msg.Request.Name, msg.Request.Login)
	return m, tea.Batch(tick, rotate.GenerateCmd(m.ctx, m.svc, msg.Request, old.ProjectName))
}

// rotateGenerated moves the value into the rotation dialog; the message
// itself is dropped when Update returns.
func (m Model) rotateGenerated(msg rotate.GeneratedMsg) (Model, tea.Cmd) {
	m.endGen()
	m.pending--
	m.syncActivity()
	r, ok := m.rotating()
	if !ok {
		return m, nil
	}
	if lost, ok := asLost(msg.Err); ok && lost.Created {
		// The replacement exists without its value; the old token is
		// untouched.
		r.SetLost(lost.Token)
		m.dialog = r
		return m.added(r.Old().Login, lost.Token)
	}
	if msg.Err != nil {
		r.SetGenerateError(msg.Err)
		m.dialog = r
		return m, nil
	}
	r.SetGenerated(msg.Token)
	m.dialog = r
	m.armedReveal()
	return m.added(r.Old().Login, msg.Token.Token)
}

// rotateRetry revokes the replacement created without its value, then
// generates it again.
func (m Model) rotateRetry(msg rotate.RetryMsg) (Model, tea.Cmd) {
	r, ok := m.rotating()
	if !ok || r.Step() != rotate.StepGenerating {
		return m, nil
	}
	lost := r.New()
	if lost.Login == "" {
		lost.Login = r.Old().Login
	}
	tick := m.begin("Revoking \"" + msg.Name + "\" and generating it again…")
	m.startGen(msg.Request.Name, msg.Request.Login)
	return m, tea.Batch(tick, rotate.RetryCmd(m.ctx, m.svc, msg.Login, lost, msg.Request, r.Old().ProjectName))
}

func (m Model) rotateRetried(msg rotate.RetriedMsg) (Model, tea.Cmd) {
	if msg.RevokeErr != nil {
		m.endGen()
		m.pending--
		m.syncActivity()
		if r, ok := m.rotating(); ok {
			r.SetLostRevokeError(msg.RevokeErr)
			m.dialog = r
		}
		return m, nil
	}
	m, cmd := m.revokedTokens(msg.Lost)
	m, next := m.rotateGenerated(msg.Gen)
	return m, tea.Batch(cmd, next)
}

func (m Model) rotateRevoke(msg rotate.RevokeMsg) (Model, tea.Cmd) {
	r, ok := m.rotating()
	if !ok || r.Step() != rotate.StepRevoking {
		return m, nil
	}
	tick := m.begin("Revoking \"" + msg.Name + "\"…")
	return m, tea.Batch(tick, rotate.RevokeCmd(m.ctx, m.svc, msg.Login, r.Old()))
}

func (m Model) rotateRevoked(msg rotate.RevokedMsg) (Model, tea.Cmd) {
	m.pending--
	m.syncActivity()
	if r, ok := m.rotating(); ok {
		r.SetRevoked(msg.Err)
		m.dialog = r
	}
	if msg.Err != nil {
		return m, nil
	}
	return m.revokedTokens(msg.Old)
}

func (m Model) rotateClosed(msg rotate.ClosedMsg) (Model, tea.Cmd) {
	if _, ok := m.rotating(); ok {
		m.dialog = nil
	}
	if msg.Generated && m.page == PageTokens {
		m.table.SelectName(msg.New.Name)
	}
	return m, nil
}

// rotating returns the rotation when it is the open dialog.
func (m Model) rotating() (rotate.Model, bool) {
	r, ok := m.dialog.(rotate.Model)
	return r, ok
}
