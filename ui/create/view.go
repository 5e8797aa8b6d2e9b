package create

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

const labelWidth = 14

// View renders the form as a dialog.
func (m Model) View() string {
	st := m.Styles
	now := m.Now()
	var b strings.Builder
	title := "Generate a token"
	if m.p.ForUser != "" {
		title = "Generate a token for " + m.p.ForUser
	}
	b.WriteString(st.DialogTitle.Render(title) + "\n\n")

	// Name.
	b.WriteString(m.label(FieldName) + m.name.View() + "\n")
	if msg := m.NameError(); msg != "" && (m.nameDirty || m.tried) {
		b.WriteString(m.note(st.FieldError.Render(msg)))
	} else {
		b.WriteString(m.note(st.Hint.Render("required, at most 100 characters")))
	}

	// Type.
	if len(m.p.Types) > 0 {
		b.WriteString(m.label(FieldType))
		if len(m.p.Types) == 1 {
			b.WriteString(st.Value.Render(m.p.Types[0].Label()))
		} else {
			opts := make([]string, len(m.p.Types))
			for i, t := range m.p.Types {
				opts[i] = m.choice(t.Label(), i == m.typeIdx)
			}
			line := strings.Join(opts, "  ")
			if lipgloss.Width(line) > m.innerWidth()-labelWidth {
				for i, t := range m.p.Types {
					opts[i] = m.choice(t.ShortLabel(), i == m.typeIdx)
				}
				line = strings.Join(opts, "  ")
			}
			b.WriteString(line)
		}
		b.WriteString("\n")
		if m.p.ForUser != "" {
			b.WriteString(m.note(st.Hint.Render("only User tokens can be generated for another user")))
		}
	}

	// Project.
	if m.Type() == model.TypeProject {
		b.WriteString(m.projectView())
	}

	// Expires in.
	if m.p.Caps.Expiration {
		b.WriteString(m.expiresView(now))
	}

	b.WriteString("\n")
	if m.serverErr != "" {
		b.WriteString(st.FieldError.Render(common.Wrap(m.serverErr, m.innerWidth())) + "\n")
	}
	if m.busy {
		b.WriteString(st.Hint.Render("Generating…"))
	} else {
		keys := "enter generate · esc cancel"
		if m.Fields() > 1 {
			keys = "tab next field · " + keys
		}
		b.WriteString(st.Hint.Render(keys))
	}
	return st.Dialog.Width(m.innerWidth() + st.Dialog.GetHorizontalPadding()).Render(b.String())
}

func (m Model) innerWidth() int { return max(30, min(80, m.Width-6)) }

func (m Model) label(f Field) string {
	if m.focus == f {
		return m.Styles.FocusedLabel.Render(common.Fit("> "+f.String(), labelWidth))
	}
	return m.Styles.Label.Render(common.Fit("  "+f.String(), labelWidth))
}

func (m Model) note(s string) string {
	return strings.Repeat(" ", labelWidth) + common.Truncate(s, m.innerWidth()-labelWidth) + "\n"
}

func (m Model) choice(label string, chosen bool) string {
	if chosen {
		return m.Styles.ChosenChoice.Render("● " + label)
	}
	return m.Styles.Choice.Render("○ " + label)
}

func (m Model) projectView() string {
	st := m.Styles
	var b strings.Builder
	b.WriteString(m.label(FieldProject) + m.projFilter.View() + "\n")
	if len(m.p.Projects) == 0 {
		b.WriteString(m.note(st.FieldError.Render("You have no project to scan.")))
		return b.String()
	}
	if len(m.matches) == 0 {
		b.WriteString(m.note(st.FieldError.Render("No project matches.")))
		return b.String()
	}
	rows := projectRows
	if m.Height > 0 && m.Height < 22 {
		rows = 2
	}
	start := 0
	if m.projIdx >= rows {
		start = m.projIdx - rows + 1
	}
	end := min(len(m.matches), start+rows)
	w := m.innerWidth() - labelWidth - 2
	for i := start; i < end; i++ {
		p := m.p.Projects[m.matches[i]]
		text := p.Name
		if p.Key != p.Name {
			text += " (" + p.Key + ")"
		}
		if i == m.projIdx {
			b.WriteString(m.note(st.ChosenChoice.Render(common.Truncate("● "+text, w))))
		} else {
			b.WriteString(m.note(st.Choice.Render(common.Truncate("○ "+text, w))))
		}
	}
	if more := len(m.matches) - end; more > 0 {
		b.WriteString(m.note(st.Hint.Render(fmt.Sprintf("  … %d more (↑/↓, or type to filter)", more))))
	}
	return b.String()
}

func (m Model) expiresView(now time.Time) string {
	st := m.Styles
	var b strings.Builder
	opts := make([]string, 0, len(m.choices)+1)
	for i, e := range m.choices {
		opts = append(opts, m.choice(e.Label(), i == m.expIdx))
	}
	opts = append(opts, m.choice("Custom date", m.custom()))
	b.WriteString(m.label(FieldExpires) + strings.Join(opts, " ") + "\n")
	if m.custom() {
		b.WriteString(m.label(FieldDate) + m.date.View() + "\n")
		if m.date.Value() == "" && !m.tried {
			b.WriteString(m.note(st.Hint.Render("tomorrow or later, as YYYY-MM-DD")))
			return b.String()
		}
	}
	e, problem := m.expiration(now)
	switch {
	case problem != "":
		b.WriteString(m.note(st.FieldError.Render(problem)))
	case e.Kind == model.ExpiresNever:
		b.WriteString(m.note(st.Warning.Render("the token will never expire")))
	default:
		d, _ := e.Resolve(now)
		b.WriteString(m.note(st.Hint.Render("expires on " + d.Format(time.DateOnly))))
	}
	return b.String()
}
