package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/errtext"
	"github.com/sonartoken/sonartoken/ui/keys"
	"github.com/sonartoken/sonartoken/ui/notice"
	"github.com/sonartoken/sonartoken/ui/picker"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/tokens"
)

// isAdmin reports whether the administrators' actions are open: the
// server says the session holds Administer System, which it only does for
// a user token (or a password) of an administrator.
func (m Model) isAdmin() bool {
	if !m.userLoaded || !m.user.IsAdmin() {
		return false
	}
	t := m.opts.OwnTokenType
	return t == model.TypeUser || t == model.TypeUnknown
}

// adminRefusal says why the administrators' actions are closed.
func (m Model) adminRefusal() string {
	if t := m.opts.OwnTokenType; t == model.TypeGlobal || t == model.TypeProject {
		return fmt.Sprintf("Other users' tokens and the review need an administrator's user token: a %s carries no Administer System permission, even an administrator's.", t.Label())
	}
	if !m.userLoaded {
		return "The signed-in user is not known yet: other users' tokens and the review need the Administer System permission."
	}
	return "Other users' tokens and the review need the Administer System permission."
}

// anyState returns b enabled, to recognise a key whose action is closed
// and say why.
func anyState(b key.Binding) key.Binding {
	b.SetEnabled(true)
	return b
}

func (m Model) concurrency() int {
	if m.opts.Concurrency > 0 {
		return m.opts.Concurrency
	}
	return client.DefaultScanConcurrency
}

// noteUser records the signed-in user and opens the administrators' keys
// when the session allows them.
func (m *Model) noteUser() {
	m.common.Keys.SetAdmin(m.isAdmin())
	m.setTableOwner()
}

// openPicker opens the user picker.
func (m Model) openPicker() (Model, tea.Cmd) {
	if !m.isAdmin() {
		m.status.SetError(m.adminRefusal())
		return m, nil
	}
	ctx, svc := m.ctx, m.svc
	m.backToReview = m.page == PageReview
	p := picker.New(m.common, m.user.Login, func(q string) tea.Cmd { return searchUsersCmd(ctx, svc, q) })
	m.dialog = p
	return m, p.Init()
}

// showUser shows the tokens of login ("" or one's own login for one's own).
func (m Model) showUser(login string) (Model, tea.Cmd) {
	if login == m.user.Login {
		login = ""
	}
	m.dialog = nil
	m.page = PageTokens
	if login == m.login && m.table.Loaded() {
		return m, nil
	}
	m.login = login
	m.table = tokens.New(m.common, m.caps, m.opts.ReadOnly)
	m.setTableOwner()
	tick := m.begin("Loading tokens…")
	return m, tea.Batch(tick, loadTokensCmd(m.ctx, m.svc, login))
}

// openReview shows the review, starting its scan the first time.
func (m Model) openReview() (Model, tea.Cmd) {
	if !m.isAdmin() {
		m.status.SetError(m.adminRefusal())
		return m, nil
	}
	m.page = PageReview
	if m.review.State() == 0 {
		return m.startScan()
	}
	return m, nil
}

// startScan (re)starts the review's scan.
func (m Model) startScan() (Model, tea.Cmd) {
	if m.svc == nil || m.review.Loading() {
		return m, nil
	}
	m.scanSeq++
	ctx, cancel := context.WithCancel(m.ctx)
	m.stopScan = cancel
	m.scan = nil
	m.review.Start()
	// The review's progress bar shows the scan: no spinner in the status line.
	return m, review.StartScanCmd(ctx, m.svc, m.scanSeq, m.concurrency())
}

// cancelScan stops a running scan; what arrived stays.
func (m *Model) cancelScan() {
	if m.stopScan != nil {
		m.stopScan()
	}
}

func (m Model) scanStarted(msg review.ScanStartedMsg) (Model, tea.Cmd) {
	if msg.Stream.Seq() != m.scanSeq {
		return m, nil // a scan is started only when none runs: cannot happen
	}
	m.scan = msg.Stream
	return m, review.NextScanCmd(msg.Stream)
}

func (m Model) scanBatch(msg review.ScanBatchMsg) (Model, tea.Cmd) {
	if m.scan == nil || msg.Seq != m.scanSeq {
		return m, nil
	}
	var ts []model.Token
	for _, b := range msg.Batches {
		if b.Err != nil {
			who := b.Login
			if who == "" {
				who = "the user list"
			}
			m.status.Record("Review scan, "+who+": "+errtext.Describe(b.Err), true)
			m.review.AddBatch(b)
			continue
		}
		ts = append(ts, b.Tokens...)
	}
	m.review.AddTokens(ts)
	m.review.SetProgress(msg.Progress)
	if !msg.Done {
		return m, review.NextScanCmd(m.scan)
	}
	stopped := m.stopScan != nil && m.scanCancelled
	m.review.Finish(stopped)
	if m.stopScan != nil {
		m.stopScan()
	}
	m.stopScan, m.scan, m.scanCancelled = nil, nil, false
	return m, nil
}

