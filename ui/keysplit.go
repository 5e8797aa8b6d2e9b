package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/ui/common"
)

// Two keystrokes may arrive in one read (a laggy SSH link, typing ahead
// during a slow frame, tmux send-keys -l jj): Bubble Tea v1 then delivers
// one KeyMsg with several runes, which no binding matches. Outside text
// fields such a burst is split into one key per rune, each handled in
// turn; once a key gives a text field the keyboard (/ opens the filter,
// n the form), the rest of the burst is text for it. Once a key opens a
// confirmation (d, y to revoke), the rest of the burst is dropped: keys
// typed before the question was on screen never answer it. A bracketed
// paste (msg.Paste) is never split.

// isBurst reports whether k is several typed runes in one message.
func isBurst(k tea.KeyMsg) bool {
	return k.Type == tea.KeyRunes && len(k.Runes) > 1 && !k.Paste && !k.Alt
}

// typing reports whether a text field has the keyboard, so that runes
// are text rather than keys.
func (m Model) typing() bool {
	if m.over != nil {
		return false
	}
	if m.dialog != nil {
		t, ok := m.dialog.(common.Typer)
		return ok && t.Typing()
	}
	if m.page == PageReview {
		return m.review.Filtering()
	}
	return m.table.Filtering()
}

// splitBurst handles each rune of a burst as its own key.
func (m Model) splitBurst(k tea.KeyMsg) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	for i, r := range k.Runes {
		one := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
		rest := m.typing()
		if rest {
			one.Runes = k.Runes[i:]
		}
		_, asking := m.dialog.(common.Question)
		next, cmd := m.Update(one)
		m = next.(Model)
		cmds = append(cmds, cmd)
		if rest {
			break
		}
		if _, asks := m.dialog.(common.Question); asks && !asking && i < len(k.Runes)-1 {
			m.status.SetInfo("The keys typed after " + string(r) + " were ignored: answer the question once you have read it.")
			break
		}
	}
	return m, tea.Batch(cmds...)
}
