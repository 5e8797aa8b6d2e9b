package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// Changes the server confirmed travel as messages: a flow's handler
// builds common.TokensAddedMsg or common.TokensRevokedMsg when its
// answer arrives and spreads it at once (so that what the handler does
// next sees the pages current); a Cmd may send one too, and update
// routes it the same way. The root edits no list itself: each page and
// the open dialog apply what concerns them in their own Update.

// spread hands a change to the token table, the review and the open
// dialog.
func (m Model) spread(msg tea.Msg) (Model, tea.Cmd) {
	var cmds [3]tea.Cmd
	m.table, cmds[0] = m.table.Update(msg)
	m.review, cmds[1] = m.review.Update(msg)
	if m.dialog != nil {
		m.dialog, cmds[2] = m.dialog.Update(msg)
	}
	return m, tea.Batch(cmds[:]...)
}

// changeMsg routes a change sent by a Cmd.
func (m Model) changeMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg.(type) {
	case common.TokensAddedMsg, common.TokensRevokedMsg:
		next, cmd := m.spread(msg)
		return next, cmd, true
	}
	return m, nil, false
}

// ownerLogin is the login of the tokens a request for login concerns
// ("" for the signed-in user's own).
func (m Model) ownerLogin(login string) string {
	if login == "" {
		return m.user.Login
	}
	return login
}

// added spreads that the server created ts for owner (a login, "" for
// the signed-in user).
func (m Model) added(owner string, ts ...model.Token) (Model, tea.Cmd) {
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

// revokedTokens spreads that the server revoked ts (each with its
// owner's login).
func (m Model) revokedTokens(ts ...model.Token) (Model, tea.Cmd) {
	if len(ts) == 0 {
		return m, nil
	}
	return m.spread(common.TokensRevokedMsg{Tokens: ts})
}

// setTableOwner tells the token table whose tokens it shows.
func (m *Model) setTableOwner() {
	m.table.SetOwner(m.ownerLogin(m.login))
}