// askBulkRevoke asks to revoke the marked tokens; the dialog holds the
// exact list and the action revokes that list and nothing else. Over
// review.TypedConfirmOver tokens, the user types their number.
func (m Model) askBulkRevoke() (Model, tea.Cmd) {
	targets := m.review.Marked()
	if len(targets) == 0 || m.opts.ReadOnly {
		return m, nil
	}
	if m.review.BulkRunning() {
		m.status.SetError("A bulk revocation is running: wait for its report.")
		return m, nil
	}
	users := map[string]bool{}
	for _, t := range targets {
		users[t.Login] = true
	}
	// The list gives way to "… and N more" from its end when short of
	// room, down to the question and the buttons.
	const named = 5
	var items []string
	for _, t := range targets[:min(named, len(targets))] {
		items = append(items, fmt.Sprintf("  %s · %s", t.Login, t.Name))
	}
	more := func(n int) string { return fmt.Sprintf("  … and %s more", review.Count(n)) }
	body := []common.Part{
		common.Line(fmt.Sprintf("Revoke %s of %s?", plural(len(targets), "token"), plural(len(users), "user")), common.Keep),
	}
	// Above the list, which gives way first: the user chose the token,
	// so it stays in the list, but not without saying what it costs.
	body = append(body, m.signOutParts(targets...)...)
	body = append(body,
		common.Blank(),
		common.List(items, len(targets)-len(items), common.Tail, more),
		common.Blank(),
	)
	if hidden := m.review.MarkedHidden(); hidden > 0 {
		body = append(body, common.Line(plural(hidden, "marked token is", "marked tokens are")+" hidden by the current filter.", common.Context))
	}
	body = append(body, common.Line(revokeConsequence(len(targets), slices.ContainsFunc(targets, func(t model.Token) bool {
		return !t.IsExpiredAt(m.common.Now())
	})), common.Hint))
	title := fmt.Sprintf("Revoke %s", plural(len(targets), "token"))
	m.confirmActivity = fmt.Sprintf("Revoking %s…", plural(len(targets), "token"))
	d := confirm.New(m.common, title, body, "Revoke", review.BulkRevokeCmd(m.ctx, m.svc, targets, m.user.Login, m.concurrency(), m.sessionTest()))
	if len(targets) > review.TypedConfirmOver {
		d = d.Typed(strconv.Itoa(len(targets)))
	}
	m.dialog = d
	return m, nil
}

// bulkMsg hands the review its bulk revocation's messages: the review
// holds the run and says when its revoked tokens are due to the lists,
// which take them at once (the last ones before the report shows).
func (m Model) bulkMsg(msg tea.Msg) (Model, tea.Cmd) {
	var cmd, spread tea.Cmd
	p, progress := msg.(review.BulkProgressMsg)
	ending := progress && p.Done && m.review.Holds(p.Run)
	m.review, cmd = m.review.Update(msg)
	m, spread = m.revokedTokens(m.review.TakeGone()...)
	cmd = tea.Batch(cmd, spread)
	switch s, started := msg.(review.BulkStartedMsg); {
	case started && !m.review.Holds(s.Run):
		// Confirmed twice before the first started (keys typed ahead):
		// the second never starts.
		m.pending--
		m.syncActivity()
		m.status.SetError("A bulk revocation is running: wait for its report.")
	case ending:
		m.pending--
		m.syncActivity()
	}
	return m, cmd
}

// showBulkReport ends the bulk revocation's activity, logs its outcome
// and shows its report, once it ended and the dialog slot is free of
// what the report must not replace (a value, a form being filled in):
// until then the review keeps the report, and a sign-out waits.
func (m *Model) showBulkReport() {
	if !m.review.BulkReportReady() || !m.slotFree() {
		return
	}
	rep, _ := m.review.TakeBulkReport()
	failed := rep.FailedTokens()
	var actions []notice.Action
	if len(failed) > 0 {
		retry := keys.Relabel(m.common.Keys.Refresh, "r", "retry the "+plural(len(failed), "failed", "failed"))
		actions = append(actions, notice.Action{Key: retry, Msg: bulkRetryMsg{tokens: failed}})
	}
	report := rep.Lines()
	m.status.Record("Bulk revocation: "+report[0], len(failed) > 0)
	for _, f := range rep.Failed {
		m.status.Record(fmt.Sprintf("Could not revoke %s · %s: %s", f.Token.Login, f.Token.Name, errtext.Describe(f.Err)), true)
	}
	m.dialog = notice.New(m.common, "Bulk revocation", report, actions...)
}

// slotFree reports whether a report may take the dialog slot: it is
// empty, or holds a dialog that shows nothing to keep and takes no text.
func (m Model) slotFree() bool {
	if m.dialog == nil {
		return true
	}
	if l, ok := m.dialog.(common.Lasting); ok && l.Lasts() {
		return false
	}
	t, ok := m.dialog.(common.Typer)
	return !ok || !t.Typing()
}

// bulkRetry revokes again the tokens whose revocation failed; they were
// confirmed already.
func (m Model) bulkRetry(ts []model.Token) (Model, tea.Cmd) {
	if len(ts) == 0 || m.opts.ReadOnly || m.svc == nil {
		return m, nil
	}
	if m.review.BulkRunning() {
		m.status.SetError("A bulk revocation is running: wait for its report.")
		return m, nil
	}
	tick := m.begin(fmt.Sprintf("Revoking %s again…", plural(len(ts), "token")))
	return m, tea.Batch(tick, review.BulkRevokeCmd(m.ctx, m.svc, ts, m.user.Login, m.concurrency(), m.sessionTest()))
}

// plural is "1 token" or "3 tokens"; an irregular plural is given
// after the singular: plural(n, "token is", "tokens are").
func plural(n int, word string, pluralForm ...string) string {
	switch {
	case n == 1:
		return "1 " + word
	case len(pluralForm) > 0:
		return fmt.Sprintf("%d %s", n, pluralForm[0])
	}
	return fmt.Sprintf("%d %ss", n, word)
}
