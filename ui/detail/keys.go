package detail

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
)

// KeyMap is the detail view's bindings; it implements help.KeyMap.
type KeyMap struct {
	Revoke, Rotate, CopyName, Close key.Binding
	Up, Down, PageUp, PageDown      key.Binding
}

// DefaultKeyMap returns the detail view's bindings: d and o as in the
// table, c copies the name, the arrows and pgup/pgdn scroll.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Revoke:   key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "revoke")),
		Rotate:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "rotate")),
		CopyName: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy name")),
		Close:    key.NewBinding(key.WithKeys("esc", "enter", "q"), key.WithHelp("esc", "close")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "scroll")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d", " "), key.WithHelp("pgdn", "page down")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Revoke, k.Rotate, k.CopyName, k.Up, k.Close}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Revoke, k.Rotate, k.CopyName}, {k.Up, k.Down, k.PageUp, k.PageDown, k.Close}}
}

// viewportKeys are the viewport's scrolling keys, without its pager
// letters (d and u would shadow revoke).
func (k KeyMap) viewportKeys() viewport.KeyMap {
	none := key.NewBinding(key.WithDisabled())
	return viewport.KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown,
		HalfPageUp: none, HalfPageDown: none, Left: none, Right: none}
}
