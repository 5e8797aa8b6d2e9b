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

// View renders the form as a dialog. The project list takes the room the
// rest leaves; short of room the form gives up, in turn, its blank lines,
// its hints, the project list's tail and the other fields, never the title
// or the focused field.
func (m Model) View() string {
	frame := m.Styles.Dialog.Width(m.innerWidth() + m.Styles.Dialog.GetHorizontalPadding())
	rows := projectRows
	if m.Type() == model.TypeProject && m.Height > 0 {
		natural := lipgloss.Height(common.FitDialog(frame, 0, withoutAsides(m.parts(1))...))
		rows = max(1, 1+m.Height-natural)
	}
	return common.FitDialog(frame, m.Height, m.parts(rows)...)
}

func withoutAsides(parts []common.Part) []common.Part {
	kept := parts[:0:0]
	for _, p := range parts {
		if p.Rank != common.Aside {
			kept = append(kept, p)
		}
	}
	return kept
}

// parts is the form's body with at most rows projects listed.
func (m Model) parts(rows int) []common.Part {
	st := m.Styles
	now := m.Now()
	var parts []common.Part
	add := func(text string, r common.Rank) { parts = append(parts, common.Line(text, r)) }
	title := "Generate a token"
	if m.p.ForUser != "" {
		title = "Generate a token for " + m.p.ForUser
	}
	add(st.DialogTitle.Render(common.Truncate(title, m.innerWidth())), common.Keep)
	parts = append(parts, common.Blank())

	// Name.
	add(m.label(FieldName)+m.name.View(), m.rank(FieldName))
	if msg := m.NameError(); msg != "" && (m.nameDirty || m.tried) {
		add(m.note(st.FieldError.Render(msg)), m.noteRank(FieldName, true))
	} else {
		add(m.note(st.Hint.Render("required, at most 100 characters")), common.Hint)
	}

	// Type.
	if len(m.p.Types) > 0 {
		line := m.label(FieldType)
		if len(m.p.Types) == 1 {
			line += st.Value.Render(m.p.Types[0].Label())
		} else {
			opts := make([]string, len(m.p.Types))
			for i, t := range m.p.Types {
				opts[i] = m.choice(t.Label(), i == m.typeIdx)
			}
			if lipgloss.Width(strings.Join(opts, "  ")) > m.innerWidth()-labelWidth {
				for i, t := range m.p.Types {
					opts[i] = m.choice(t.ShortLabel(), i == m.typeIdx)
				}
			}
			line += m.packChoices(opts, "  ")
		}
		add(line, m.rank(FieldType))
		if p := m.Type().Purpose(); p != "" {
			add(m.note(st.Hint.Render(p)), common.Aside)
		}
		if m.p.ForUser != "" {
			add(m.note(st.Hint.Render("only User tokens can be generated for another user")), common.Hint)
		}
	}

	// Project.
	if m.Type() == model.TypeProject {
		parts = append(parts, m.projectParts(rows)...)
	}

	// Expires in.
	if m.p.Caps.Expiration {
		parts = append(parts, m.expiresParts(now)...)
	}

	parts = append(parts, common.Blank())
	if m.serverErr != "" {
		add(st.FieldError.Render(common.Wrap(model.PrintableLines(m.serverErr), m.innerWidth())), common.Keep)
	}
	if m.busy {
		add(st.Hint.Render("Generating…"), common.Keep)
	} else {
		keys := "enter generate · esc cancel"
		if m.Choosing() {
			keys = "enter choose project · esc cancel"
		}
		if m.Fields() > 1 {
			keys = "tab next field · " + keys
		}
		add(st.Hint.Render(keys), common.Hint)
	}
	return parts
}

func (m Model) innerWidth() int { return max(30, min(80, m.Width-6)) }

// rank is what a field's line gives way to: the focused field stays.
func (m Model) rank(f Field) common.Rank {
	if m.focus == f {
		return common.Keep
	}
	return common.Context
}

