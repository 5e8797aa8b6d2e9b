package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/detail"
)

// openDetail shows the selected row's token in full (enter); false when
// no row is selected. Another user's display name is looked up in a Cmd.
func (m Model) openDetail() (Model, tea.Cmd, bool) {
	t, ok := m.selectedToken()
	if !ok {
		return m, nil, false
	}
	if t.Login == "" && m.page == PageTokens {
		t.Login = m.ownerLogin(m.login)
	}
	owner := ""
	if t.Login == m.user.Login {
		owner = m.user.Name
	}
	why := model.RotationRefusal(t, m.user)
	if why != "" {
		why = "Cannot rotate " + model.Quote(t.Name) + ": " + why
	}
	m.dialog = detail.Dialog{Model: detail.New(m.common, detail.Params{
		Token: t, OwnerName: owner, ExpiringWithin: m.expiringWithin(), ReadOnly: m.opts.ReadOnly,
		CanRotate: why == "", WhyNot: why,
	}, m.cb)}
	var cmd tea.Cmd
	if owner == "" && len(t.Login) >= 2 && m.isAdmin() && m.svc != nil {
		cmd = ownerNameCmd(m.ctx, m.svc, t.Login)
	}
	return m, cmd, true
}

// ownerNameCmd looks up login's display name (api/users/search); nothing
// comes back when the search fails or finds no such login: the view keeps
// the login alone.
func ownerNameCmd(ctx context.Context, svc Service, login string) tea.Cmd {
	return func() tea.Msg {
		page, err := svc.SearchUsers(ctx, client.UsersQuery{Query: login, PageSize: 50})
		if err != nil {
			return nil
		}
		for _, u := range page.Users {
			if u.Login == login {
				return detail.OwnerMsg{Login: login, Name: u.Name}
			}
		}
		return nil
	}
}

// detailAction closes the detail view and revokes or rotates its token,
// through the same confirmation and flow as d and o on the row.
func (m Model) detailAction(t model.Token, rotate bool) (Model, tea.Cmd) {
	m.dialog = nil
	if sel, ok := m.selectedToken(); !ok || sel.Name != t.Name || (sel.Login != "" && t.Login != "" && sel.Login != t.Login) {
		m.status.SetError("The token " + model.Quote(t.Name) + " is no longer the selected row: select it and press d or o.")
		return m, nil
	}
	if rotate {
		return m.askRotate()
	}
	return m.askRevoke()
}
