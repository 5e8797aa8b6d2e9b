package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/errtext"
	"github.com/sonartoken/sonartoken/ui/picker"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// The routers of the flows' messages: each takes the results of its
// flow's Cmds and the requests of its dialogs, and says whether msg was
// its own. Update tries them in turn (the list flows in update.go) after
// the root's own messages (keys, sizes, the clipboard, notes), and
// forwards what none takes to the open dialog or the filtering page.

// loadMsg routes the answers of the first load and of a refresh.
func (m Model) loadMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.pending--
		m.projects, m.maxLife = msg.projects, msg.max
		m.takeUser(msg.user, msg.userErr)
		m.takeTokens(msg.tokens)
		m.syncActivity()
		if m.opts.Review {
			next, cmd := m.reviewAtStart()
			return next, cmd, true
		}
	case userMsg:
		m.pending--
		m.takeUser(msg.user, msg.err)
		m.syncActivity()
	case tokensMsg:
		m.pending--
		m.takeTokens(msg)
		m.syncActivity()
	default:
		return m, nil, false
	}
	return m, nil, true
}

// takeUser keeps the signed-in user read, or says why it could not be.
func (m *Model) takeUser(u model.CurrentUser, err error) {
	if err != nil {
		m.status.SetError("Could not read the signed-in user: " + errtext.Describe(err))
		return
	}
	m.user, m.userLoaded = u, true
	m.noteUser()
}

// takeTokens shows the token list read, or says why it could not be.
func (m *Model) takeTokens(msg tokensMsg) {
	m.noteExpiry(msg.expiry, msg.hasExpiry)
	if msg.err != nil {
		m.status.SetError("Could not load tokens: " + errtext.Describe(msg.err))
		m.table.SetFailed()
		return
	}
	m.table.SetTokens(msg.tokens)
}

// generateMsg routes the generate form and its answers.
func (m Model) generateMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	var next Model
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case create.SubmitMsg:
		next, cmd = m.generate(msg.Request)
	case create.CancelMsg:
		m.dialog = nil
		next = m
	case create.GeneratedMsg:
		next, cmd = m.generatedOrLost(msg)
	case create.RegeneratedMsg:
		next, cmd = m.regenerated(msg)
	default:
		return m, nil, false
	}
	return next, cmd, true
}

// adminMsg routes the user picker, the review's scan, the bulk
// revocation and the rotation.
func (m Model) adminMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	var next Model
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case picker.UsersMsg:
		// The open picker takes it (forward); after it closed, it is dropped.
		_, open := m.dialog.(picker.Model)
		return m, nil, !open
	case picker.ChosenMsg:
		next, cmd = m.showUser(msg.Login)
	case picker.CancelMsg:
		m.dialog = nil
		m.backToReview = false
		next = m
	case review.ScanStartedMsg:
		next, cmd = m.scanStarted(msg)
	case review.ScanBatchMsg:
		next, cmd = m.scanBatch(msg)
	case review.BulkStartedMsg, review.BulkProgressMsg:
		next, cmd = m.bulkMsg(msg)
	case bulkRetryMsg:
		next, cmd = m.bulkRetry(msg.tokens)
	case rotate.GenerateMsg:
		next, cmd = m.rotateGenerate(msg)
	case rotate.GeneratedMsg:
		next, cmd = m.rotateGenerated(msg)
	case rotate.RetryMsg:
		next, cmd = m.rotateRetry(msg)
	case rotate.RetriedMsg:
		next, cmd = m.rotateRetried(msg)
	case rotate.RevokeMsg:
		next, cmd = m.rotateRevoke(msg)
	case rotate.RevokedMsg:
		next, cmd = m.rotateRevoked(msg)
	case rotate.ClosedMsg:
		next, cmd = m.rotateClosed(msg)
	default:
		return m, nil, false
	}
	return next, cmd, true
}

// revokeMsg routes the confirmation's answer and a revocation's.
func (m Model) revokeMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case confirm.ConfirmedMsg:
		if m.confirmGen != nil {
			m.quit.gen, m.confirmGen = m.confirmGen, nil
		}
		m.dialog = nil
		if msg.Action == nil {
			return m, nil, true
		}
		return m, tea.Batch(m.begin(m.confirmActivity), msg.Action), true
	case confirm.CancelledMsg:
		m.confirmGen = nil
		m.dialog = nil
		return m, nil, true
	case revokedMsg:
		next, cmd := m.revoked(msg)
		return next, cmd, true
	}
	return m, nil, false
}
