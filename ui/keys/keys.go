// Package keys defines the console's key bindings and the help each mode
// shows, for bubbles/help.
package keys

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// KeyMap is every binding of the console.
type KeyMap struct {
	// Table.
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Filter, ClearFilter, Sort, Reverse      key.Binding
	Refresh, New, Revoke                    key.Binding
	Help, Quit, ForceQuit                   key.Binding
	HelpAnywhere                            key.Binding // f1: the help from a text field too, where ? is text
	CloseHelp                               key.Binding // ? or esc, on the full help
	Log                                     key.Binding // the session's messages

	// Administrators and rotation.
	Users, Review, Rotate, Back key.Binding

	// Review: marks and quick filters.
	Mark, MarkAll                                        key.Binding
	QuickAll, QuickExpired, QuickExpiring, QuickNoExpiry key.Binding
	QuickNeverUsed, QuickUnused, Wider, Narrower         key.Binding
	QuickOwnerAway                                       key.Binding // owner not signed in for more than M days
	ByType, ByLogin                                      key.Binding
	QuickHint                                            key.Binding // 0-6, for the short help only

	// Filter input.
	ApplyFilter key.Binding

	// Generate form.
	NextField, PrevField, Submit, Cancel key.Binding
	PrevChoice, NextChoice               key.Binding
	ListUp, ListDown                     key.Binding

	// Reveal.
	Copy, Close key.Binding

	// Confirm.
	Yes, No, Toggle, Choose key.Binding

	// A token's details, the review's expiry chart, export of
	// the shown rows, and switching profiles.
	Detail, Chart, Export, Profile key.Binding
}

// DefaultKeyMap returns the standard bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Sort:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort by")),
		Reverse:     key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse")),
		Refresh:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		New:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new token")),
		Revoke:      key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "revoke")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		// ? and ! are text in a text field: f1 opens the help there, and
		// ! the log from the help.
		HelpAnywhere: key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help")),
		CloseHelp:    key.NewBinding(key.WithKeys("?", "esc"), key.WithHelp("? or esc", "close this help")),
		Quit:         key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Log:          key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "all messages")),

		Users:  key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "users")),
		Review: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "review")),
		Rotate: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "rotate")),
		Back:   key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),

		Mark:           key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark")),
		MarkAll:        key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "all")),
		QuickHint:      key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6"), key.WithHelp("0-6", "filters")),
		QuickAll:       key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "all")),
		QuickExpired:   key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "expired")),
		QuickExpiring:  key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "expiring ≤7d")),
		QuickNoExpiry:  key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "no expiry")),
		QuickNeverUsed: key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "never used")),
		QuickUnused:    key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "unused >90d")),
		QuickOwnerAway: key.NewBinding(key.WithKeys("6"), key.WithHelp("6", "owner away >90d")),
		Wider:          key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", "days")),
		Narrower:       key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "fewer days")),
		ByType:         key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "by type")),
		ByLogin:        key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "by login")),

		ApplyFilter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply filter")),

		NextField:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		PrevField:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Submit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "generate")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		PrevChoice: key.NewBinding(key.WithKeys("left"), key.WithHelp("←/→", "choose")),
		NextChoice: key.NewBinding(key.WithKeys("right", " "), key.WithHelp("→", "next choice")),
		ListUp:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", "pick project")),
		ListDown:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next project")),

		Copy:  key.NewBinding(key.WithKeys("c", "y"), key.WithHelp("c", "copy")),
		Close: key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc/enter", "close")),

		Yes:    key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:     key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
		Toggle: key.NewBinding(key.WithKeys("left", "right", "tab", "shift+tab", "h", "l"), key.WithHelp("←/→", "switch")),
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),

		Detail:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Chart:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "chart")),
		Export:  key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export")),
		Profile: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "switch profile"), key.WithDisabled()), // enabled with two profiles or more
	}
}

// SetReadOnly disables (and hides) the bindings that change anything.
func (k *KeyMap) SetReadOnly(ro bool) {
	k.New.SetEnabled(!ro)
	k.Revoke.SetEnabled(!ro)
	k.Rotate.SetEnabled(!ro)
	k.Mark.SetEnabled(!ro)
	k.MarkAll.SetEnabled(!ro)
}

