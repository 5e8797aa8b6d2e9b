package tokens

import (
	"slices"
	"strings"

	"github.com/sonartoken/sonartoken/model"
)

// Column is a column of the token table.
type Column int

// The columns, in the web page's order; Login exists only in the review.
const (
	ColName Column = iota
	ColType
	ColProject
	ColLastUse
	ColCreated
	ColExpires
	ColLogin
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
	case ColLogin:
		return "Login"
	}
	return ""
}

// rowMeta holds what filtering and sorting read of a token, lower-cased
// once when the token is listed rather than on every comparison.
type rowMeta struct {
	hay   string // what the filter searches
	name  string // lower-cased name
	proj  string // lower-cased project label
	login string // lower-cased login
}

// metaOf computes a token's rowMeta. The filter searches the name, the
// project key and name, the type labels, and in the review the login.
func (m Model) metaOf(t model.Token) rowMeta {
	parts := []string{t.Name, t.ProjectKey, t.ProjectName, t.Type.ShortLabel(), t.Type.Label()}
	if m.withLogin {
		parts = append(parts, t.Login)
	}
	return rowMeta{
		hay:   strings.ToLower(strings.Join(parts, "\x00")),
		name:  strings.ToLower(t.Name),
		proj:  strings.ToLower(projectLabel(t)),
		login: strings.ToLower(t.Login),
	}
}

// keyOf identifies a token: its login and name (names are unique per user).
func keyOf(t model.Token) string { return t.Login + "\x00" + t.Name }

// lessIdx orders tokens i and j of all by the sort column, ascending; ties
// go by name, then login.
func (m *Model) lessIdx(i, j int) bool {
	a, b := &m.all[i], &m.all[j]
	ma, mb := &m.meta[i], &m.meta[j]
	switch m.sortCol {
	case ColType:
		if a.Type != b.Type {
			return a.Type.ShortLabel() < b.Type.ShortLabel()
		}
	case ColProject:
		if ma.proj != mb.proj {
			return ma.proj < mb.proj
		}
	case ColLogin:
		if ma.login != mb.login {
			return ma.login < mb.login
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
	if ma.name != mb.name {
		return ma.name < mb.name
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return ma.login < mb.login
}

// before is the display order: lessIdx, reversed when desc.
func (m *Model) before(i, j int) bool {
	if m.desc {
		return m.lessIdx(j, i)
	}
	return m.lessIdx(i, j)
}

// sortIdx sorts indices into all in display order.
func (m *Model) sortIdx(idx []int) {
	slices.SortStableFunc(idx, func(i, j int) int {
		switch {
		case m.before(i, j):
			return -1
		case m.before(j, i):
			return 1
		}
		return 0
	})
}

// merge merges two sorted index lists into a new one.
func (m *Model) merge(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if m.before(b[j], a[i]) {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func projectLabel(t model.Token) string {
	if t.ProjectName != "" {
		return t.ProjectName
	}
	return t.ProjectKey
}

// selectedKey is the key of the token under the cursor, or "".
func (m *Model) selectedKey() string {
	if t, ok := m.Selected(); ok {
		return keyOf(t)
	}
	return ""
}

// rebuild recomputes the shown rows, keeping the cursor on the token with
// key sel. The sorted order is kept between calls and recomputed only when
// it was reset (new tokens, another sort), so a filter keystroke costs one
// pass over the tokens, not a sort. It runs when something changes, never
// per frame.
func (m *Model) rebuild(sel string) {
	if m.order == nil || len(m.order) != len(m.all) {
		m.order = make([]int, len(m.all)) // fresh: copies of the model must not share it
		for i := range m.order {
			m.order[i] = i
		}
		m.sortIdx(m.order)
	}
	m.view = make([]int, 0, len(m.order))
	for _, i := range m.order {
		if m.query != "" && !strings.Contains(m.meta[i].hay, m.query) {
			continue
		}
		if m.match != nil && !m.match(m.all[i]) {
			continue
		}
		m.view = append(m.view, i)
	}
	m.cursor = 0
	if sel != "" {
		for i, idx := range m.view {
			if keyOf(m.all[idx]) == sel {
				m.cursor = i
				break
			}
		}
	}
	m.clamp()
}
