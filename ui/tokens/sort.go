package tokens

import (
	"sort"
	"strings"

	"github.com/sonartoken/sonartoken/model"
)

// Column is a column of the token table.
type Column int

// The columns, in the web page's order.
const (
	ColName Column = iota
	ColType
	ColProject
	ColLastUse
	ColCreated
	ColExpires
	numColumns
)

// String is the column's title.
func (c Column) String() string {
	switch c {
	case ColName:
		return "Name"
	case ColType:
		return "Type"
	case ColProject:
		return "Project"
	case ColLastUse:
		return "Last use"
	case ColCreated:
		return "Created"
	case ColExpires:
		return "Expires"
	}
	return ""
}

// haystack is what the filter searches in a token: name, project key and
// name, and type labels, lower-cased once.
func haystack(t model.Token) string {
	return strings.ToLower(strings.Join([]string{t.Name, t.ProjectKey, t.ProjectName, t.Type.ShortLabel(), t.Type.Label()}, "\x00"))
}

// less orders two tokens by column c, ascending; ties go by name.
func less(a, b model.Token, c Column) bool {
	switch c {
	case ColType:
		if a.Type != b.Type {
			return a.Type.ShortLabel() < b.Type.ShortLabel()
		}
	case ColProject:
		pa, pb := strings.ToLower(projectLabel(a)), strings.ToLower(projectLabel(b))
		if pa != pb {
			return pa < pb
		}
	case ColLastUse:
		switch {
		case a.LastUsed == nil && b.LastUsed != nil:
			return true
		case a.LastUsed != nil && b.LastUsed == nil:
			return false
		case a.LastUsed != nil && !a.LastUsed.Equal(*b.LastUsed):
			return a.LastUsed.Before(*b.LastUsed)
		}
	case ColCreated:
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
	case ColExpires:
		switch {
		case a.ExpiresAt == nil && b.ExpiresAt != nil:
			return false
		case a.ExpiresAt != nil && b.ExpiresAt == nil:
			return true
		case a.ExpiresAt != nil && !a.ExpiresAt.Equal(*b.ExpiresAt):
			return a.ExpiresAt.Before(*b.ExpiresAt)
		}
	case ColName:
	}
	na, nb := strings.ToLower(a.Name), strings.ToLower(b.Name)
	if na != nb {
		return na < nb
	}
	return a.Name < b.Name
}

func projectLabel(t model.Token) string {
	if t.ProjectName != "" {
		return t.ProjectName
	}
	return t.ProjectKey
}

// selectedName is the name under the cursor, or "".
func (m *Model) selectedName() string {
	if t, ok := m.Selected(); ok {
		return t.Name
	}
	return ""
}

// rebuild recomputes the visible rows from the tokens, the filter and the
// sort order, keeping the cursor on the token named sel. It runs only when
// one of them changes, never per frame.
func (m *Model) rebuild(sel string) {
	m.view = make([]int, 0, len(m.all)) // fresh: copies of the model must not share it
	for i := range m.all {
		if m.query == "" || strings.Contains(m.hay[i], m.query) {
			m.view = append(m.view, i)
		}
	}
	all, col, desc := m.all, m.sortCol, m.desc
	sort.SliceStable(m.view, func(i, j int) bool {
		a, b := all[m.view[i]], all[m.view[j]]
		if desc {
			return less(b, a, col)
		}
		return less(a, b, col)
	})
	m.cursor = 0
	if sel != "" {
		for i, idx := range m.view {
			if m.all[idx].Name == sel {
				m.cursor = i
				break
			}
		}
	}
	m.clamp()
}
