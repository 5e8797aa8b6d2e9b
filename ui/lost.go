package ui

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/confirm"
	"github.com/sonartoken/sonartoken/ui/errtext"
)

// A generate whose answer was lost (client.GenerateOrConfirm) is settled
// here. When the token was created, its value is gone for good: the
// console says so, lists the token, and offers to revoke it and send the
// same request again (y), or to keep it (n). When the check failed too,
// the outcome is unknown and the console says that a refresh shows it.

// regeneratedMsg reports the revocation of a token created without its
// value, and the new generate that followed it.
type regeneratedMsg struct {
	name      string
	revokeErr error        // the revocation failed: no new generate was sent
	gen       generatedMsg // the new generate, when the revocation worked
}

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
func (m Model) generatedOrLost(msg generatedMsg) (Model, tea.Cmd) {
	m.endGen()
	lost, ok := asLost(msg.err)
	if !ok {
		return m.generated(msg)
	}
	if lost.Unconfirmed {
		text := fmt.Sprintf("The answer to generating %s was lost and checking failed too: the outcome is unknown, "+
			"and the token may have been created. Refresh the list (esc, then r) to see. (%s)", model.Quote(lost.Name), errtext.Describe(lost.SearchErr))
		msg.err = errors.New(text)
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
		t.Login = msg.req.Login
		if t.Login == "" {
			t.Login = m.user.Login
		}
	}
	m.table.Add(t)
	body := []common.Part{
		common.Line(fmt.Sprintf("Token %s was created, but its value was lost on the way and cannot be recovered.", model.Quote(lost.Name)), common.Context),
		common.Blank(),
		common.Line("Revoke it and generate it again with the same settings?", common.Keep),
		common.Line("No keeps it: it stays in the list, and d revokes it later.", common.Hint),
	}
	m.dialog = confirm.New(m.common, "Token value lost", body, "Revoke and generate again",
		regenerateCmd(m.ctx, m.svc, lost.Name, msg.req, msg.projectName))
	m.confirmActivity = fmt.Sprintf("Revoking %s and generating it again…", model.Quote(lost.Name))
	m.confirmGen = &genFlight{name: lost.Name, login: t.Login}
	if t.Login == m.user.Login {
		m.confirmGen.login = ""
	}
	return m, nil
}

// regenerated handles the revocation of a token whose value was lost and
// the new generate.
func (m Model) regenerated(msg regeneratedMsg) (Model, tea.Cmd) {
	if msg.revokeErr != nil {
		m.endGen()
		m.pending--
		m.syncActivity()
		m.status.SetError(fmt.Sprintf("Could not revoke %s, whose value was lost: %s. It still exists: revoke it with d.",
			model.Quote(msg.name), errtext.Describe(msg.revokeErr)))
		return m, nil
	}
	m.table.Remove(msg.name)
	return m.generatedOrLost(msg.gen)
}

// regenerateCmd revokes the token name, created without its value, then
// sends req again. Both settle lost answers.
func regenerateCmd(ctx context.Context, svc Service, name string, req client.GenerateRequest, projectName string) tea.Cmd {
	gen := generateRequestCmd(ctx, svc, req, projectName)
	return func() tea.Msg {
		if err := svc.RevokeOrConfirm(ctx, req.Login, name); err != nil {
			return regeneratedMsg{name: name, revokeErr: err}
		}
		return regeneratedMsg{name: name, gen: gen().(generatedMsg)}
	}
}

// generateRequestCmd sends req (client.GenerateOrConfirm). The message
// keeps the request, without any value, so that a token created without
// its value can be generated again.
func generateRequestCmd(ctx context.Context, svc Service, req client.GenerateRequest, projectName string) tea.Cmd {
	return func() tea.Msg {
		nt, err := svc.GenerateOrConfirm(ctx, req)
		if err == nil && nt.ProjectKey != "" && nt.ProjectName == "" {
			nt.ProjectName = projectName
		}
		return generatedMsg{token: nt, err: err, req: req, projectName: projectName}
	}
}
