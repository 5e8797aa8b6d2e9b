// Package review is the administrators' review of every user's tokens: the
// token table with a Login column, a progress bar while the tokens stream
// in (the scan: scan.go), a summary of what needs attention, and quick
// filters. A bulk revocation of marked tokens lives here (bulk.go) from its
// question to its report.
package review

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/chart"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/errtext"
	"github.com/sonartoken/sonartoken/ui/session"
	"github.com/sonartoken/sonartoken/ui/tokens"
)

// Quick is a quick filter on what needs attention.
type Quick int

// The quick filters; at most one is on at a time.
const (
	QuickNone Quick = iota
	QuickExpired
	QuickExpiring
	QuickNoExpiry
	QuickNeverUsed
	QuickUnused
	QuickOwnerAway // owner not signed in for more than ownDays
)

// String describes the quick filter for the filter line.
func (q Quick) String() string {
	return [...]string{"all", "expired", "expiring", "no expiration", "never used", "unused", "owner away"}[q]
}

// Default windows of the expiring and unused quick filters, in days.
const (
	DefaultExpiringDays = 7
	DefaultUnusedDays   = 90
	// DefaultOwnerDays is model.DefaultOwnerInactive in days, as the
	// command line's review --owner-inactive.
	DefaultOwnerDays = int(model.DefaultOwnerInactive / (24 * time.Hour))
)

// State is where the scan is.
type State int

// The states of the scan.
const (
	StateIdle State = iota
	StateLoading
	StateDone
	StateStopped
)

// String names the state.
func (s State) String() string { return [...]string{"idle", "loading", "done", "stopped"}[s] }

// Model is the review screen.
type Model struct {
	common.Common
	caps     model.Capabilities
	readOnly bool
	table    tokens.Model
	s        session.Session
	scan     scanRun
	// out is what the review hands the console (TakeOutcomes).
	out []common.Outcome

	state       State
	prog        client.ScanProgress
	failedUsers int
	firstErr    string
	users       int // users with at least one listed token

	quick           Quick
	expDays, unDays int
	ownDays         int // the owner filter's window
	// ownerAway counts the listed tokens whose owner has not signed in
	// within ownDays (model.Token.OwnerInactiveFor), kept as rows come
	// and go like the summary.
	ownerAway int
	typ       model.TokenType
	login     string
	summary   model.ReviewSummary
	bulk      bulkState // a bulk revocation (bulk.go)
	// stale is set while a new scan runs and no answer of it arrived:
	// the rows of the last scan stay until its first data replaces them.
	stale bool
	empty string // what the table says when it has no row
	// kept is set when a scan was stopped before its first answer: the
	// rows are still those of the scan before.
	kept bool
	// Changes confirmed while a scan runs, by token key (login and name):
	// a user's answer may have left the server before them, so it must not
	// bring a revoked token back or list an added one twice.
	addedDuring   map[string]model.Token
	revokedDuring map[string]bool

	// The expiry chart above the table (w toggles it): shown when there
	// is room and the server has expiration dates. bucket filters the
	// table to its picked bar.
	chart     chart.Model
	chartOff  bool
	bucket    model.Bucket
	chartNote string // why w shows no chart
	// typedCharts keeps the chart's counts of the rows the typed filter
	// kept, by those rows, while the other filters and the rows stay:
	// typing a letter that keeps the same rows, or erasing back to a
	// shorter query, costs no count (recountTyped).
	typedCharts map[tokens.RowsKey]model.ExpiryChart
}

// New returns an empty review.
func New(c common.Common, caps model.Capabilities, readOnly bool) Model {
	t := newTable(c, caps, readOnly)
	t.SetEmptyText("No user has a token.")
	m := Model{Common: c, caps: caps, readOnly: readOnly, table: t, expDays: DefaultExpiringDays, unDays: DefaultUnusedDays,
		ownDays: DefaultOwnerDays, chart: chart.New(c, caps.TokenTypes)}
	c.Keys.SetWindows(m.expDays, m.unDays, m.ownDays)
	m.table.SetExpiringWithin(m.expWindow())
	return m
}