// SetAdmin enables (and shows) the administrators' keys: another user's
// tokens and the review.
func (k *KeyMap) SetAdmin(admin bool) {
	k.Users.SetEnabled(admin)
	k.Review.SetEnabled(admin)
}

// SetWindows shows the current day counts of the expiring, unused and
// owner quick filters in their help.
func (k *KeyMap) SetWindows(expiringDays, unusedDays, ownerDays int) {
	k.QuickExpiring.SetHelp("2", fmt.Sprintf("expiring ≤%dd", expiringDays))
	k.QuickUnused.SetHelp("5", fmt.Sprintf("unused >%dd", unusedDays))
	k.QuickOwnerAway.SetHelp("6", fmt.Sprintf("owner away >%dd", ownerDays))
}

// SetCapabilities disables (and hides) the review's filters that cannot
// match on the server: by type before 9.5 (types), by expiry before 9.6
// (expiry).
func (k *KeyMap) SetCapabilities(types, expiry bool) {
	k.ByType.SetEnabled(types)
	k.QuickExpired.SetEnabled(expiry)
	k.QuickExpiring.SetEnabled(expiry)
	k.QuickNoExpiry.SetEnabled(expiry)
	if expiry {
		k.QuickHint.SetHelp("0-6", "filters")
		k.Wider.SetHelp("+/-", "days")
	} else {
		k.QuickHint.SetHelp("0,4-6", "filters")
		k.Wider.SetHelp("+/-", "days of 5, 6")
	}
}

// TableHelp is the help of the token table; Other is set while another
// user's tokens are shown.
type TableHelp struct {
	KeyMap
	Other bool
}

// ShortHelp implements help.KeyMap.
func (h TableHelp) ShortHelp() []key.Binding {
	if h.Other {
		return []key.Binding{h.New, h.Revoke, h.Rotate, h.Back, h.Users, h.Filter, h.Sort, h.Help, h.Quit}
	}
	return []key.Binding{h.New, h.Revoke, h.Rotate, h.Users, h.Review, h.Filter, h.Sort, h.Help, h.Quit}
}

// FullHelp implements help.KeyMap.
func (h TableHelp) FullHelp() [][]key.Binding {
	back := h.Back
	back.SetEnabled(h.Other)
	return [][]key.Binding{
		{h.Up, h.Down, h.Top, h.Bottom, h.PageUp, h.PageDown},
		{h.Filter, h.ClearFilter, h.Sort, h.Reverse, h.Refresh},
		{h.New, h.Revoke, h.Rotate, h.Users, h.Review, back},
		{h.Help, h.Log, h.Profile, h.Quit, h.ForceQuit},
		{h.Detail, h.Export},
	}
}

// ReviewHelp is the help of the review of every user's tokens.
type ReviewHelp struct{ KeyMap }

// ShortHelp implements help.KeyMap.
func (h ReviewHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.Mark, h.MarkAll, h.Revoke, h.Rotate, h.QuickHint, h.Help, h.Filter, h.Sort, h.Back, h.Quit}
}

// FullHelp implements help.KeyMap.
func (h ReviewHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{h.Up, h.Down, h.Top, h.Bottom, h.PageUp, h.PageDown},
		{h.QuickAll, h.QuickExpired, h.QuickExpiring, h.QuickNoExpiry, h.QuickNeverUsed, h.QuickUnused, h.QuickOwnerAway},
		{h.Wider, h.ByType, h.ByLogin, h.Filter, h.Sort, h.Reverse},
		{h.Mark, h.MarkAll, h.Revoke, h.Rotate, h.Refresh, h.Detail},
		{h.Chart, h.Export, h.Users, h.Back, h.Help, Relabel(h.Log, "!", "messages"), h.Profile, h.Quit},
	}
}

// List is a fixed list of bindings, as help for a dialog.
type List []key.Binding

// ShortHelp implements help.KeyMap.
func (l List) ShortHelp() []key.Binding { return l }

