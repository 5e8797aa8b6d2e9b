package tokens

import (
	"slices"

	"github.com/sonartoken/sonartoken/model"
)

// Marking reports whether rows can be marked (the review).
func (m Model) Marking() bool { return m.marking && !m.readOnly }

// MarkedCount is the number of marked tokens, shown or not.
func (m Model) MarkedCount() int { return m.nMarked }

// IsMarked reports whether the token at index i of all is marked.
func (m *Model) isMarked(i int32) bool { return m.marked != nil && m.marked[i] }

// Marked returns the marked tokens in the sorted order, those hidden by the
// filters included.
func (m Model) Marked() []model.Token {
	if m.nMarked == 0 {
		return nil
	}
	out := make([]model.Token, 0, m.nMarked)
	for _, i := range m.order {
		if m.marked[i] {
			out = append(out, *m.all.at(int(i)))
		}
	}
	return out
}

// MarkedHidden counts the marked tokens the filters hide.
func (m Model) MarkedHidden() int {
	shown := 0
	for _, i := range m.view {
		if m.isMarked(i) {
			shown++
		}
	}
	return m.nMarked - shown
}

// ClearMarks unmarks every token.
func (m *Model) ClearMarks() { m.marked, m.nMarked = nil, 0 }

// writableMarks returns a copy of the marks to change: copies of the model
// must not share them.
func (m *Model) writableMarks() []bool {
	if m.marked == nil {
		return make([]bool, m.all.len())
	}
	return slices.Clone(m.marked)
}

// toggleMark marks or unmarks the selected row and moves down.
func (m *Model) toggleMark() {
	if m.cursor < 0 || m.cursor >= len(m.view) {
		return
	}
	i := m.view[m.cursor]
	m.marked = m.writableMarks()
	m.marked[i] = !m.marked[i]
	if m.marked[i] {
		m.nMarked++
	} else {
		m.nMarked--
	}
	m.move(1)
}

// markShown marks every shown row, or unmarks them all when they all are.
func (m *Model) markShown() {
	all := len(m.view) > 0
	for _, i := range m.view {
		if !m.isMarked(i) {
			all = false
			break
		}
	}
	m.marked = m.writableMarks()
	for _, i := range m.view {
		if m.marked[i] == all {
			m.marked[i] = !all
			if all {
				m.nMarked--
			} else {
				m.nMarked++
			}
		}
	}
}

// SetMarked marks exactly the listed tokens (by login and name) that the
// table holds, and unmarks the rest.
func (m *Model) SetMarked(ts []model.Token) {
	if len(ts) == 0 {
		m.ClearMarks()
		return
	}
	want := make(map[rowKey]bool, len(ts))
	for _, t := range ts {
		want[rowKey{t.Login, t.Name}] = true
	}
	m.marked, m.nMarked = make([]bool, m.all.len()), 0
	for i := range m.all.len() {
		if t := m.all.at(i); want[rowKey{t.Login, t.Name}] && !m.isDead(i) {
			m.marked[i] = true
			m.nMarked++
		}
	}
}