// SetSession gives the review, and its table, the session they act in.
func (m *Model) SetSession(s session.Session) {
	m.s = s
	m.table.SetSession(s)
}

// TakeOutcomes returns, once, what the review hands the console: the
// dialogs and refusals of its keys and of its table's, the tokens a bulk
// revocation revoked when they are due to the lists (TakeGone), and its
// report once it ended.
func (m *Model) TakeOutcomes() []common.Outcome {
	out := append(m.out, m.table.TakeOutcomes()...)
	m.out = nil
	if gone := m.TakeGone(); len(gone) > 0 {
		out = append(out, common.Outcome{Revoked: gone})
	}
	if rep, ok := m.TakeBulkReport(); ok {
		out = append(out, m.reportOutcome(rep))
	}
	return out
}

// newTable is the review's table, sorted by expiry where the server has
// expiry dates: expired first (the longest expired at the top), then the
// soonest to expire, as an admin reviewing expiring tokens starts.
func newTable(c common.Common, caps model.Capabilities, readOnly bool) tokens.Model {
	t := tokens.New(c, caps, readOnly).WithLogin()
	if caps.Expiration {
		t = t.SortedBy(tokens.ColExpires, false)
	}
	return t
}

// Start begins a new scan. The rows of a previous scan stay until the
// new scan's first answer replaces them.
func (m *Model) Start() {
	m.state = StateLoading
	m.kept = false
	m.addedDuring, m.revokedDuring = map[string]model.Token{}, map[string]bool{}
	m.prog = client.ScanProgress{}
	if m.table.Loaded() {
		m.stale = true
	} else {
		m.reset()
	}
	m.setEmpty("Loading…")
	m.layout()
}

// reset empties the review for the data of a new scan.
func (m *Model) reset() {
	m.stale = false
	col, desc := m.table.Sort() // the user's choice outlives a new scan
	signIns := m.table.SignIns()
	m.table = newTable(m.Common, m.caps, m.readOnly)
	if signIns {
		// Kept until the new scan's listing says otherwise: a sort by
		// Signed in outlives the new scan too.
		m.table.ShowSignIns()
	}
	m.table = m.table.SortedBy(col, desc)
	m.table.SetSession(m.s)
	m.table.SetExpiringWithin(m.expWindow())
	if m.quick == QuickOwnerAway {
		m.table.Pin(tokens.ColSignedIn)
	}
	m.setEmpty("Loading…")
	m.failedUsers, m.firstErr, m.users = 0, "", 0
	m.summary = model.ReviewSummary{}
	m.ownerAway = 0
	m.applyFilter()
}

// changeKey identifies a token across answers: its owner and name.
func changeKey(t model.Token) string { return t.Login + "\x00" + t.Name }

// noteChange remembers a change confirmed while a scan runs.
func (m *Model) noteChange(msg tea.Msg) {
	if m.state != StateLoading || m.addedDuring == nil {
		return
	}
	switch msg := msg.(type) {
	case common.TokensAddedMsg:
		for _, t := range msg.Tokens {
			m.addedDuring[changeKey(t)] = t
			delete(m.revokedDuring, changeKey(t))
		}
	case common.TokensRevokedMsg:
		for _, t := range msg.Tokens {
			m.revokedDuring[changeKey(t)] = true
			delete(m.addedDuring, changeKey(t))
		}
	}
}

// withoutChanged drops from a scan's answer the tokens changed since the
// scan started: the page already shows them as they are now.
func (m *Model) withoutChanged(ts []model.Token) ([]model.Token, bool) {
	if len(m.addedDuring) == 0 && len(m.revokedDuring) == 0 {
		return ts, false
	}
	kept := make([]model.Token, 0, len(ts))
	for _, t := range ts {
		k := changeKey(t)
		if _, ok := m.addedDuring[k]; ok || m.revokedDuring[k] {
			continue
		}
		kept = append(kept, t)
	}
	return kept, true
}

// AddBatch lists one user's tokens, or counts the failure.
func (m *Model) AddBatch(b client.ScanBatch) {
	if m.stale {
		m.reset()
	}
	if b.Err != nil {
		m.failedUsers++
		if m.firstErr == "" {
			who := b.Login
			if who == "" {
				who = "the user list"
			}
			m.firstErr = model.Printable(who + ": " + errtext.Describe(b.Err))
		}
		return
	}
	m.AddTokens(b.Tokens)
}

// AddTokens lists tokens that arrived (of one or more users).
func (m *Model) AddTokens(ts []model.Token) {
	if m.stale && len(ts) > 0 {
		m.reset()
	}
	ts, changed := m.withoutChanged(ts)
	if !m.table.Loaded() && len(m.addedDuring) > 0 {
		// The first answer of the scan: the tokens confirmed since it
		// started are listed with it, once.
		for _, t := range m.addedDuring {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		m.table.Append(nil)
		return
	}
	if changed { // a user of this answer may be listed already
		m.table.Append(ts)
		m.resummarize()
		return
	}
	// A scan lists each user once, so the logins of new tokens are new.
	logins := map[string]bool{}
	for _, t := range ts {
		logins[t.Login] = true
	}
	m.users += len(logins)
	m.table.Append(ts)
	now := m.Now()
	m.summary.Add(model.Summarize(ts, now, m.expWindow(), m.unWindow()), 1)
	m.ownerAway += m.countAway(ts, now)
	m.recount()
}

// countAway counts the tokens of ts whose owner has not signed in within
// the owner filter's window at now.
func (m Model) countAway(ts []model.Token, now time.Time) int {
	d := m.ownWindow()
	n := 0
	for _, t := range ts {
		if away, _ := t.OwnerInactiveFor(now, d); away {
			n++
		}
	}
	return n
}

// SignInsReported reports whether the server's user listing gave any
// user's last sign-in (client.ScanProgress.SignInsReported): without, no
// owner is known to have left, and the owner filter says so.
func (m Model) SignInsReported() bool { return m.prog.SignInsReported }

// OwnerAway is the number of listed tokens whose owner has not signed in
// for more than the owner filter's days, and those days.
func (m Model) OwnerAway() (tokens, days int) { return m.ownerAway, m.ownDays }

// SetProgress records how far the scan is. Once the user listing
// reported a sign-in, the table shows the owners' (Signed in).
func (m *Model) SetProgress(p client.ScanProgress) {
	m.prog = p
	if p.SignInsReported {
		m.table.ShowSignIns()
	}
}

// Finish ends the scan; stopped is true when the user stopped it. A
// scan stopped before any answer keeps the rows of the last one.
func (m *Model) Finish(stopped bool) {
	if m.stale && !stopped {
		m.reset()
	}
	m.kept = m.stale
	m.stale = false
	m.addedDuring, m.revokedDuring = nil, nil
	m.table.Append(nil) // loaded, even when empty
	m.table.PrepareSorts()
	switch {
	case stopped:
		m.state = StateStopped
		m.setEmpty("The scan was stopped before any token arrived. Press r to scan again.")
	default:
		m.state = StateDone
		m.setEmpty("No user has a token.")
	}
	if m.failedUsers > 0 {
		m.setEmpty("The scan failed: " + m.firstErr + " Press r to scan again.")
	}
	m.layout()
}

// MarkTokens marks exactly the given tokens (those still listed).
func (m *Model) MarkTokens(ts []model.Token) { m.table.SetMarked(ts) }

// State returns where the scan is.
func (m Model) State() State { return m.state }

// Loading reports whether the scan runs.
func (m Model) Loading() bool { return m.state == StateLoading }

// Progress returns the last progress report.
func (m Model) Progress() client.ScanProgress { return m.prog }

// Summary returns the counts of the summary line.
func (m Model) Summary() model.ReviewSummary { return m.summary }

// Table returns the review's table.
func (m Model) Table() tokens.Model { return m.table }

// Filters returns the quick filter, the type and the login filters.
func (m Model) Filters() (Quick, model.TokenType, string) { return m.quick, m.typ, m.login }

// Windows returns the expiring and unused windows in days.
func (m Model) Windows() (expiring, unused int) { return m.expDays, m.unDays }

// Selected returns the token under the cursor.
func (m Model) Selected() (model.Token, bool) { return m.table.Selected() }

// Marked returns the marked tokens, in display order.
func (m Model) Marked() []model.Token { return m.table.Marked() }

// MarkedHidden counts the marked tokens the filters hide.
func (m Model) MarkedHidden() int { return m.table.MarkedHidden() }

// ClearMarks unmarks every token.
func (m *Model) ClearMarks() { m.table.ClearMarks() }

// Filtering reports whether the text filter has the keyboard.
func (m Model) Filtering() bool { return m.table.Filtering() }

// HasFilter reports whether any filter is on (text or quick).
func (m Model) HasFilter() bool {
	return m.table.Query() != "" || m.quick != QuickNone || m.typ != model.TypeUnknown || m.login != ""
}

func (m *Model) resummarize() {
	m.summary, m.ownerAway = model.ReviewSummary{}, 0
	logins := map[string]bool{}
	now := m.Now()                         // one instant for every run
	for run := range m.table.TokenRuns() { // without a copy of the rows
		m.summary.Add(model.Summarize(run, now, m.expWindow(), m.unWindow()), 1)
		m.ownerAway += m.countAway(run, now)
		for i := range run {
			logins[run[i].Login] = true
		}
	}
	m.users = len(logins)
	m.recount()
}

// forget takes tokens the table dropped out of the summary and the user
// count, as AddTokens adds them: a bulk revocation's hand-over costs no
// new summary of every row.
func (m *Model) forget(gone []model.Token) {
	if len(gone) == 0 {
		return
	}
	now := m.Now()
	m.summary.Add(model.Summarize(gone, now, m.expWindow(), m.unWindow()), -1)
	m.ownerAway -= m.countAway(gone, now)
	if m.ownerAway < 0 || m.summary.Negative() {
		m.resummarize() // counted before a token changed status: count again
		return
	}
	// A user whose last token went is no longer counted.
	left := map[string]bool{}
	for _, t := range gone {
		left[t.Login] = false
	}
	m.table.EachToken(func(t *model.Token) {
		if kept, ok := left[t.Login]; ok && !kept {
			left[t.Login] = true
		}
	})
	for _, kept := range left {
		if !kept {
			m.users--
		}
	}
	m.recount()
}

func (m Model) expWindow() time.Duration { return time.Duration(m.expDays) * 24 * time.Hour }
func (m Model) unWindow() time.Duration  { return time.Duration(m.unDays) * 24 * time.Hour }
func (m Model) ownWindow() time.Duration { return time.Duration(m.ownDays) * 24 * time.Hour }

// filter is the quick filters, the type, the login and the chart's bar
// as one review filter.
func (m Model) filter() model.ReviewFilter {
	f := model.ReviewFilter{Type: m.typ, Login: m.login, ExpiringWithin: m.expWindow(), Bucket: m.bucket}
	switch m.quick {
	case QuickExpired:
		f.Statuses = []model.Status{model.StatusExpired}
	case QuickExpiring:
		f.Statuses = []model.Status{model.StatusExpiring}
	case QuickNoExpiry:
		f.Statuses = []model.Status{model.StatusNoExpiration}
	case QuickNeverUsed:
		f.NeverUsed = true
	case QuickUnused:
		f.UnusedFor = m.unWindow()
	case QuickOwnerAway:
		f.OwnerInactiveFor = m.ownWindow()
	case QuickNone:
	}
	return f
}

// applyFilter hands the table the quick filters as one match function,
// then counts the chart's bars anew.
func (m *Model) applyFilter() {
	m.setMatch()
	m.recount()
}

// setMatch hands the table the quick filters as one match function.
func (m *Model) setMatch() {
	if m.quick == QuickNone && m.typ == model.TypeUnknown && m.login == "" && m.bucket == model.BucketNone {
		m.table.SetMatch(nil)
		return
	}
	fm := m.filter().At(m.Now())
	m.table.SetMatch(fm.Match)
}

// SetQuick turns a quick filter on (or off when it is on already).
func (m *Model) SetQuick(q Quick) {
	if m.quick == q {
		q = QuickNone
	}
	m.quick = q
	// The owners' sign-ins stay on screen while the filter is about them.
	if q == QuickOwnerAway {
		m.table.Pin(tokens.ColSignedIn)
	} else {
		m.table.Pin(-1)
	}
	m.applyFilter()
}

// SetSize sets the review's size; the table gets what the lines above it
// leave.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.layout()
}

