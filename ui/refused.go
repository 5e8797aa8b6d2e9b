package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// refusal says why a key the page shows no action for does nothing here,
// or is "" for a key it handles: the keys that change the server in a
// read-only session, and n in the review. A refused key is never silent.
func (m Model) refusal(msg tea.KeyMsg) string {
	k := m.common.Keys
	if m.opts.ReadOnly {
		changes := []key.Binding{k.New, k.Revoke, k.Rotate}
		if m.page == PageReview {
			changes = append(changes, k.Mark, k.MarkAll) // the tokens page has no marks
		}
		for _, b := range changes {
			if key.Matches(msg, anyState(b)) {
				return "Read-only session (--read-only): " + b.Help().Key + " (" + b.Help().Desc + ") is off; nothing on the server changes."
			}
		}
	}
	if m.page == PageReview {
		for _, b := range []key.Binding{k.QuickExpired, k.QuickExpiring, k.QuickNoExpiry} {
			if !b.Enabled() && key.Matches(msg, anyState(b)) {
				return "This SonarQube has no token expiry (it came with 9.6): filters 1, 2 and 3 cannot match."
			}
		}
		if !k.ByType.Enabled() && key.Matches(msg, anyState(k.ByType)) {
			return "This SonarQube has no token types (they came with 9.5): every token is a user token."
		}
	}
	if m.page == PageReview && key.Matches(msg, anyState(k.New)) {
		return "The review lists tokens: generate one from a user's page (esc for yours, u for another user's), then n."
	}
	return ""
}
