package rotate

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/sonartoken/sonartoken/model"
)

// heading is the dialog's title, "Rotate NAME" with the old token's full
// name, wrapped and never cut (a name may have 100 characters), and its
// owner when acting for another user; then what step says, on the same
// line when it fits.
func (m Model) heading(step string) string {
	st := m.Styles
	w := m.innerWidth()
	text := "Rotate " + model.Printable(m.p.Old.Name) + m.ofOwner()
	title := st.DialogTitle.Render(ansi.Wrap(text, w, ""))
	lines := lipgloss.Height(title)
	last := ansi.StringWidth(ansi.Strip(title)) // width of the widest line
	if lines == 1 && last+2+ansi.StringWidth(step) <= w {
		return title + st.Hint.Render("  "+step)
	}
	return title + "\n" + st.Hint.Render(step)
}

// ofOwner is " of LOGIN" when acting for another user, or "".
func (m Model) ofOwner() string {
	if m.p.Login == "" {
		return ""
	}
	return " of " + model.Printable(m.p.Old.Login)
}
