package common

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Dialog is a screen shown over the page in the root's one dialog slot
// (ui.Model.dialog). The root hands it every key and every message it
// does not route itself, draws it centred in the content area and shows
// its Help in the footer; the page keeps its state underneath.
//
// A Dialog is a value, like every Bubble Tea model: Update and SetSize
// return the changed copy. It opens from anywhere (a page, another
// dialog, a Cmd) by returning OpenDialog(d), and it closes itself by
// returning CloseDialog: the root only routes, it knows no dialog by
// name. Its I/O runs in Cmds that capture values, never the model.
type Dialog interface {
	// Update handles a message while the dialog shows.
	Update(msg tea.Msg) (Dialog, tea.Cmd)
	// View renders the dialog, at most the size SetSize gave.
	View() string
	// SetSize gives the dialog the content area's size (the root calls
	// it after every message).
	SetSize(w, h int) Dialog
	// Help is the dialog's keys, for the footer.
	Help() help.KeyMap
}

// Typer is a Dialog with a text field: while Typing, runes are text, not
// keys (a pasted burst is not split into commands).
type Typer interface {
	Typing() bool
}

// Lasting is a Dialog that shows something the user must read (a new
// token's value, a report): a session that ends meanwhile waits for it
// to close before the sign-in page replaces the console.
type Lasting interface {
	Lasts() bool
}

// OpenDialogMsg asks the root to show Dialog in its dialog slot, in place
// of the dialog open, if any.
type OpenDialogMsg struct{ Dialog Dialog }

// CloseDialogMsg asks the root to close its dialog and show the page.
type CloseDialogMsg struct{}

// QuitMsg asks the root to quit: it ends what runs (a scan, a generate)
// first, under the same rules as q on the page.
type QuitMsg struct{}

// OpenDialog returns a Cmd that opens d.
func OpenDialog(d Dialog) tea.Cmd {
	return func() tea.Msg { return OpenDialogMsg{Dialog: d} }
}

// CloseDialog is a Cmd that closes the open dialog.
func CloseDialog() tea.Msg { return CloseDialogMsg{} }

// Quit is a Cmd that asks the root to quit.
func Quit() tea.Msg { return QuitMsg{} }