// noteRank ranks the note under field f: a problem with the focused
// field goes last, other notes are hints.
func (m Model) noteRank(f Field, problem bool) common.Rank {
	if problem && m.focus == f {
		return common.Context
	}
	return common.Hint
}

func (m Model) label(f Field) string {
	if m.focus == f {
		return m.Styles.FocusedLabel.Render(common.Fit("> "+f.String(), labelWidth))
	}
	return m.Styles.Label.Render(common.Fit("  "+f.String(), labelWidth))
}

func (m Model) note(s string) string {
	return strings.Repeat(" ", labelWidth) + common.Truncate(s, m.innerWidth()-labelWidth)
}

// wrappedNote is a hint under a field, wrapped to the room beside the
// labels instead of cut.
func (m Model) wrappedNote(text string) string {
	lines := strings.Split(common.Wrap(text, m.innerWidth()-labelWidth), "\n")
	for i, l := range lines {
		lines[i] = strings.Repeat(" ", labelWidth) + m.Styles.Hint.Render(l)
	}
	return strings.Join(lines, "\n")
}

// packChoices lays out a field's choices after its label, wrapping them under
// the first choice rather than under the label.
func (m Model) packChoices(opts []string, sep string) string {
	w := m.innerWidth() - labelWidth
	var lines []string
	cur := ""
	for _, o := range opts {
		switch {
		case cur == "":
			cur = o
		case lipgloss.Width(cur+sep+o) <= w:
			cur += sep + o
		default:
			lines = append(lines, cur)
			cur = o
		}
	}
	lines = append(lines, cur)
	return strings.Join(lines, "\n"+strings.Repeat(" ", labelWidth))
}

func (m Model) choice(label string, chosen bool) string {
	if chosen {
		return m.Styles.ChosenChoice.Render("● " + label)
	}
	return m.Styles.Choice.Render("○ " + label)
}

// projectParts is the project filter and up to rows of its matches: the
// chosen project stays as long as the field does; the rows after it give
// way first, to "… N more".
func (m Model) projectParts(rows int) []common.Part {
	st := m.Styles
	focused := m.focus == FieldProject
	parts := []common.Part{common.Line(m.label(FieldProject)+m.projFilter.View(), m.rank(FieldProject))}
	switch {
	case len(m.p.Projects) == 0:
		return append(parts, common.Line(m.note(st.FieldError.Render("You have no project to scan.")), m.noteRank(FieldProject, true)))
	case len(m.matches) == 0:
		return append(parts, common.Line(m.note(st.FieldError.Render("No project matches.")), m.noteRank(FieldProject, true)))
	}
	parts = append(parts, m.choiceLines()...)
	start := 0
	if m.projIdx >= rows {
		start = m.projIdx - rows + 1
	}
	end := min(len(m.matches), start+rows)
	w := m.innerWidth() - labelWidth - 2
	// The cursor (>) shows where enter chooses, on the focused list only;
	// ● marks the chosen project, ○ the others.
	row := func(i int) string {
		p := m.p.Projects[m.matches[i]]
		text := model.Printable(p.Name)
		if p.Key != p.Name {
			text += " (" + model.Printable(p.Key) + ")"
		}
		cursor := "  "
		if focused && i == m.projIdx {
			cursor = "> "
		}
		if m.matches[i] == m.chosen {
			return m.note(st.ChosenChoice.Render(common.Truncate(cursor+"● "+text, w)))
		}
		return m.note(st.Choice.Render(common.Truncate(cursor+"○ "+text, w)))
	}
	var before, after []string
	for i := start; i < m.projIdx; i++ {
		before = append(before, row(i))
	}
	for i := m.projIdx + 1; i < end; i++ {
		after = append(after, row(i))
	}
	if len(before) > 0 {
		parts = append(parts, common.Line(strings.Join(before, "\n"), common.Tail))
	}
	cursorRank := common.Context
	if focused {
		cursorRank = common.Keep
	}
	parts = append(parts, common.Line(row(m.projIdx), cursorRank))
	more := func(n int) string {
		return m.note(st.Hint.Render(fmt.Sprintf("  … %d more (↑/↓, or type to filter)", n)))
	}
	return append(parts, common.List(after, len(m.matches)-end, common.Tail, more))
}

