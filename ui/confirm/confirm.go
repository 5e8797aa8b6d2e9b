// Package confirm is a yes/no dialog (common.Dialog) whose Yes closes it
// and runs an action Cmd. No is the default. A typed confirmation (Typed)
// asks the user to type a word before the action runs instead.
package confirm

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/keys"
)

// Model is the dialog.
type Model struct {
	common.Common
	title    string
	body     []common.Part
	yesLabel string
	yes      bool // Yes has the focus
	action   tea.Cmd

	// A typed confirmation: want is what the user must type; wrong is
	// set when enter was pressed on something else.
	want  string
	input textinput.Model
	wrong bool
}

// New returns a dialog; body is its text in parts ranked by what it gives
// up first when short of room; yesLabel names the action ("Revoke",
// "Remove").
//
// The title, the body's text and its items may quote outside strings
// (token names, logins, server messages): they are shown through
// model.Printable, so they must not carry styles.
func New(c common.Common, title string, body []common.Part, yesLabel string, action tea.Cmd) Model {
	safe := make([]common.Part, len(body))
	for i, p := range body {
		p.Text = model.PrintableLines(p.Text)
		if p.Items != nil {
			p.Items = append([]string(nil), p.Items...)
			for j, it := range p.Items {
				p.Items[j] = model.Printable(it)
			}
		}
		safe[i] = p
	}
	return Model{Common: c, title: model.Printable(title), body: safe, yesLabel: yesLabel, action: action}
}

// Typed returns the dialog asking the user to type want (the number of
// tokens a bulk revocation revokes) before the action runs, as gh asks for
// a repository's name before deleting it: y and a lone enter do not
// confirm it, enter does once the text matches; esc cancels.
func (m Model) Typed(want string) Model {
	m.want = want
	m.input = m.NewInput(want, len(want)+len(want)/3+1)
	m.input.Prompt = "> "
	m.input.Focus()
	return m
}

// Typing implements common.Typer: a typed confirmation takes text.
func (m Model) Typing() bool { return m.want != "" }

// Asks implements common.Question: keys typed before it showed never
// answer it.
func (m Model) Asks() bool { return true }

// Matches reports whether s is want, ignoring spaces and the thousands
// separators one may type in a number ("4,265" for 4265).
func (m Model) matches(s string) bool {
	s = strings.Map(func(r rune) rune {
		if r == ',' || r == ' ' || r == '_' || r == '.' {
			return -1
		}
		return r
	}, s)
	return s == m.want
}

// YesFocused reports whether the Yes button has the focus.
func (m Model) YesFocused() bool { return m.yes }

// KeyHelp is the dialog's keys, y named by its action: for the help line
// and the dialog's own line of keys alike.
func (m Model) KeyHelp() keys.ConfirmHelp {
	return keys.ConfirmHelp{KeyMap: *m.Keys, Verb: m.yesLabel, Typed: m.want != ""}
}

// Help implements common.Dialog.
func (m Model) Help() help.KeyMap { return m.KeyHelp() }

// SetSize implements common.Dialog.
func (m Model) SetSize(w, h int) common.Dialog {
	m.Common.SetSize(w, h)
	return m
}

// Title returns the dialog's title.
func (m Model) Title() string { return m.title }

// Update handles y, n/esc, the focus toggle and enter: an answer closes
// the dialog (nil), yes returning the action.
func (m Model) Update(msg tea.Msg) (common.Dialog, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if m.want != "" {
		return m.updateTyped(msg)
	}
	if !ok {
		return m, nil
	}
	k := m.Keys
	switch {
	case key.Matches(km, k.Yes), key.Matches(km, k.Choose) && m.yes:
		return nil, m.action
	case key.Matches(km, k.No), key.Matches(km, k.Choose):
		return nil, nil
	case key.Matches(km, k.Toggle):
		m.yes = !m.yes
	}
	return m, nil
}

// updateTyped handles a typed confirmation: the text, enter and esc.
func (m Model) updateTyped(msg tea.Msg) (common.Dialog, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, m.Keys.Cancel):
			return nil, nil
		case key.Matches(km, m.Keys.Choose):
			if m.matches(m.input.Value()) {
				return nil, m.action
			}
			m.wrong = true
			return m, nil
		}
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.wrong = false
	}
	return m, cmd
}

// View renders the dialog. Short of room it gives up its blank lines,
// its line of keys (the help line names the same keys) and the body's
// details before its title and its buttons.
func (m Model) View() string {
	st := m.Styles
	no, yes := button("No", !m.yes), button(m.yesLabel, m.yes)
	buttons := st.ActiveButton.Render(no) + "  " + st.Button.Render(yes)
	if m.yes {
		buttons = st.Button.Render(no) + "  " + st.DangerButton.Render(yes)
	}
	var pairs []string
	for _, b := range m.KeyHelp().ShortHelp() {
		pairs = append(pairs, b.Help().Key+" "+b.Help().Desc)
	}
	frame := st.DangerDialog.Width(min(64, max(30, m.Width-4)))
	inner := frame.GetWidth() - frame.GetHorizontalPadding()
	// The title in one line: the body names the token in full.
	title := common.Truncate(m.title, inner)
	parts := []common.Part{common.Line(st.DialogTitle.Render(title), common.Keep), common.Blank()}
	parts = append(parts, m.body...)
	if m.want != "" {
		parts = append(parts, common.Blank(), common.Line(st.Value.Render("Type "+m.want+" to confirm:"), common.Keep),
			common.Line(m.input.View(), common.Keep))
		if m.wrong {
			parts = append(parts, common.Line(st.FieldError.Render(common.Wrap("That is not "+m.want+": type it, or esc to cancel.", inner)), common.Keep))
		}
	} else {
		parts = append(parts, common.Blank(), common.Line(buttons, common.Keep))
	}
	parts = append(parts, common.Blank(), common.Line(st.Hint.Render(strings.Join(pairs, " · ")), common.Hint))
	return common.FitDialog(frame, m.Height, parts...)
}

func button(label string, focused bool) string {
	if focused {
		return "[ " + label + " ]"
	}
	return "  " + label + "  "
}