// setEmpty sets what the table says without rows, wrapped to the width.
func (m *Model) setEmpty(text string) {
	m.empty = text
	m.table.SetEmptyText(common.Wrap(text, max(20, m.Width-4))) // the style's padding takes 4
}

func (m *Model) layout() {
	if m.empty != "" {
		m.setEmpty(m.empty) // wrapped again to the width
	}
	top := len(m.topLines())
	m.chart.SetSize(m.Width, m.chartHeight(top))
	if m.chartShown() {
		top += m.chart.Height
	}
	m.table.SetSize(m.Width, max(1, m.Height-top))
}

var windowSteps = []int{1, 3, 7, 14, 30, 60, 90, 180, 365}

func step(days, d int) int {
	if d > 0 {
		for _, s := range windowSteps {
			if s > days {
				return s
			}
		}
		return days
	}
	for i := len(windowSteps) - 1; i >= 0; i-- {
		if windowSteps[i] < days {
			return windowSteps[i]
		}
	}
	return days
}

// Hints are the lines under the review's keys in the full help, closing
// last.
func (m Model) Hints(closing string) []string {
	days := "+ and - change the days of filter 5 or 6 when it is on, else of 2."
	if !m.caps.Expiration {
		days = "+ and - change the days of filter 6 when it is on, else of 5." // no filter 2 before 9.6
	}
	return m.table.WithOddHint([]string{
		"Marks stay when the filters change; d revokes the marked ones after one confirmation; failures stay marked.",
		"6 keeps the tokens of owners not signed in for more than the days shown: their tokens outlive an offboarding done only at the identity provider.",
		days + " " + closing,
	})
}

