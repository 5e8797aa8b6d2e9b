package ui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/errtext"
)

// Update implements tea.Model with update.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return m.update(msg) }

// update is Update returning the Model itself: Boot calls it, since a
// Model put in a tea.Model (21 KB) was copied to the heap on every
// message. The root routes: a key to what has the keyboard, a flow's
// answer (common.Result) through one path (result.go), and handles only
// what spans pages: the size, the status line, the dialog slot, ctrl+c,
// the sign-in on a 401.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	info := m.status.InfoID()
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if isBurst(msg) && !m.typing() {
			m, cmd = m.splitBurst(msg) // keysplit.go
			break
		}
		m, cmd = m.handle(msg)
	case common.Result:
		m, cmd = m.result(msg)
	case common.ErrorMsg:
		m, cmd = m.handle(msg)
		m.noteAuth(msg.Err)
	default:
		m, cmd = m.handle(msg)
	}
	// What the pages' keys and answers hand the console: dialogs,
	// refusals, a bulk revocation's revoked tokens and its report.
	cmd = tea.Batch(cmd, m.fromPages())
	if len(m.waiting) > 0 && m.slotFree() {
		m.dialog, m.waiting = m.waiting[0], m.waiting[1:]
	}
	m.warnValue()
	m.share()
	if m.ready {
		// The header and the status line change height (a warning, a long
		// error): hand the components the room that is left.
		m.layout()
	}
	if id := m.status.InfoID(); id != info && m.status.Info() != "" {
		cmd = tea.Batch(cmd, expireInfoCmd(id)) // a note goes after infoTTL
	}
	return m, cmd
}

// handle takes the messages that are not a flow's answer: keys, the
// size, the spinner, the clipboard's timer, notes, work begun.
func (m Model) handle(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ready = true
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tea.KeyMsg:
		if m.authErr == nil {
			// A note or an error is about what came before this key: it
			// is not carried into what the key opens. The log keeps it;
			// the sign-out's error stays until the sign-in replaces all.
			m.status.Clear()
		}
		if key.Matches(msg, m.common.Keys.ForceQuit) {
			if m.holdQuit() {
				m.over = nil // the warning shows in the dialog under it
				return m, nil
			}
			return m, m.forceQuit()
		}
		m.disarmQuit()
		return m.handleKey(msg)
	case spinner.TickMsg:
		var cmd tea.Cmd
		m.status, cmd = m.status.UpdateSpinner(msg, m.pending <= 0)
		return m, cmd
	case common.BeganMsg:
		return m, m.begin(msg)
	case clipClearDueMsg:
		return m.clearDue(msg)
	case clipClearedMsg:
		return m.clipCleared(msg)
	case expireInfoMsg:
		m.status.ExpireInfo(msg.id)
		return m, nil
	case common.ErrorMsg:
		m.status.SetError(msg.Action + ": " + errtext.Describe(msg.Err))
		return m, nil
	case common.InfoMsg:
		m.status.SetInfo(msg.Text)
		return m, nil
	case common.ShowUserMsg:
		return m.showUser(msg.Login)
	case common.QuitMsg:
		return m, m.forceQuit()
	}
	return m.forward(msg)
}

// forward passes other messages (cursor blinks, a debounce, a lookup) to
// the focused component.
func (m Model) forward(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch {
	case m.dialog != nil:
		m.dialog, cmd = m.dialog.Update(msg)
	case m.page == PageReview && m.review.Filtering():
		m.review, cmd = m.review.Update(msg)
	case m.page == PageTokens && m.table.Filtering():
		m.table, cmd = m.table.Update(msg)
	}
	return m, cmd
}

// handleKey hands a key to the help or the log over the rest, the dialog,
// or the page; the root itself answers the keys that change pages (u, v,
// esc back, p) or span them (q, r on the tokens page).
func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch {
	case m.over != nil:
		return m.updateOver(msg)
	case m.openOver(msg):
		return m, nil
	case m.dialog != nil:
		m.dialog, cmd = m.dialog.Update(msg)
		return m, cmd
	case m.page == PageReview && m.review.Filtering():
		m.review, cmd = m.review.Update(msg)
		return m, cmd
	case m.page == PageTokens && m.table.Filtering():
		m.table, cmd = m.table.Update(msg)
		return m, cmd
	}
	if m.page == PageReview {
		m.status.ClearError()
	}
	k := m.common.Keys
	switch {
	case key.Matches(msg, k.Quit):
		return m, m.forceQuit()
	case key.Matches(msg, anyState(k.Users)):
		return m.openPicker()
	case key.Matches(msg, k.Profile):
		return m.switchProfile()
	case m.page == PageReview:
		if !m.review.Loading() && m.review.Table().Query() == "" && key.Matches(msg, k.Back) {
			m.page = PageTokens
			m.backToReview = false
			return m, nil
		}
		m.review, cmd = m.review.Update(msg)
		return m, cmd
	case key.Matches(msg, k.Refresh):
		return m, m.refresh()
	case key.Matches(msg, anyState(k.Review)):
		return m.openReview()
	case m.backToReview && m.table.Query() == "" && key.Matches(msg, k.Back):
		m.backToReview = false
		m.page = PageReview
		return m, nil
	case m.login != "" && m.table.Query() == "" && key.Matches(msg, k.Back):
		return m.showUser("")
	}
	m.table, cmd = m.table.Update(msg)
	return m, cmd
}

// begin counts work begun and starts the spinner when it was idle.
func (m *Model) begin(msg common.BeganMsg) tea.Cmd {
	wasIdle := m.pending <= 0
	m.pending++
	m.status.SetActivity(msg.Activity)
	if msg.Generating != nil {
		m.startGen(*msg.Generating)
	}
	if wasIdle {
		return m.status.Tick()
	}
	return nil
}

// ended counts work ended, and clears the activity once none is left.
func (m *Model) ended() {
	m.pending--
	if m.pending <= 0 {
		m.pending = 0
		m.status.SetActivity("")
	}
}
