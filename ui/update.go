package ui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/errtext"
	"github.com/sonartoken/sonartoken/ui/reveal"
)

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return m.step(msg) }

// step is Update returning the concrete model, for the callers that go on
// with it (the start-up wrapper, the key-burst split). A note it shows
// goes after infoTTL, whoever set it.
func (m Model) step(msg tea.Msg) (Model, tea.Cmd) {
	nm, cmd := m.stepOne(msg)
	if id := nm.status.InfoID(); id != m.status.InfoID() && nm.status.Info() != "" {
		cmd = tea.Batch(cmd, expireInfoCmd(id))
	}
	return nm, cmd
}

func (m Model) stepOne(msg tea.Msg) (Model, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && isBurst(km) && !m.typing() {
		return m.splitBurst(km) // keysplit.go
	}
	logged := m.auditOf(msg)
	nm, cmd := m.update(msg)
	if logged != nil {
		cmd = tea.Batch(cmd, logged)
	}
	if nm.authErr == nil {
		nm.noteAuth(msg)
		if nm.authErr != nil && nm.SignedOut() == nil {
			// A value or a report is on screen: it stays until closed.
			nm.status.SetError("The server no longer accepts the console's token: close this to sign in again.")
		}
	}
	nm.showBulkReport() // admin.go
	if nm.ready {
		// The header and the status line change height (a warning, a long
		// error): hand the components the room that is left.
		nm.layout()
	}
	return nm, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
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
		m.status, cmd = m.status.UpdateSpinner(msg, m.idle())
		return m, cmd
	case clipClearDueMsg, clipClearedMsg:
		return m.updateClipboard(msg)
	case reveal.ClosedMsg:
		m.dropSecret()
		return m, nil
	case reveal.CopiedMsg:
		var cmd tea.Cmd
		if m.dialog != nil { // the reveal's or the rotation's copy
			m.dialog, cmd = m.dialog.Update(msg)
		}
		if msg.Err != nil {
			// The reveal wraps it in its room; the log keeps it whole.
			m.status.Record("Not copied: "+errtext.Describe(msg.Err), true)
		}
		// The copy took place even if its dialog is gone: time it.
		clear := m.scheduleClear(msg)
		return m, tea.Batch(cmd, clear)
	case expireInfoMsg:
		m.status.ExpireInfo(msg.id)
		return m, nil
	case common.ErrorMsg:
		m.status.SetError(msg.Action + ": " + errtext.Describe(msg.Err))
		return m, nil
	case common.InfoMsg:
		m.status.SetInfo(msg.Text)
		return m, nil
	case common.OpenDialogMsg:
		m.dialog = msg.Dialog
		return m, nil
	case common.CloseDialogMsg:
		m.dialog = nil
		return m, nil
	case closeOverMsg:
		m.over = nil
		return m, nil
	case common.QuitMsg:
		return m, m.forceQuit()
	}
	// Then the flows' results: each flow's router says whether the
	// message was its own.
	for _, flow := range flows {
		if next, cmd, ok := flow(m, msg); ok {
			return next, cmd
		}
	}
	return m.forward(msg)
}

// flows are the routers of flows.go, tried in turn.
var flows = []func(Model, tea.Msg) (Model, tea.Cmd, bool){
	Model.loadMsg, Model.generateMsg, Model.adminMsg, Model.revokeMsg, Model.changeMsg, Model.toolsMsg,
}

