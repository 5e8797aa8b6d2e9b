package ui

import (
	"errors"
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/auditlog"
	"github.com/sonartoken/sonartoken/ui/common"
)

// result handles a flow's answer: once for the whole console, from its
// Outcome (work ended, the audit log, the message log, the changes to
// every list, what shows), then in the pages and the dialog, wherever the
// flow that sent it lives. The root's own answers (the loads) take their
// data first.
func (m Model) result(r common.Result) (Model, tea.Cmd) {
	load := m.takeLoad(r) // loads.go
	o := r.Outcome()
	answered := false
	if a, ok := m.dialog.(common.Answerer); ok {
		answered = a.Answers(r)
	}
	m, cmd := m.apply(o, answered)
	m, deliver := m.spread(r)
	m.noteAuth(o.Err)
	return m, tea.Batch(load, cmd, deliver)
}

// apply does what an outcome says beyond its flow; answered is set when
// the dialog in the slot shows the answer itself.
func (m Model) apply(o common.Outcome, answered bool) (Model, tea.Cmd) {
	if o.Ends {
		m.ended()
	}
	if o.Generated {
		m.endGen()
	}
	for _, l := range o.Log {
		m.status.Record(l.Text, l.Bad)
	}
	cmds := []tea.Cmd{m.recorder().RecordAll(o.Audit), m.scheduleClear(o.Copied)}
	var cmd tea.Cmd
	if len(o.Revoked) > 0 {
		m, cmd = m.spread(common.TokensRevokedMsg{Tokens: o.Revoked})
		cmds = append(cmds, cmd, m.checkSession(o.Revoked))
	}
	if len(o.Added) > 0 {
		m, cmd = m.added(o.Owner, o.Added)
		cmds = append(cmds, cmd)
	}
	if !answered {
		switch {
		case o.Open != nil && o.Later:
			m.waiting = append(m.waiting, o.Open)
		case o.Open != nil:
			m.dialog = o.Open
		}
		if o.Error != "" {
			m.status.SetError(o.Error)
		}
		if o.Info != "" {
			m.status.SetInfo(o.Info)
		}
	}
	return m, tea.Batch(cmds...)
}

// slotFree reports whether a waiting dialog may take the slot: it is
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

// fromPages applies what the pages handed the console in this message.
func (m *Model) fromPages() tea.Cmd {
	var cmds []tea.Cmd
	for range 3 { // a change spread may hand more (a report after its last tokens)
		outs := append(m.table.TakeOutcomes(), m.review.TakeOutcomes()...)
		if len(outs) == 0 {
			break
		}
		for _, o := range outs {
			var cmd tea.Cmd
			*m, cmd = m.apply(o, false)
			cmds = append(cmds, cmd)
		}
	}
	return tea.Batch(cmds...)
}

// spread hands msg (a change, or a flow's answer) to the token table, the
// review and the open dialog: each page that lists tokens applies the
// changes in its own Update, so every page is current whichever made them.
func (m Model) spread(msg tea.Msg) (Model, tea.Cmd) {
	var cmds [3]tea.Cmd
	m.table, cmds[0] = m.table.Update(msg)
	m.review, cmds[1] = m.review.Update(msg)
	if m.dialog != nil {
		m.dialog, cmds[2] = m.dialog.Update(msg)
	}
	return m, tea.Batch(cmds[:]...)
}

// added spreads that the server created ts for owner ("" for the
// signed-in user).
func (m Model) added(owner string, ts []model.Token) (Model, tea.Cmd) {
	owner = m.ownerLogin(owner)
	out := make([]model.Token, len(ts))
	for i, t := range ts {
		if t.Login == "" {
			t.Login = owner
		}
		out[i] = t
	}
	return m.spread(common.TokensAddedMsg{Owner: owner, Tokens: out})
}

// ownerLogin is the login of the tokens of login ("" for the signed-in
// user's own).
func (m Model) ownerLogin(login string) string {
	if login == "" {
		return m.user.Login
	}
	return login
}

// recorder stamps the session's audit entries with its server, profile
// and signed-in user; without Options.Audit it records nothing.
func (m Model) recorder() auditlog.Recorder {
	if m.opts.Audit == nil || m.svc == nil {
		return auditlog.Recorder{}
	}
	return auditlog.Recorder{Log: m.opts.Audit, Server: m.svc.BaseURL(), Profile: m.opts.Profile, Actor: m.user.Login, Now: m.common.Now}
}

// checkSession asks who is signed in once a revoked token may have been
// the console's own, so that a 401 signs the console out as soon as the
// report on screen is closed, instead of leaving an empty table under a
// signed-in header until the next request.
func (m *Model) checkSession(revoked []model.Token) tea.Cmd {
	if m.svc == nil || m.authErr != nil {
		return nil
	}
	hint, now := m.ownHint(), m.common.Now()
	if !slices.ContainsFunc(revoked, func(t model.Token) bool { return hint.MayBeSession(t, now) }) {
		return nil
	}
	m.pending++ // ended by the answer (userMsg)
	return currentUserCmd(m.ctx, m.svc)
}

// noteAuth records a 401 among err's: the session is signed out, once a
// value or a report on screen is closed (SignedOut).
func (m *Model) noteAuth(err error) {
	if m.authErr != nil {
		return
	}
	if err = unauthorized(err); err == nil {
		return
	}
	m.authErr = err
	m.review.StopScan()
	if m.SignedOut() == nil {
		// A value or a report is on screen: it stays until closed.
		m.status.SetError("The server no longer accepts the console's token: close this to sign in again.")
	}
}

// unauthorized is the first 401 among err's (errors.Join), or nil.
func unauthorized(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if u := unauthorized(e); u != nil {
				return u
			}
		}
		return nil
	}
	if err != nil && errors.Is(err, client.ErrUnauthorized) {
		return err
	}
	return nil
}
