// Package chart is the review's picture of upcoming expirations: one bar
// per week for the next 12 weeks, plus "expired", "later" and "never",
// each labelled with its count, and a line of the shown tokens by type.
// ←/→ pick a bar; the review filters its table to it. Counts are numbers,
// so the chart reads the same without colour.
package chart

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// KeyMap is the chart's bindings; it implements help.KeyMap.
type KeyMap struct{ Prev, Next key.Binding }

// DefaultKeyMap returns ← and → to move between bars.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Prev: key.NewBinding(key.WithKeys("left"), key.WithHelp("←/→", "pick a week")),
		Next: key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next week")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Prev} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Prev, k.Next}} }

// SelectedMsg reports that the picked bar changed (BucketNone: none).
type SelectedMsg struct{ Bucket model.Bucket }

// MinHeight is the fewest lines the chart needs: a title, counts, one
// row of bars, the labels and the types.
const MinHeight = 5

// Model is the chart.
type Model struct {
	common.Common
	keys  KeyMap
	data  model.ExpiryChart
	now   time.Time
	sel   model.Bucket
	types bool // the server has token types
}

// New returns an empty chart; types is false before 9.5 (no type line).
func New(c common.Common, types bool) Model {
	return Model{Common: c, keys: DefaultKeyMap(), types: types, now: c.Now()}
}

// Keys returns the chart's bindings.
func (m Model) Keys() KeyMap { return m.keys }

// SetTokens counts the tokens the chart shows, at the clock's now.
func (m *Model) SetTokens(ts []model.Token) {
	m.now = m.Now()
	m.data = model.ChartOf(ts, m.now)
}

// Data returns the counts drawn.
func (m Model) Data() model.ExpiryChart { return m.data }

// SetData sets the counts drawn, made at the clock's now.
func (m *Model) SetData(c model.ExpiryChart) {
	m.now = m.Now()
	m.data = c
}

// Selected returns the picked bar, BucketNone when none.
func (m Model) Selected() model.Bucket { return m.sel }

// Select picks bar b (BucketNone: none).
func (m *Model) Select(b model.Bucket) { m.sel = b }

// SetSize sets the chart's width and the lines it may take.
func (m *Model) SetSize(w, h int) { m.Common.SetSize(w, h) }

// Fits reports whether the chart has the room it needs.
func (m Model) Fits() bool { return m.Height >= MinHeight && m.Width >= 2+4*len(model.Buckets()) }

// Update moves the picked bar with ← and →: from no bar, → picks the
// first (expired) and ← the last (never); past either end, none is
// picked. It answers a SelectedMsg when the pick changed.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	bs := model.Buckets()
	first, last := bs[0], bs[len(bs)-1]
	old := m.sel
	switch {
	case key.Matches(km, m.keys.Next):
		switch {
		case m.sel == model.BucketNone:
			m.sel = first
		case m.sel == last:
			m.sel = model.BucketNone
		default:
			m.sel++
		}
	case key.Matches(km, m.keys.Prev):
		switch {
		case m.sel == model.BucketNone:
			m.sel = last
		case m.sel == first:
			m.sel = model.BucketNone
		default:
			m.sel--
		}
	default:
		return m, nil
	}
	if m.sel == old {
		return m, nil
	}
	b := m.sel
	return m, func() tea.Msg { return SelectedMsg{Bucket: b} }
}
