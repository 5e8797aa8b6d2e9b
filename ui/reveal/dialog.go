package reveal

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/keys"
)

// Dialog is the reveal on its own, as a common.Dialog in the root's slot
// (the rotation shows a Model inside its own steps instead).
type Dialog struct{ Model }

// Update implements common.Dialog.
func (d Dialog) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	var cmd tea.Cmd
	d.Model, cmd = d.Model.Update(msg)
	if d.closed {
		return nil, cmd
	}
	return d, cmd
}

// Uncopied implements common.Valued.
func (d Dialog) Uncopied() bool { return d.Copied() == clipboard.None }

// WarnQuit implements common.Valued.
func (d Dialog) WarnQuit(on bool) common.Dialog {
	d.SetAskQuit(on)
	return d
}

// SetSize implements common.Dialog.
func (d Dialog) SetSize(w, h int) common.Dialog {
	d.Model.SetSize(w, h)
	return d
}

// Help implements common.Dialog.
func (d Dialog) Help() help.KeyMap { return keys.RevealHelp{KeyMap: *d.Keys} }

// Lasts implements common.Lasting: the value shows until it is closed.
func (d Dialog) Lasts() bool { return true }
