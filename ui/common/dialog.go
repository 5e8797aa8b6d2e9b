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
// return the changed copy. Update returns nil to close the dialog, or
// another Dialog to show in its place (the detail view's d opens the
// revocation's question), so that an answer takes effect in the Update
// of its key and the next key never reaches a dialog that is closing.
// Its I/O runs in Cmds that capture values, never the model.
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

// Question is a Dialog that a key answers (y to revoke): the keys of a
// burst typed before it showed are dropped, never taken as its answer.
type Question interface {
	Asks() bool
}

// Valued is a Dialog that may show a new token's value: ctrl+c warns
// first while that value was never copied (WarnQuit shows the warning),
// and quitting or signing out drops the dialog and its value.
type Valued interface {
	Uncopied() bool
	WarnQuit(on bool) Dialog
}

// Pending is a Dialog that may have sent a generate whose answer it
// awaits: ctrl+c waits for it, and so does the sign-in after a 401, so
// that the new value is not lost.
type Pending interface {
	Pending() bool
}

// QuitMsg asks the root to quit: it ends what runs (a scan, a generate)
// first, under the same rules as q on the page.
type QuitMsg struct{}

// Quit is a Cmd that asks the root to quit.
func Quit() tea.Msg { return QuitMsg{} }

// ShowUserMsg asks the root to show the tokens of Login ("" or the
// signed-in user's login for one's own): the user picker's choice.
type ShowUserMsg struct{ Login string }