// refusal says why a key does nothing in the review, or is "": the
// changes of a read-only session, filters the server cannot match, and n,
// which generates from a user's page. A refused key is never silent.
func (m Model) refusal(km tea.KeyMsg) string {
	if why := m.table.Refusal(km); why != "" {
		return why
	}
	k := m.Keys
	for _, b := range []key.Binding{k.QuickExpired, k.QuickExpiring, k.QuickNoExpiry} {
		if !b.Enabled() && matchesAny(km, b) {
			return "This SonarQube has no token expiry (it came with 9.6): filters 1, 2 and 3 cannot match."
		}
	}
	if !k.ByType.Enabled() && matchesAny(km, k.ByType) {
		return "This SonarQube has no token types (they came with 9.5): every token is a user token."
	}
	if matchesAny(km, k.QuickOwnerAway) && m.quick != QuickOwnerAway && (m.state == StateDone || m.state == StateStopped) && !m.prog.SignInsReported {
		return "The server's user listing gave no user's last sign-in (it gives them to administrators; a proxy or an old version may leave them out): filter 6 cannot tell whose owner stopped signing in, and counts no one rather than everyone."
	}
	if matchesAny(km, k.New) {
		return "The review lists tokens: generate one from a user's page (esc for yours, u for another user's), then n."
	}
	return ""
}

// matchesAny reports whether km is b's key, whether b is on or off.
func matchesAny(km tea.KeyMsg, b key.Binding) bool {
	b.SetEnabled(true)
	return key.Matches(km, b)
}