// forward passes other messages (cursor blinks) to the focused component.
func (m Model) forward(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	if m.dialog != nil {
		m.dialog, cmd = m.dialog.Update(msg)
		return m, cmd
	}
	switch {
	case m.page == PageReview && m.review.Filtering():
		m.review, cmd = m.review.Update(msg)
	case m.page == PageTokens && m.table.Filtering():
		m.table, cmd = m.table.Update(msg)
	}
	return m, cmd
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	if m.over != nil {
		return m.updateOver(msg)
	}
	if next, ok := m.overKey(msg); ok {
		return next, nil
	}
	if m.dialog != nil {
		m.dialog, cmd = m.dialog.Update(msg)
		return m, cmd
	}
	if m.page == PageReview {
		return m.reviewKey(msg)
	}
	if m.table.Filtering() {
		m.table, cmd = m.table.Update(msg)
		return m, cmd
	}
	if why := m.refusal(msg); why != "" {
		m.status.SetError(why)
		return m, nil
	}
	if next, cmd, ok := m.pageKey(msg); ok {
		return next, cmd
	}
	k := m.common.Keys
	switch {
	case key.Matches(msg, k.Refresh):
		return m, m.refresh()
	case key.Matches(msg, k.New):
		return m.openForm()
	case key.Matches(msg, k.Revoke):
		return m.askRevoke()
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

// pageKey handles the keys that the tokens page and the review answer
// alike: quit, rotate, the user picker, profile switching, export and the
// detail view (the help and the message log open over everything:
// overlay.go).
func (m Model) pageKey(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	k := m.common.Keys
	switch {
	case key.Matches(msg, k.Quit):
		return m, m.forceQuit(), true
	case key.Matches(msg, k.Rotate):
		next, cmd := m.askRotate()
		return next, cmd, true
	case key.Matches(msg, anyState(k.Users)):
		next, cmd := m.openPicker()
		return next, cmd, true
	case key.Matches(msg, k.Profile):
		next, cmd := m.switchProfile()
		return next, cmd, true
	case key.Matches(msg, k.Export):
		next, cmd := m.openExport()
		return next, cmd, true
	case key.Matches(msg, k.Detail):
		return m.openDetail()
	}
	return m, nil, false
}

// idle reports whether nothing is in flight, so the spinner can stop.
func (m Model) idle() bool { return m.pending <= 0 && !m.formBusy() }

// form returns the generate form when it is the open dialog.
func (m Model) form() (create.Model, bool) {
	f, ok := m.dialog.(create.Model)
	return f, ok
}

// formBusy reports whether the open form waits for its generate.
func (m Model) formBusy() bool {
	f, ok := m.form()
	return ok && f.Busy()
}

// begin counts a call in flight and starts the spinner when it was idle.
func (m *Model) begin(activity string) tea.Cmd {
	wasIdle := m.idle()
	m.pending++
	m.status.SetActivity(activity)
	if wasIdle {
		return m.status.Tick()
	}
	return nil
}

// syncActivity clears the activity once nothing is in flight.
func (m *Model) syncActivity() {
	if m.pending <= 0 {
		m.pending = 0
		m.status.SetActivity("")
	}
}

func (m *Model) noteExpiry(t time.Time, ok bool) {
	if ok {
		m.ownExpiry, m.hasOwnExpiry = t, true
	}
}

// refresh reloads the token list and the signed-in user (whose first
// read may have failed, closing the administrators' keys).
func (m *Model) refresh() tea.Cmd {
	if m.svc == nil {
		return nil
	}
	tick := m.begin("Refreshing tokens…")
	m.pending++
	return tea.Batch(tick, loadTokensCmd(m.ctx, m.svc, m.login), currentUserCmd(m.ctx, m.svc))
}

// openForm opens the generate form with what the server allows this user.
func (m Model) openForm() (Model, tea.Cmd) {
	if m.opts.ReadOnly || m.svc == nil {
		return m, nil
	}
	forOther := m.forOtherUser()
	types := model.CreatableTypes(m.caps, m.user, len(m.projects), forOther)
	login := m.user.Login
	if m.login != "" {
		login = m.login
	}
	f := create.New(m.common, create.Params{
		Caps:     m.caps,
		Login:    login,
		ForUser:  forUserTitle(forOther, m.login),
		Existing: m.table.Names(),
		Types:    types,
		Projects: m.projects,
		Max:      m.maxLife,
		// The project of sonar-project.properties, if any.
		Preselected: m.opts.PropertiesProject,
	})
	m.dialog = f
	return m, f.Init()
}

func (m Model) forOtherUser() bool {
	return m.login != "" && m.login != m.user.Login
}

func (m Model) generate(req create.Request) (Model, tea.Cmd) {
	f, ok := m.form()
	if !ok || f.Busy() {
		return m, nil
	}
	tick := m.begin(fmt.Sprintf("Generating token %s…", model.Quote(req.Name)))
	f.SetBusy(true)
	m.dialog = f
	m.startGen(req.Name, m.login)
	return m, tea.Batch(tick, create.GenerateCmd(m.ctx, m.svc, m.login, req, m.common.Now()))
}

// generated moves the new value into the reveal modal; the message itself
// is dropped when Update returns.
func (m Model) generated(msg create.GeneratedMsg) (Model, tea.Cmd) {
	m.pending--
	m.syncActivity()
	if msg.Err != nil {
		if f, ok := m.form(); ok {
			f.SetError(errtext.Describe(msg.Err))
			m.dialog = f
		} else {
			m.status.SetError("Could not generate the token: " + errtext.Describe(msg.Err))
		}
		return m, nil
	}
	r := reveal.New(m.common, msg.Token, m.cb)
	if m.forOtherUser() {
		r = r.ForOwner(m.login)
	}
	m.dialog = reveal.Dialog{Model: r} // in place of the form
	m.armedReveal()
	return m.added(msg.Req.Login, msg.Token.Token)
}

// askRevoke opens the confirmation for the selected token, in the words
// of the bulk revocation's (revokeConsequence).
func (m Model) askRevoke() (Model, tea.Cmd) {
	t, ok := m.selectedToken()
	if !ok || m.opts.ReadOnly || m.svc == nil {
		return m, nil
	}
	var details []string
	if t.Type != model.TypeUnknown {
		details = append(details, "Type: "+t.Type.Label())
	}
	if p := projectOf(t); p != "" {
		details = append(details, "Project: "+p)
	}
	if m.page == PageReview || m.login != "" {
		details = append([]string{"Owner: " + t.Login}, details...)
	}
	body := []common.Part{common.Line(fmt.Sprintf("Revoke token %s?", model.Quote(t.Name)), common.Keep)}
	body = append(body, m.signOutParts(t)...)
	for _, d := range details {
		body = append(body, common.Line(d, common.Context))
	}
	body = append(body, common.Line(revokeConsequence(1, !t.IsExpiredAt(m.common.Now())), common.Hint))
	m.confirmActivity = fmt.Sprintf("Revoking token %s…", model.Quote(t.Name))
	m.dialog = confirm.New(m.common, "Revoke token "+t.Name, body, "Revoke", revokeCmd(m.ctx, m.svc, m.apiLogin(t), t))
	return m, nil
}

// revokeConsequence says what revoking n tokens costs, the same for one
// token and for a bulk revocation: what uses them stops working, unless
// every one has expired already.
func revokeConsequence(n int, anyActive bool) string {
	switch {
	case anyActive && n == 1:
		return "Anything using it will stop working."
	case anyActive:
		return "Anything using them will stop working."
	case n == 1:
		return "It has expired: revoking only takes it off the list."
	}
	return "They have expired: revoking only takes them off the list."
}

func projectOf(t model.Token) string {
	if t.ProjectName != "" {
		return t.ProjectName
	}
	return t.ProjectKey
}

func (m Model) revoked(msg revokedMsg) (Model, tea.Cmd) {
	m.pending--
	m.syncActivity()
	if msg.err != nil {
		m.status.SetError(fmt.Sprintf("Could not revoke %s: %s", model.Quote(msg.name), errtext.Describe(msg.err)))
		return m, nil
	}
	m, cmd := m.revokedTokens(msg.token)
	m.status.SetInfo(fmt.Sprintf("Token %s is gone.", model.Quote(msg.name)))
	return m, cmd
}

// dropSecret forgets the reveal modal and the value it holds, and a
// rotation (whose reveal may hold one).
func (m *Model) dropSecret() {
	if _, ok := m.rotating(); ok || m.revealing() {
		m.dialog = nil
	}
}

func forUserTitle(forOther bool, login string) string {
	if forOther {
		return login
	}
	return ""
}
