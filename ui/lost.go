package ui

import (
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/errtext"
)

// A generate whose answer was lost (client.GenerateOrConfirm) is settled
// here. When the token was created, its value is gone for good: the
// console says so, lists the token, and offers to revoke it and send the
// same request again (y), or to keep it (n). When the check failed too,
// the outcome is unknown and the console says that a refresh shows it.

// asLost returns the lost-answer error within err.
func asLost(err error) (*client.LostResponseError, bool) {
	var lost *client.LostResponseError
	if errors.As(err, &lost) && lost.Op == "generate" {
		return lost, true
	}
	return nil, false
}

// generatedOrLost handles a generate's outcome: a lost answer here, the
// rest in generated.
func (m Model) generatedOrLost(msg create.GeneratedMsg) (Model, tea.Cmd) {
	m.endGen()
	lost, ok := asLost(msg.Err)
	if !ok {
		return m.generated(msg)
	}
	if lost.Unconfirmed {
		text := fmt.Sprintf("The answer to generating %s was lost and checking failed too: the outcome is unknown, "+
			"and the token may have been created. Refresh the list (esc, then r) to see. (%s)", model.Quote(lost.Name), errtext.Describe(lost.SearchErr))
		msg.Err = errors.New(text)
		return m.generated(msg)
	}
	if !lost.Created {
		return m.generated(msg)
	}
	m.pending--
	m.syncActivity()
	if _, ok := m.form(); ok {
		m.dialog = nil // the confirmation below replaces it
	}
	t := lost.Token
	if t.Login == "" {
		t.Login = m.ownerLogin(msg.Req.Login)
	}
	m, cmd := m.added(msg.Req.Login, t)
	body := []common.Part{
		common.Line(fmt.Sprintf("Token %s was created, but its value was lost on the way and cannot be recovered.", model.Quote(lost.Name)), common.Context),
		common.Blank(),
		common.Line("Revoke it and generate it again with the same settings?", common.Keep),
		common.Line("No keeps it: it stays in the list, and d revokes it later.", common.Hint),
	}
	m.dialog = confirm.New(m.common, "Token value lost", body, "Revoke and generate again",
		create.RegenerateCmd(m.ctx, m.svc, lost.Name, msg.Req, msg.ProjectName))
	m.confirmActivity = fmt.Sprintf("Revoking %s and generating it again…", model.Quote(lost.Name))
	m.confirmGen = m.flight(lost.Name, t.Login)
	return m, cmd
}

// regenerated handles the revocation of a token whose value was lost and
// the new generate.
func (m Model) regenerated(msg create.RegeneratedMsg) (Model, tea.Cmd) {
	if msg.RevokeErr != nil {
		m.endGen()
		m.pending--
		m.syncActivity()
		m.status.SetError(fmt.Sprintf("Could not revoke %s, whose value was lost: %s. It still exists: revoke it with d.",
			model.Quote(msg.Name), errtext.Describe(msg.RevokeErr)))
		return m, nil
	}
	m, cmd := m.revokedTokens(model.Token{Login: m.ownerLogin(msg.Gen.Req.Login), Name: msg.Name})
	m, next := m.generatedOrLost(msg.Gen)
	return m, tea.Batch(cmd, next)
}
