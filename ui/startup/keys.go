package startup

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the bindings of the start-up screens.
type KeyMap struct {
	Retry, Edit, Demo, Quit, ForceQuit key.Binding
	Next, Prev, Submit, Toggle         key.Binding
	Leave                              key.Binding // esc on the welcome screen, where q is typed
}

// DefaultKeyMap returns the standard bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Retry:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "change server or token")),
		Demo:      key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "try the demo")),
		Quit:      key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Next:      key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous")),
		Submit:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "connect")),
		Toggle:    key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "toggle")),
		Leave:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "quit")),
	}
}

// ShortHelp implements help.KeyMap for the error screen.
type errorHelp struct {
	k        KeyMap
	canRetry bool
	canEdit  bool
}

func (h errorHelp) ShortHelp() []key.Binding {
	var out []key.Binding
	if h.canRetry {
		out = append(out, h.k.Retry)
	}
	if h.canEdit {
		out = append(out, h.k.Edit)
	}
	return append(out, h.k.Quit)
}

func (h errorHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

type welcomeHelp struct {
	k       KeyMap
	canDemo bool
}

func (h welcomeHelp) ShortHelp() []key.Binding {
	out := []key.Binding{h.k.Next, h.k.Submit}
	if h.canDemo {
		out = append(out, h.k.Demo)
	}
	return append(out, h.k.Leave)
}

func (h welcomeHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }
