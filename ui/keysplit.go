package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/ui/common"
)

// Two keystrokes may arrive in one read (a laggy SSH link): Bubble Tea v1
// delivers one KeyMsg with several runes, which no binding matches. Such a
// burst is split into one key per rune, until a key gives a text field the
// keyboard (the rest is its text) or opens a question (the rest is
// dropped: keys typed before it showed never answer it). A paste is kept.

// isBurst reports whether k is several typed runes in one message.
func isBurst(k tea.KeyMsg) bool {
	return k.Type == tea.KeyRunes && len(k.Runes) > 1 && !k.Paste && !k.Alt
}

// typing reports whether a text field has the keyboard.
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