// FullHelp implements help.KeyMap.
func (l List) FullHelp() [][]key.Binding { return [][]key.Binding{l} }

// Relabel returns b with another help text.
func Relabel(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}

// FilterHelp is the help while typing a filter.
type FilterHelp struct{ KeyMap }

// ShortHelp implements help.KeyMap.
func (h FilterHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.ApplyFilter, h.ClearFilter, h.ForceQuit}
}

// FullHelp implements help.KeyMap.
func (h FilterHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// FormHelp is the help of the generate form, with only the keys that
// apply to the fields it shows.
type FormHelp struct {
	KeyMap
	// Fields is how many fields tab moves between.
	Fields int
	// Choices is set when a field offers choices (a type or an expiry).
	Choices bool
	// Projects is set when the project list is shown; OnProjects when it
	// has the focus; Choosing when enter chooses the project under its
	// cursor instead of generating.
	Projects, OnProjects, Choosing bool
}

// ShortHelp implements help.KeyMap.
func (h FormHelp) ShortHelp() []key.Binding {
	var out []key.Binding
	if h.Fields > 1 {
		out = append(out, Relabel(h.NextField, "tab/shift+tab", "move"))
	}
	if h.Choices {
		out = append(out, h.PrevChoice)
	}
	if h.OnProjects {
		out = append(out, h.ListUp)
	}
	return append(out, h.submit(), h.Cancel)
}

// submit is enter, named by what it does now.
func (h FormHelp) submit() key.Binding {
	if h.Choosing {
		return Relabel(h.Submit, "enter", "choose project")
	}
	return h.Submit
}

// FullHelp implements help.KeyMap.
func (h FormHelp) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	if h.Fields > 1 {
		out = append(out, []key.Binding{h.NextField, h.PrevField})
	}
	var pick []key.Binding
	if h.Choices {
		pick = append(pick, h.PrevChoice)
	}
	if h.Projects {
		pick = append(pick, h.ListUp)
	}
	if len(pick) > 0 {
		out = append(out, pick)
	}
	return append(out, []key.Binding{h.submit(), h.Cancel, h.ForceQuit})
}

// RevealHelp is the help of the one-time reveal.
type RevealHelp struct{ KeyMap }

// ShortHelp implements help.KeyMap.
func (h RevealHelp) ShortHelp() []key.Binding { return []key.Binding{h.Copy, h.Close} }

// FullHelp implements help.KeyMap.
func (h RevealHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// ConfirmHelp is the help of a yes/no dialog; the dialog's own line of
// keys is rendered from it too, so both name y by the dialog's action.
type ConfirmHelp struct {
	KeyMap
	// Verb names what y does ("Revoke", "Remove"); "" says yes.
	Verb string
	// Typed is set when the user types a word to confirm: enter does it,
	// esc cancels.
	Typed bool
}

// ShortHelp implements help.KeyMap.
func (h ConfirmHelp) ShortHelp() []key.Binding {
	if h.Typed {
		verb := "confirm"
		if h.Verb != "" {
			verb = strings.ToLower(h.Verb)
		}
		return []key.Binding{Relabel(h.Choose, "enter", verb), h.Cancel}
	}
	yes, no := h.Yes, Relabel(h.No, h.No.Help().Key, "cancel")
	if h.Verb != "" {
		yes = Relabel(yes, yes.Help().Key, strings.ToLower(h.Verb))
	}
	return []key.Binding{yes, no, h.Toggle, h.Choose}
}

// FullHelp implements help.KeyMap.
func (h ConfirmHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// HelpScreen is the help while the full help is shown: how to close it,
// the message log, and quit unless the help shows over a dialog (where q
// closes it, as it does the dialogs).
type HelpScreen struct {
	KeyMap
	OverDialog bool
}

// ShortHelp implements help.KeyMap.
func (h HelpScreen) ShortHelp() []key.Binding {
	out := []key.Binding{h.CloseHelp, Relabel(h.Log, "!", "messages")}
	if h.OverDialog {
		return out
	}
	return append(out, h.Quit)
}

// FullHelp implements help.KeyMap.
func (h HelpScreen) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }
