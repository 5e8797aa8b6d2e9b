// Package auditlog records the console's changes (generate, revoke,
// rotate) in the audit log, in Cmds: writing the log never runs in
// Update and never holds back the change it records. A failure to write
// comes back as a message for the status line.
package auditlog

import (
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// RecordedMsg reports one entry's write: Err is set when it was not
// recorded.
type RecordedMsg struct {
	Entry audit.Entry
	Err   error
}

// Recorder stamps entries with the session's server, profile and user.
// The zero value (no Log) records nothing.
type Recorder struct {
	Log     audit.Logger
	Server  string
	Profile string
	Actor   string
	Now     func() time.Time
}

// Enabled reports whether entries are written.
func (r Recorder) Enabled() bool { return r.Log != nil }

// Record returns a Cmd that appends action on t, ended by err (nil for
// success), to the log; nil when there is no log. For a rotation, t is
// the old token and newName the replacement's.
func (r Recorder) Record(action audit.Action, t model.Token, newName string, err error) tea.Cmd {
	if r.Log == nil {
		return nil
	}
	e := audit.FromToken(t)
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	e.Time = now().UTC()
	e.Server, e.Profile, e.Actor = r.Server, r.Profile, r.Actor
	if e.Login == "" {
		e.Login = r.Actor
	}
	e.NewName = newName
	e.Action = action
	e.Outcome, e.Error = OutcomeOf(err)
	log := r.Log
	return func() tea.Msg {
		return RecordedMsg{Entry: e, Err: log.Append(e)}
	}
}

// RecordedAllMsg reports the writes of RecordAll, in order.
type RecordedAllMsg struct{ Recorded []RecordedMsg }

// Outcome implements common.Result: each entry in the message log (!),
// and a word in the status line when the log could not be written (the
// change itself was made all the same).
func (m RecordedAllMsg) Outcome() common.Outcome {
	var o common.Outcome
	var failed error
	for _, r := range m.Recorded {
		o.Log = append(o.Log, common.LogLine{Text: Line(r.Entry)})
		if r.Err != nil {
			failed = r.Err
		}
	}
	if failed != nil {
		o.Error = "The change was made, but the audit log could not be written: " + model.PrintableLines(failed.Error())
	}
	return o
}

// RecordAll returns one Cmd that appends each change, in order, and
// reports them in one message: a bulk revocation of thousands of tokens is
// a few messages to the console, not one per token. Nil when there is no
// log or no change.
func (r Recorder) RecordAll(changes []common.AuditEntry) tea.Cmd {
	if r.Log == nil || len(changes) == 0 {
		return nil
	}
	cmds := make([]tea.Cmd, len(changes))
	for i, c := range changes {
		cmds[i] = r.Record(c.Action, c.Token, c.NewName, c.Err)
	}
	return func() tea.Msg {
		out := RecordedAllMsg{Recorded: make([]RecordedMsg, len(cmds))}
		for i, cmd := range cmds {
			out.Recorded[i] = cmd().(RecordedMsg)
		}
		return out
	}
}

// OutcomeOf classifies a change's error for the log: ok, lost-answer (the
// server made the change, its answer was lost), unconfirmed (and checking
// failed too), or failed.
func OutcomeOf(err error) (audit.Outcome, string) {
	if err == nil {
		return audit.OK, ""
	}
	var lost *client.LostResponseError
	if errors.As(err, &lost) {
		switch {
		case lost.Unconfirmed:
			return audit.Unconfirmed, client.Describe(err)
		case lost.Created:
			return audit.LostAnswer, client.Describe(err)
		}
	}
	return audit.Failed, client.Describe(err)
}

// Line is the entry in words, for the message log: "revoked ci of ada",
// "generate ci failed: …".
func Line(e audit.Entry) string {
	who := ""
	if e.Login != "" && e.Login != e.Actor {
		who = " of " + model.Printable(e.Login)
	}
	name := model.Quote(e.Name)
	past := map[audit.Action]string{audit.Generate: "generated", audit.Revoke: "revoked", audit.Rotate: "rotated"}[e.Action]
	switch e.Outcome {
	case audit.OK:
		s := fmt.Sprintf("Audit: %s %s%s", past, name, who)
		if e.NewName != "" {
			s += " into " + model.Quote(e.NewName)
		}
		return s
	case audit.LostAnswer:
		return fmt.Sprintf("Audit: %s %s%s, answer lost", past, name, who)
	case audit.Unconfirmed:
		return fmt.Sprintf("Audit: %s %s%s unconfirmed: %s", e.Action, name, who, model.PrintableLines(e.Error))
	}
	return fmt.Sprintf("Audit: %s %s%s failed: %s", e.Action, name, who, model.PrintableLines(e.Error))
}
