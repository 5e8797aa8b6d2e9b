package tokens

import (
	"fmt"
	"strings"

	"time"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

const (
	minFlex    = 8
	loginWidth = 18 // at most; less on narrow terminals
)

var fixedWidth = map[Column]int{
	ColType:    7,
	ColLastUse: 13,
	ColCreated: 10,
	ColExpires: 10,
}

// prefixWidth is the cursor marker's width, and the mark's in the review.
func (m Model) prefixWidth() int {
	if m.marking {
		return 4
	}
	return 2
}

// layout computes the column widths for the current width: fixed columns
// keep theirs, Login takes up to a fifth, Name and Project share the rest
// (60/40).
func (m *Model) layout() {
	m.gap = 1
	if m.Width >= 96 {
		m.gap = 2
	}
	// Below 76 columns the Created date gives its room to Name and Project.
	m.shown = make([]Column, 0, len(m.cols)) // fresh: copies of the model must not share it
	for _, c := range m.cols {
		if c == ColCreated && m.Width < 76 {
			continue
		}
		m.shown = append(m.shown, c)
	}
	flex := m.Width - m.prefixWidth() - m.gap*(len(m.shown)-1)
	hasProject := false
	for _, c := range m.shown {
		flex -= fixedWidth[c]
		m.widths[c] = fixedWidth[c]
		if c == ColProject {
			hasProject = true
		}
	}
	flex = max(flex, minFlex)
	if m.withLogin {
		m.widths[ColLogin] = max(8, min(loginWidth, flex*3/10))
		flex = max(minFlex, flex-m.widths[ColLogin])
	}
	if hasProject {
		name := flex * 6 / 10
		m.widths[ColName] = name
		m.widths[ColProject] = flex - name
	} else {
		m.widths[ColName] = flex
	}
}

// View renders the filter line, the column titles and the visible rows
// only: its cost does not grow with the number of tokens.
func (m Model) View() string {
	var b strings.Builder
	st := m.Styles
	switch {
	case m.filtering:
		b.WriteString(m.filter.View())
		b.WriteByte('\n')
	case m.query != "":
		b.WriteString(st.FilterPrompt.Render("/ ") + common.Truncate(m.filter.Value(), m.Width-30) +
			st.Hint.Render(fmt.Sprintf("  (%d of %d, esc clears)", len(m.view), len(m.all))))
		b.WriteByte('\n')
	}
	b.WriteString(m.titles())
	if empty := m.emptyText(); empty != "" {
		b.WriteByte('\n')
		b.WriteString(st.Empty.Render(empty))
		return b.String()
	}
	now := m.Now()
	end := min(len(m.view), m.offset+m.bodyHeight())
	for i := m.offset; i < end; i++ {
		b.WriteByte('\n')
		b.WriteString(m.row(m.all[m.view[i]], i == m.cursor, m.isMarked(m.view[i]), now))
	}
	return b.String()
}

func (m Model) emptyText() string {
	switch {
	case !m.loaded && m.failed:
		return "The tokens could not be loaded. Press r to try again."
	case !m.loaded:
		return "Loading tokens…"
	case len(m.all) == 0 && m.emptyAll != "":
		return m.emptyAll
	case len(m.all) == 0 && m.readOnly:
		return "No tokens."
	case len(m.all) == 0:
		return "You have no tokens yet.\n\nPress n to generate your first token."
	case len(m.view) == 0 && m.query == "":
		return "No token passes the filters.\nPress 0 to show every token."
	case len(m.view) == 0:
		return fmt.Sprintf("No token matches %q.\nPress esc to clear the filter.", m.filter.Value())
	}
	return ""
}

func (m Model) titles() string {
	cells := make([]string, len(m.shown))
	for i, c := range m.shown {
		t := c.String()
		if c == m.sortCol {
			if m.desc {
				t += " ↓"
			} else {
				t += " ↑"
			}
		}
		cells[i] = common.Fit(t, m.widths[c])
	}
	gap := strings.Repeat(" ", m.gap)
	return m.Styles.TableHeader.Render(strings.Repeat(" ", m.prefixWidth()) + strings.Join(cells, gap))
}

func (m Model) row(t model.Token, selected, marked bool, now time.Time) string {
	st := m.Styles
	gap := strings.Repeat(" ", m.gap)
	var b strings.Builder
	if selected {
		b.WriteString("> ")
	} else {
		b.WriteString("  ")
	}
	if m.marking {
		if marked {
			b.WriteString("✓ ")
		} else {
			b.WriteString("  ")
		}
	}
	exp, status := "", model.StatusActive
	for i, c := range m.shown {
		if i > 0 {
			b.WriteString(gap)
		}
		w := m.widths[c]
		switch c {
		case ColName:
			b.WriteString(common.Fit(t.Name, w))
		case ColLogin:
			b.WriteString(common.Fit(t.Login, w))
		case ColType:
			b.WriteString(common.Fit(t.Type.ShortLabel(), w))
		case ColProject:
			b.WriteString(common.Fit(projectLabel(t), w))
		case ColLastUse:
			b.WriteString(common.Fit(Relative(now, t.LastUsed), w))
		case ColCreated:
			b.WriteString(common.Fit(Date(t.CreatedAt), w))
		case ColExpires:
			exp, status = Expires(t, now)
			exp = common.Fit(exp, w)
		}
	}
	line := b.String()
	switch {
	case selected:
		return st.SelectedRow.Render(line + exp)
	case status == model.StatusExpired:
		return st.ExpiredRow.Render(line) + st.ExpiredLabel.Render(exp)
	case status == model.StatusExpiring:
		return line + st.ExpiringLabel.Render(exp)
	}
	return line + exp
}
