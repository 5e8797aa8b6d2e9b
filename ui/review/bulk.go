package review

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/errtext"
	"github.com/sonartoken/sonartoken/ui/keys"
	"github.com/sonartoken/sonartoken/ui/notice"
	"github.com/sonartoken/sonartoken/ui/revoke"
)

// bulkRunning is why a second bulk revocation does not start.
const bulkRunning = "A bulk revocation is running: wait for its report."

// askBulk asks to revoke the marked tokens; the question holds the exact
// list, and its yes revokes that list and nothing else. Over
// TypedConfirmOver tokens, the user types their number.
func (m Model) askBulk() Model {
	targets := m.Marked()
	switch {
	case len(targets) == 0 || !m.s.Changes():
		return m
	case m.BulkRunning():
		m.out = append(m.out, common.Outcome{Error: bulkRunning})
		return m
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
	more := func(n int) string { return fmt.Sprintf("  … and %s more", Count(n)) }
	now := m.Now()
	body := []common.Part{
		common.Line(fmt.Sprintf("Revoke %s of %s?", common.Plural(len(targets), "token"), common.Plural(len(users), "user")), common.Keep),
	}
	// Above the list, which gives way first: the user chose the token,
	// so it stays in the list, but not without saying what it costs.
	body = append(body, revoke.SignOutParts(m.s, now, targets...)...)
	body = append(body,
		common.Blank(),
		common.List(items, len(targets)-len(items), common.Tail, more),
		common.Blank(),
	)
	if hidden := m.MarkedHidden(); hidden > 0 {
		body = append(body, common.Line(common.Plural(hidden, "marked token is", "marked tokens are")+" hidden by the current filter.", common.Context))
	}
	body = append(body, common.Line(revoke.Consequence(len(targets), slices.ContainsFunc(targets, func(t model.Token) bool {
		return !t.IsExpiredAt(now)
	})), common.Hint))
	title := "Revoke " + common.Plural(len(targets), "token")
	d := confirm.New(m.Common, title, body, "Revoke", m.bulkCmd(targets, "Revoking "+common.Plural(len(targets), "token")+"…"))
	if len(targets) > TypedConfirmOver {
		d = d.Typed(strconv.Itoa(len(targets)))
	}
	m.out = append(m.out, common.Outcome{Open: d})
	return m
}

// bulkCmd revokes ts, showing activity until the run ends.
func (m Model) bulkCmd(ts []model.Token, activity string) tea.Cmd {
	s := m.s
	return common.Work(activity, BulkRevokeCmd(s.Ctx, s.Svc, ts, s.User.Login, s.Concurrency, s.MayBeOwn(m.Now())))
}

// reportOutcome is the report of a bulk revocation that ended: its lines
// in the message log, and the report itself once the dialog slot holds
// nothing to keep, with r to retry the failed tokens (confirmed already).
func (m Model) reportOutcome(rep BulkReport) common.Outcome {
	failed := rep.FailedTokens()
	var actions []notice.Action
	if len(failed) > 0 && m.s.Changes() {
		retry := keys.Relabel(m.Keys.Refresh, "r", "retry the "+common.Plural(len(failed), "failed", "failed"))
		actions = append(actions, notice.Action{Key: retry, Cmd: m.bulkCmd(failed, "Revoking "+common.Plural(len(failed), "token")+" again…")})
	}
	lines := rep.Lines()
	log := []common.LogLine{{Text: "Bulk revocation: " + lines[0], Bad: len(failed) > 0}}
	for _, f := range rep.Failed {
		log = append(log, common.LogLine{Text: fmt.Sprintf("Could not revoke %s · %s: %s", f.Token.Login, f.Token.Name, errtext.Describe(f.Err)), Bad: true})
	}
	return common.Outcome{Log: log, Open: notice.New(m.Common, "Bulk revocation", lines, actions...), Later: true}
}

// TypedConfirmOver is the size above which a bulk revocation asks the
// user to type the number of tokens (as gh asks for a repository's name
// before deleting it); up to it, y confirms.
const TypedConfirmOver = 100

// ApplyEvery is how often a running bulk revocation hands the tokens it
// revoked to the lists (TakeGone): each hand-over is a pass over every
// listed token, so thousands of revocations make a few passes, not one per
// answer.
var ApplyEvery = 500 * time.Millisecond

// BulkStartedMsg hands the review a bulk revocation, not started yet: its
// first NextBulkCmd starts it, so nothing is revoked before the review
// holds the run (and waits for it).
type BulkStartedMsg struct{ Run *BulkRun }

// Outcome implements common.Result.
func (BulkStartedMsg) Outcome() common.Outcome { return common.Outcome{} }

// BulkProgressMsg carries revocations that finished since the last one.
type BulkProgressMsg struct {
	Run     *BulkRun
	Results []BulkResult
	Done    bool
}

// Outcome implements common.Result: each revocation in the audit log, a
// 401 among them ends the session (once the run ended), and the last one
// ends the run's work. The revoked tokens reach the lists in batches
// (TakeGone).
func (m BulkProgressMsg) Outcome() common.Outcome {
	o := common.Outcome{Ends: m.Done, Audit: make([]common.AuditEntry, len(m.Results))}
	errs := make([]error, len(m.Results))
	for i, r := range m.Results {
		o.Audit[i] = common.AuditEntry{Action: audit.Revoke, Token: r.Token, Err: r.Err}
		errs[i] = r.Err
	}
	o.Err = errors.Join(errs...)
	return o
}

// BulkResult is the outcome of one revocation of a bulk revocation.
type BulkResult struct {
	Token model.Token
	Err   error
}

// BulkRun is a bulk revocation: its targets, and the results of its
// workers once started.
type BulkRun struct {
	total   int
	once    sync.Once
	start   func()
	results chan BulkResult
}

// Total is how many tokens the revocation revokes.
func (r *BulkRun) Total() int { return r.total }

// BulkRevokeCmd prepares the revocation of exactly the given tokens, at
// most concurrency at a time; those last reports true for (the tokens the
// console may be signed in with) go after all the others, one by one, the
// most recently used last (model.ByLastUse). The results channel holds
// every result, so the workers never wait for the console and end even if
// it quits.
func BulkRevokeCmd(ctx context.Context, svc Service, targets []model.Token, me string, concurrency int, last func(model.Token) bool) tea.Cmd {
	var now, after []model.Token
	for _, t := range targets {
		if last != nil && last(t) {
			after = append(after, t)
		} else {
			now = append(now, t)
		}
	}
	slices.SortStableFunc(after, model.ByLastUse) // the likeliest last
	return func() tea.Msg {
		out := make(chan BulkResult, len(targets))
		run := &BulkRun{total: len(targets), results: out}
		run.start = func() {
			go func() {
				revoke := func(t model.Token) {
					login := t.Login
					if login == me {
						login = ""
					}
					// A lost answer is settled by a search: revoked if the
					// token is gone, failed otherwise.
					out <- BulkResult{Token: t, Err: svc.RevokeOrConfirm(ctx, login, t.Name)}
				}
				sem := make(chan struct{}, max(1, concurrency))
				var wg sync.WaitGroup
				for _, t := range now {
					wg.Add(1)
					sem <- struct{}{}
					go func() {
						defer wg.Done()
						defer func() { <-sem }()
						revoke(t)
					}()
				}
				wg.Wait()
				// The token the console may be signed in with goes last,
				// once every other revocation is settled: revoked any
				// earlier, it would turn the others into 401s.
				for _, t := range after {
					revoke(t)
				}
				close(out)
			}()
		}
		return BulkStartedMsg{Run: run}
	}
}

// NextBulkCmd starts the run if it has not started, waits for its next
// results and gathers what else arrives within FlushEvery; nil without a
// run.
func NextBulkCmd(r *BulkRun) tea.Cmd {
	if r == nil {
		return nil
	}
	return func() tea.Msg {
		r.once.Do(r.start)
		msg := BulkProgressMsg{Run: r}
		res, ok := <-r.results
		if !ok {
			msg.Done = true
			return msg
		}
		more, closed := gather(r.results, FlushEvery)
		msg.Results = append(append(msg.Results, res), more...)
		msg.Done = closed
		return msg
	}
}

// BulkReport is what a bulk revocation did.
type BulkReport struct {
	Total   int
	Revoked []model.Token
	Failed  []BulkResult
}

// Lines is the report in words: what was revoked and what failed, with
// the server's reason.
func (r BulkReport) Lines() []string {
	lines := []string{fmt.Sprintf("Revoked %s of %s %s.", Count(len(r.Revoked)), Count(r.Total), noun(r.Total, "token"))}
	if len(r.Failed) > 0 {
		lines = append(lines, "", fmt.Sprintf("%s failed:", Count(len(r.Failed))))
		for _, f := range r.Failed {
			lines = append(lines, fmt.Sprintf("  %s · %s: %s", f.Token.Login, f.Token.Name, errtext.Describe(f.Err)))
		}
	}
	if len(r.Revoked) > 0 {
		lines = append(lines, "", "Revoked:")
		for _, t := range r.Revoked {
			lines = append(lines, "  "+t.Login+" · "+t.Name)
		}
	}
	return lines
}

// FailedTokens are the tokens whose revocation failed.
func (r BulkReport) FailedTokens() []model.Token {
	out := make([]model.Token, len(r.Failed))
	for i, f := range r.Failed {
		out[i] = f.Token
	}
	return out
}

// bulkState is the review's bulk revocation, from the run it was handed
// to the report the root takes.
type bulkState struct {
	run     *BulkRun
	revoked []model.Token
	failed  []BulkResult
	gone    []model.Token // revoked, not handed to the lists yet
	handed  time.Time     // when the lists last took revoked tokens
	report  *BulkReport   // the run ended: its report, until taken
}

// BulkRunning reports whether a bulk revocation was handed to the review
// and its report not taken yet: a session that ends meanwhile waits.
func (m Model) BulkRunning() bool { return m.bulk.run != nil || m.bulk.report != nil }

// BulkProgress is how many of the running bulk revocation's tokens are
// settled (revoked or failed), of how many; 0, 0 without one.
func (m Model) BulkProgress() (done, total int) {
	if m.bulk.run == nil {
		return 0, 0
	}
	return len(m.bulk.revoked) + len(m.bulk.failed), m.bulk.run.total
}

// Holds reports whether r is the review's running bulk revocation.
func (m Model) Holds(r *BulkRun) bool { return r != nil && m.bulk.run == r }

// BulkReportReady reports whether a bulk revocation ended and its report
// waits to be taken.
func (m Model) BulkReportReady() bool { return m.bulk.report != nil }

// TakeBulkReport returns the report of the bulk revocation that ended, once.
func (m *Model) TakeBulkReport() (BulkReport, bool) {
	r := m.bulk.report
	if r == nil {
		return BulkReport{}, false
	}
	m.bulk.report = nil
	return *r, true
}

// bulkStarted takes a bulk revocation and starts it, unless one runs
// (confirmed twice before the first started, keys typed ahead): then this
// one never starts.
func (m Model) bulkStarted(msg BulkStartedMsg) (Model, tea.Cmd) {
	if msg.Run == nil {
		return m, nil
	}
	if m.BulkRunning() {
		m.out = append(m.out, common.Outcome{Ends: true, Error: bulkRunning})
		return m, nil
	}
	m.bulk = bulkState{run: msg.Run, handed: time.Now()}
	m.layout()
	return m, NextBulkCmd(msg.Run)
}

// TakeGone returns the tokens revoked since the last hand-over, once
// ApplyEvery has passed since it or the run ended, for the root to spread
// (common.TokensRevokedMsg) to every list, this review's included.
func (m *Model) TakeGone() []model.Token {
	b := &m.bulk
	if len(b.gone) == 0 || (b.report == nil && time.Since(b.handed) < ApplyEvery) {
		return nil
	}
	gone := b.gone
	b.gone, b.handed = nil, time.Now()
	return gone
}

// bulkProgress counts what was settled; at the end it keeps the report.
func (m Model) bulkProgress(msg BulkProgressMsg) (Model, tea.Cmd) {
	b := &m.bulk
	if msg.Run == nil || msg.Run != b.run {
		return m, nil // not the review's run
	}
	for _, r := range msg.Results {
		if r.Err != nil {
			b.failed = append(b.failed, r)
			continue
		}
		b.revoked = append(b.revoked, r.Token)
		b.gone = append(b.gone, r.Token)
	}
	if !msg.Done {
		m.layout()
		return m, NextBulkCmd(b.run)
	}
	report := &BulkReport{Total: b.run.total, Revoked: b.revoked, Failed: b.failed}
	m.bulk = bulkState{report: report, gone: b.gone, handed: b.handed}
	// The failed tokens stay marked: d, or r in the report, tries again.
	m.MarkTokens(report.FailedTokens())
	m.layout()
	return m, nil
}

// revokingLine is the bulk revocation's progress: "Revoking 1,234 of
// 4,265…", its bar, and the failures so far.
func (m Model) revokingLine() string {
	st := m.Styles
	done, total := m.BulkProgress()
	pct := 0.0
	if total > 0 {
		pct = float64(done) / float64(total)
	}
	line := st.Warning.Render(fmt.Sprintf("Revoking %s of %s…", Count(done), Count(total))) + " " + m.barView(pct)
	if n := len(m.bulk.failed); n > 0 {
		line += st.FieldError.Render(fmt.Sprintf("  %s failed", Count(n)))
	}
	return line
}

// Count writes n with thousands separators: 4,265.
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// noun is word, or its plural for n other than 1.
func noun(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