// Update handles the review's keys (the scan, the bulk revocation, the
// quick filters), hands the rest to the table, and takes the answers of
// the scan and of a bulk revocation.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case ScanStartedMsg:
		return m.scanStarted(msg)
	case ScanBatchMsg:
		return m.scanBatch(msg)
	case BulkStartedMsg:
		return m.bulkStarted(msg)
	case BulkProgressMsg:
		return m.bulkProgress(msg)
	case common.TokensRevokedMsg:
		m.noteChange(msg)
		if m.table.Loaded() {
			m.forget(m.table.RemoveTokens(msg.Tokens))
			m.layout()
		}
		return m, nil
	case common.TokensAddedMsg:
		// Every user's tokens show here: the table takes them all, and the
		// summary and the user count follow.
		m.noteChange(msg)
		if !m.table.Loaded() {
			return m, nil
		}
		m.table, cmd = m.table.Update(msg)
		m.resummarize()
		m.layout()
		return m, cmd
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok && !m.table.Filtering() {
		return m, nil // another flow's answer: the table takes its changes above
	}
	if !ok || m.table.Filtering() {
		q := m.table.Query()
		m.table, cmd = m.table.Update(msg)
		if m.table.Query() != q {
			m.recountTyped()
		}
		m.layout()
		return m, cmd
	}
	if why := m.refusal(km); why != "" {
		m.out = append(m.out, common.Outcome{Error: why})
		return m, nil
	}
	k := m.Keys
	switch {
	case key.Matches(km, k.Refresh):
		return m.Scan()
	case key.Matches(km, k.Revoke) && m.table.MarkedCount() > 0:
		return m.askBulk(), nil
	case m.Loading() && key.Matches(km, k.Back):
		m.scan.cancelled = true
		m.StopScan()
		return m, nil
	case key.Matches(km, k.QuickAll):
		m.quick, m.typ, m.login, m.bucket = QuickNone, model.TypeUnknown, "", model.BucketNone
		m.table.Pin(-1)
		m.chart.Select(model.BucketNone)
		m.applyFilter()
	case key.Matches(km, k.Chart):
		m.toggleChart()
		if m.chartNote != "" {
			m.out = append(m.out, common.Outcome{Error: m.chartNote})
		}
	case m.chartShown() && (key.Matches(km, m.chart.Keys().Prev) || key.Matches(km, m.chart.Keys().Next)):
		m.chart, _ = m.chart.Update(msg)
		m.bucket = m.chart.Selected()
		// The bars leave their own bar aside (count): a pick changes
		// none of them.
		m.setMatch()
	case key.Matches(km, k.QuickExpired):
		m.SetQuick(QuickExpired)
	case key.Matches(km, k.QuickExpiring):
		m.SetQuick(QuickExpiring)
	case key.Matches(km, k.QuickNoExpiry):
		m.SetQuick(QuickNoExpiry)
	case key.Matches(km, k.QuickNeverUsed):
		m.SetQuick(QuickNeverUsed)
	case key.Matches(km, k.QuickUnused):
		m.SetQuick(QuickUnused)
	case key.Matches(km, k.QuickOwnerAway):
		m.SetQuick(QuickOwnerAway)
	case key.Matches(km, k.Wider), key.Matches(km, k.Narrower):
		d := 1
		if key.Matches(km, k.Narrower) {
			d = -1
		}
		switch {
		case m.quick == QuickOwnerAway:
			m.ownDays = step(m.ownDays, d)
		case m.quick == QuickUnused || !m.caps.Expiration: // no filter 2 before 9.6
			m.unDays = step(m.unDays, d)
		default:
			m.expDays = step(m.expDays, d)
		}
		k.SetWindows(m.expDays, m.unDays, m.ownDays)
		m.table.SetExpiringWithin(m.expWindow())
		m.resummarize()
		m.applyFilter()
	case key.Matches(km, k.ByType) && m.caps.TokenTypes:
		switch m.typ {
		case model.TypeUnknown:
			m.typ = model.TypeUser
		case model.TypeUser:
			m.typ = model.TypeGlobal
		case model.TypeGlobal:
			m.typ = model.TypeProject
		default:
			m.typ = model.TypeUnknown
		}
		m.applyFilter()
	case key.Matches(km, k.ByLogin):
		if m.login != "" {
			m.login = ""
		} else if t, ok := m.table.Selected(); ok {
			m.login = t.Login
		}
		m.applyFilter()
	default:
		q := m.table.Query()
		m.table, cmd = m.table.Update(msg)
		if m.table.Query() != q { // esc cleared the query applied
			m.recountTyped()
		}
	}
	m.layout()
	return m, cmd
}
