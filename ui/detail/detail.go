// Package detail is the detail view of one token (enter on a row of the
// table or the review): every field in full, its dates as exact instants
// in the user's zone beside the server's own value, its status with the
// reason, and keys to revoke, rotate or copy its name. It scrolls on
// small terminals.
package detail

import (
	"context"
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/errtext"
)

// OwnerMsg names the owner Login's display name, once OwnerCmd has
// looked it up (another user's token).
type OwnerMsg struct{ Login, Name string }

// Service is what the view asks the server: the owner's display name.
type Service interface {
	SearchUsers(ctx context.Context, q client.UsersQuery) (client.UsersPage, error)
}

// OwnerCmd looks up login's display name (api/users/search); nothing
// comes back when the search fails or finds no such login: the view keeps
// the login alone.
func OwnerCmd(ctx context.Context, svc Service, login string) tea.Cmd {
	return func() tea.Msg {
		page, err := svc.SearchUsers(ctx, client.UsersQuery{Query: login, PageSize: 50})
		if err != nil {
			return nil
		}
		for _, u := range page.Users {
			if u.Login == login {
				return OwnerMsg{Login: login, Name: u.Name}
			}
		}
		return nil
	}
}

// CopiedMsg reports how copying the token's name went.
type CopiedMsg struct {
	Method clipboard.Method
	Err    error
}

// Params is what the view shows and allows.
type Params struct {
	Token model.Token
	// OwnerName is the owner's display name ("" when unknown).
	OwnerName string
	// ExpiringWithin is the window in which the token counts as expiring
	// (DefaultExpiringWithin when zero).
	ExpiringWithin time.Duration
	// ReadOnly refuses revoke and rotate, saying why.
	ReadOnly bool
	// CanRotate is false when this session cannot rotate the token; Why
	// says why in words.
	CanRotate bool
	WhyNot    string
	// Cloud shows when SonarQube Cloud removes the token if unused, and
	// the rule.
	Cloud bool
	// Review is set in the review of every user's tokens: the owner's
	// last sign-in shows (Token.Owner), or why it is unknown.
	Review bool
	// Revoke and Rotate are the revocation's question and the rotation
	// of the token, which d and o show in place of the view.
	Revoke func() common.Dialog
	Rotate func() (common.Dialog, tea.Cmd)
}

// Model is the detail view.
type Model struct {
	common.Common
	p    Params
	keys KeyMap
	cb   clipboard.Writer
	vp   viewport.Model

	copying bool
	note    string // the last key's outcome: copied, refused
	bad     bool   // note is a problem
	// done is set once a key closed the view; next is what shows in its
	// place (nil: the page).
	done bool
	next common.Dialog
}

// New returns the detail view of p.Token; cb copies its name.
func New(c common.Common, p Params, cb clipboard.Writer) Model {
	if p.ExpiringWithin <= 0 {
		p.ExpiringWithin = model.DefaultExpiringWithin
	}
	m := Model{Common: c, p: p, keys: DefaultKeyMap(), cb: cb}
	m.vp = viewport.New(0, 0)
	m.vp.KeyMap = m.keys.viewportKeys()
	m.layout()
	return m
}

// SetSize sets the room the view may take (the content area).
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.layout()
}

// copyCmd copies the name from a Cmd: clipboard I/O never runs in Update.
func (m Model) copyCmd() tea.Cmd {
	cb, name := m.cb, m.p.Token.Name
	if cb == nil {
		return func() tea.Msg {
			return CopiedMsg{Err: errors.New("no clipboard is available: select the name by hand")}
		}
	}
	return func() tea.Msg {
		method, err := cb.Copy(name)
		return CopiedMsg{Method: method, Err: err}
	}
}

// Update handles the view's keys; anything else scrolls.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case OwnerMsg:
		if msg.Login == m.p.Token.Login && msg.Name != "" {
			m.p.OwnerName = msg.Name
			m.layout()
		}
		return m, nil
	case CopiedMsg:
		m.copying = false
		if msg.Err != nil {
			m.note, m.bad = "The name was not copied: "+errtext.Describe(msg.Err), true
		} else {
			m.note, m.bad = "Name: "+msg.Method.Describe(), false
		}
		m.layout()
		return m, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Close):
			m.done = true
			return m, nil
		case key.Matches(msg, m.keys.Revoke), key.Matches(msg, m.keys.Rotate):
			rotate := key.Matches(msg, m.keys.Rotate)
			switch {
			case m.p.ReadOnly:
				m.note, m.bad = "Read-only session (--read-only): tokens cannot be revoked or rotated.", true
			case rotate && !m.p.CanRotate:
				m.note, m.bad = m.p.WhyNot, true
			case rotate && m.p.Rotate != nil:
				var cmd tea.Cmd
				m.done = true
				m.next, cmd = m.p.Rotate()
				return m, cmd
			case !rotate && m.p.Revoke != nil:
				m.done, m.next = true, m.p.Revoke()
				return m, nil
			}
			m.layout()
			return m, nil
		case key.Matches(msg, m.keys.CopyName):
			if m.copying {
				return m, nil
			}
			m.copying = true
			m.note, m.bad = "Copying the name…", false
			m.layout()
			return m, m.copyCmd()
		}
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

// Dialog is the detail view in the console's dialog slot.
type Dialog struct{ Model }

// Update implements common.Dialog.
func (d Dialog) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	m, cmd := d.Model.Update(msg)
	if m.done {
		return m.next, cmd
	}
	return Dialog{m}, cmd
}

// SetSize implements common.Dialog.
func (d Dialog) SetSize(w, h int) common.Dialog {
	d.Model.SetSize(w, h)
	return d
}

// Help implements common.Dialog.
func (d Dialog) Help() help.KeyMap { return d.keys }