// choiceLines say which project is chosen, and why when the user did not
// choose it on the list: "no project chosen" until then (a problem once
// enter was pressed without one).
func (m Model) choiceLines() []common.Part {
	st := m.Styles
	rank := common.Context
	if m.focus == FieldProject || m.askProject {
		rank = common.Keep
	}
	p, ok := m.project()
	switch {
	case !ok && m.askProject:
		return []common.Part{common.Line(m.note(st.FieldError.Render("no project chosen: ↑/↓, then enter to choose one")), rank)}
	case !ok:
		return []common.Part{common.Line(m.note(st.Hint.Render("no project chosen")), rank)}
	}
	text := "chosen: " + model.Printable(p.Name)
	if p.Key != p.Name {
		text += " (" + model.Printable(p.Key) + ")"
	}
	if len(m.p.Projects) == 1 {
		text += ", the only project you can scan"
	}
	parts := []common.Part{common.Line(m.note(st.Value.Render(text)), rank)}
	if m.p.Preselected != "" && p.Key == m.p.Preselected {
		parts = append(parts, common.Line(m.note(st.Hint.Render("this folder's project, from sonar-project.properties")), common.Context))
	}
	return parts
}

// expiresParts is the expiry's choices, the date field of a custom date,
// and what the choice means.
func (m Model) expiresParts(now time.Time) []common.Part {
	st := m.Styles
	opts := make([]string, 0, len(m.choices)+1)
	for i, e := range m.choices {
		opts = append(opts, m.choice(e.Label(), i == m.expIdx))
	}
	opts = append(opts, m.choice("Custom date", m.custom()))
	parts := []common.Part{common.Line(m.label(FieldExpires)+m.packChoices(opts, " "), m.rank(FieldExpires))}
	field := FieldExpires
	if m.custom() {
		field = FieldDate
		parts = append(parts, common.Line(m.label(FieldDate)+m.date.View(), m.rank(FieldDate)))
		if m.date.Value() == "" && !m.tried {
			return append(parts, common.Line(m.note(st.Hint.Render("tomorrow or later, as YYYY-MM-DD")), common.Hint))
		}
	}
	e, problem := m.expiration(now)
	switch {
	case problem != "":
		parts = append(parts, common.Line(m.note(st.FieldError.Render(problem)), m.noteRank(field, true)))
	case e.Kind == model.ExpiresNever:
		parts = append(parts, common.Line(m.note(st.Warning.Render("the token will never expire")), m.noteRank(field, true)))
	default:
		d, _ := e.Resolve(now)
		parts = append(parts, common.Line(m.note(st.Hint.Render("expires on "+d.Format(time.DateOnly)+m.maxNote())), common.Hint))
		note := model.ExpiryEmailNote
		if m.p.Caps.Cloud {
			// Cloud's own notice is not documented; its removal is.
			note = cloudFormNote
		}
		parts = append(parts, common.Line(m.wrappedNote(note), common.Aside))
	}
	return parts
}

// cloudFormNote is what the form says of SonarQube Cloud's 60-day rule.
const cloudFormNote = "SonarQube Cloud also removes it once it goes 60 days unused."

// maxNote names the server's max lifetime, which is why longer choices
// and "No expiration" are not offered; "" without one.
func (m Model) maxNote() string {
	if m.p.Max.Days <= 0 {
		return ""
	}
	return " · server maximum: " + model.Expiration{Kind: model.ExpiresInDays, Days: m.p.Max.Days}.Label()
}
