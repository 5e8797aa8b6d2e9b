package common

import (
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
)

// Result is the answer of a flow's Cmd (a generate, a revocation, a scan's
// batch, a copy). The root handles what it means for the whole console
// once, from its Outcome, then hands the message itself to the pages and
// the dialog in the slot, wherever the flow that sent it lives: a flow
// needs no line in the root.
type Result interface {
	Outcome() Outcome
}

// Outcome is what an answer means beyond its flow.
type Outcome struct {
	// Err holds the answer's failures (errors.Join for several): a 401
	// among them ends the session.
	Err error
	// Ends is set on the answer that ends work begun with Work.
	Ends bool
	// Generated is set on the answer to a generate begun with Generate:
	// ctrl+c no longer waits for it.
	Generated bool
	// Added are tokens the server created for Owner ("" for the signed-in
	// user), Revoked tokens it revoked: the root spreads them to every
	// list (TokensAddedMsg, TokensRevokedMsg).
	Owner   string
	Added   []model.Token
	Revoked []model.Token
	// Audit are the changes the audit log records, in order.
	Audit []AuditEntry
	// Log are lines for the message log (!) only.
	Log []LogLine
	// Info, Error and Open are what the console shows unless the dialog
	// in the slot answers the message itself (Answerer): a note, an error
	// in the status line, a dialog in place of the one in the slot. With
	// Later, Open waits until the slot holds no value and no text being
	// typed (a report).
	Info, Error string
	Open        Dialog
	Later       bool
	// Copied is a token's value put on a clipboard: the root takes it
	// off later (--clipboard-clear).
	Copied *Copied
}

// Copied is a value copied by Method; Sum tells later whether the
// clipboard still holds it (the value itself is never kept).
type Copied struct {
	Method clipboard.Method
	Sum    clipboard.Fingerprint
}

// And is o followed by p: the outcome of an answer made of two (a
// revocation, then a generate).
func (o Outcome) And(p Outcome) Outcome {
	o.Err = errors.Join(o.Err, p.Err)
	o.Ends = o.Ends || p.Ends
	o.Generated = o.Generated || p.Generated
	if len(p.Added) > 0 {
		o.Owner = p.Owner
	}
	o.Added = append(o.Added, p.Added...)
	o.Revoked = append(o.Revoked, p.Revoked...)
	o.Audit = append(o.Audit, p.Audit...)
	o.Log = append(o.Log, p.Log...)
	if p.Info != "" || p.Error != "" || p.Open != nil {
		o.Info, o.Error, o.Open, o.Later = p.Info, p.Error, p.Open, p.Later
	}
	return o
}

// AuditEntry is a change for the audit log: Token is the token changed
// (the old one of a rotation, NewName its replacement), Err what ended
// it (nil for success).
type AuditEntry struct {
	Action  audit.Action
	Token   model.Token
	NewName string
	Err     error
}

// LogLine is a line of the message log; Bad marks a problem.
type LogLine struct {
	Text string
	Bad  bool
}

// Answerer is a Dialog that shows some answers of its own flow itself
// (the generate form, its server's refusal): for those, the root shows
// none of the Outcome's Info, Error and Open.
type Answerer interface {
	Answers(r Result) bool
}

// BeganMsg says that a flow started work the status line shows until an
// answer Ends it; Generating names the token a generate creates, which
// ctrl+c waits for.
type BeganMsg struct {
	Activity   string
	Generating *Generating
}

// Generating is a generate in flight: the token name, and Login, the
// owner's login ("" for the signed-in user's own token).
type Generating struct{ Name, Login string }

// Work runs cmd, first showing activity in the status line; the answer
// cmd sends Ends it.
func Work(activity string, cmd tea.Cmd) tea.Cmd {
	began := BeganMsg{Activity: activity}
	return tea.Sequence(func() tea.Msg { return began }, cmd)
}

// Generate is Work for a generate of g: until its answer (Generated),
// ctrl+c waits, and a console that quits anyway prints how to revoke it.
func Generate(activity string, g Generating, cmd tea.Cmd) tea.Cmd {
	began := BeganMsg{Activity: activity, Generating: &g}
	return tea.Sequence(func() tea.Msg { return began }, cmd)
}

// Plural is "1 token" or "3 tokens"; an irregular plural is given after
// the singular: Plural(n, "token is", "tokens are").
func Plural(n int, word string, pluralForm ...string) string {
	switch {
	case n == 1:
		return "1 " + word
	case len(pluralForm) > 0:
		return fmt.Sprintf("%d %s", n, pluralForm[0])
	}
	return fmt.Sprintf("%d %ss", n, word)
}
