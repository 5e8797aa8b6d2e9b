package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// reviewKey handles a key on the review page.
func (m Model) reviewKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	if m.review.Filtering() {
		m.review, cmd = m.review.Update(msg)
		return m, cmd
	}
	m.status.ClearError()
	if why := m.refusal(msg); why != "" {
		m.status.SetError(why)
		return m, nil
	}
	if next, cmd, ok := m.pageKey(msg); ok {
		return next, cmd
	}
	k := m.common.Keys
	switch {
	case key.Matches(msg, k.Refresh):
		return m.startScan()
	case key.Matches(msg, k.Revoke):
		if m.review.Table().MarkedCount() > 0 {
			return m.askBulkRevoke()
		}
		return m.askRevoke()
	case m.review.Loading() && key.Matches(msg, k.Back):
		m.scanCancelled = true
		m.cancelScan()
		return m, nil
	case m.review.Table().Query() == "" && key.Matches(msg, k.Back):
		m.page = PageTokens
		m.backToReview = false
		return m, nil
	}
	m.review, cmd = m.review.Update(msg)
	if key.Matches(msg, k.Chart) && m.review.ChartNote() != "" {
		m.status.SetError(m.review.ChartNote())
	}
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
	return m.openReview()
}
