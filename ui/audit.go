package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/auditlog"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// recorder stamps the session's audit entries with its server, profile
// and signed-in user; without Options.Audit it records nothing.
func (m Model) recorder() auditlog.Recorder {
	if m.opts.Audit == nil || m.svc == nil {
		return auditlog.Recorder{}
	}
	return auditlog.Recorder{Log: m.opts.Audit, Server: m.svc.BaseURL(), Profile: m.opts.Profile, Actor: m.user.Login, Now: m.common.Now}
}

// requested is the token a generate asked for, for the log when it failed.
func requested(req client.GenerateRequest) model.Token {
	t := model.Token{Login: req.Login, Name: req.Name, Type: req.Type, ProjectKey: req.ProjectKey}
	if !req.ExpiresOn.IsZero() {
		e := req.ExpiresOn
		t.ExpiresAt = &e
	}
	return t
}

// auditOf returns the Cmds that log the changes msg reports (a generate,
// a revocation, a rotation's steps), or nil. It runs before the message
// is handled, so the rotation dialog still holds the tokens.
func (m Model) auditOf(msg tea.Msg) tea.Cmd {
	r := m.recorder()
	if !r.Enabled() {
		return nil
	}
	switch msg := msg.(type) {
	case create.GeneratedMsg:
		return m.auditGenerated(r, msg)
	case create.RegeneratedMsg:
		lost := model.Token{Login: msg.Gen.Req.Login, Name: msg.Name}
		if msg.RevokeErr != nil {
			return r.Record(audit.Revoke, lost, "", msg.RevokeErr)
		}
		return tea.Batch(r.Record(audit.Revoke, lost, "", nil), m.auditGenerated(r, msg.Gen))
	case revokedMsg:
		return r.Record(audit.Revoke, msg.token, "", msg.err)
	case review.BulkProgressMsg:
		changes := make([]auditlog.Change, len(msg.Results))
		for i, res := range msg.Results {
			changes[i] = auditlog.Change{Token: res.Token, Err: res.Err}
		}
		return r.RecordAll(audit.Revoke, changes)
	case rotate.GeneratedMsg:
		if rot, ok := m.rotating(); ok && msg.Err != nil {
			return r.Record(audit.Rotate, rot.Old(), rot.Request().Name, msg.Err)
		}
	case rotate.RetriedMsg:
		revoked := r.Record(audit.Revoke, msg.Lost, "", msg.RevokeErr)
		if msg.RevokeErr != nil {
			return revoked // nothing was generated again
		}
		// The generate again is logged as the first one was: its failure
		// (or lost answer) here, its success with the rotation's end.
		return tea.Sequence(revoked, m.auditOf(msg.Gen))
	case rotate.RevokedMsg:
		newName := ""
		if rot, ok := m.rotating(); ok {
			newName = rot.New().Name
		}
		return r.Record(audit.Rotate, msg.Old, newName, msg.Err)
	case rotate.ClosedMsg:
		if msg.Generated && !msg.Revoked {
			// Stopped with both kept: what happened is a generate.
			return r.Record(audit.Generate, msg.New, "", nil)
		}
	}
	return nil
}

func (m Model) auditGenerated(r auditlog.Recorder, msg create.GeneratedMsg) tea.Cmd {
	t := msg.Token.Token
	if msg.Err != nil || t.Name == "" {
		t = requested(msg.Req)
		if lost, ok := asLost(msg.Err); ok && lost.Created {
			t = lost.Token
		}
	}
	if t.Login == "" {
		t.Login = msg.Req.Login
	}
	return r.Record(audit.Generate, t, "", msg.Err)
}

// recorded shows a written entry in the message log (!), and says in the
// status line when the log could not be written: the change itself was
// made all the same.
func (m Model) recorded(msgs ...auditlog.RecordedMsg) (Model, tea.Cmd) {
	var failed error
	for _, msg := range msgs {
		m.status.Record(auditlog.Line(msg.Entry), false)
		if msg.Err != nil {
			failed = msg.Err
		}
	}
	if failed != nil {
		m.status.SetError("The change was made, but the audit log could not be written: " + model.PrintableLines(failed.Error()))
	}
	return m, nil
}
