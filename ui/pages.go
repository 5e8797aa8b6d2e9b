package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/picker"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/tokens"
)

// isAdmin reports whether the administrators' actions are open: the
// server says the session holds Administer System, which it only does for
// a user token (or a password) of an administrator. Never on SonarQube
// Cloud, whose token API ignores the login parameter.
func (m Model) isAdmin() bool {
	if m.caps.Cloud {
		return false // Cloud's token API acts on one's own tokens only
	}
	if !m.userLoaded || !m.user.IsAdmin() {
		return false
	}
	t := m.opts.OwnTokenType
	return t == model.TypeUser || t == model.TypeUnknown
}

// adminRefusal says why the administrators' actions are closed.
func (m Model) adminRefusal() string {
	if m.caps.Cloud {
		return model.CloudOwnTokensOnly + ": other users' tokens and the review are closed."
	}
	if t := m.opts.OwnTokenType; t == model.TypeGlobal || t == model.TypeProject {
		return fmt.Sprintf("Other users' tokens and the review need an administrator's user token: a %s carries no Administer System permission, even an administrator's.", t.Label())
	}
	if !m.userLoaded {
		return "The signed-in user is not known yet: other users' tokens and the review need the Administer System permission."
	}
	return "Other users' tokens and the review need the Administer System permission."
}

// anyState returns b enabled, to recognise a key whose action is closed
// and say why.
func anyState(b key.Binding) key.Binding {
	b.SetEnabled(true)
	return b
}

// openPicker opens the user picker (u).
func (m Model) openPicker() (Model, tea.Cmd) {
	if !m.isAdmin() {
		m.status.SetError(m.adminRefusal())
		return m, nil
	}
	m.backToReview = m.page == PageReview // esc on the user chosen goes back
	p := picker.New(m.common, m.user.Login, picker.Search(m.ctx, m.svc))
	m.dialog = p
	return m, p.Init()
}

// showUser shows the tokens of login ("" or one's own login for one's
// own): the picker's choice, or esc back to one's own.
func (m Model) showUser(login string) (Model, tea.Cmd) {
	if login == m.user.Login {
		login = ""
	}
	m.page = PageTokens
	if login == m.login && m.table.Loaded() {
		return m, nil
	}
	m.login = login
	m.table = tokens.New(m.common, m.caps, m.opts.ReadOnly)
	m.table.SetOwner(m.ownerLogin(login))
	m.share()
	tick := m.begin(common.BeganMsg{Activity: "Loading tokens…"})
	return m, tea.Batch(tick, loadTokensCmd(m.ctx, m.svc, login))
}

// openReview shows the review (v), starting its scan the first time.
func (m Model) openReview() (Model, tea.Cmd) {
	if !m.isAdmin() {
		m.status.SetError(m.adminRefusal())
		return m, nil
	}
	m.page = PageReview
	if m.review.State() != review.StateIdle {
		return m, nil
	}
	var cmd tea.Cmd
	m.review, cmd = m.review.Scan()
	return m, cmd
}

// reviewAtStart opens the review for --review once the user is known.
func (m Model) reviewAtStart() (Model, tea.Cmd) {
	m.opts.Review = false
	if !m.isAdmin() {
		m.page = PageTokens
		m.status.SetError("--review: " + m.adminRefusal())
		return m, nil
	}
	m.share() // the review's scan runs as the signed-in user
	return m.openReview()
}
