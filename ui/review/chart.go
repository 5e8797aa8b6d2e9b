package review

import (
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/tokens"
)

// chartRoomFor is the fewest table rows the chart leaves: below it, the
// chart gives way to the table.
const chartRoomFor = 8

// chartHeight is the lines the chart may take under top lines of the
// others: a third of the review, 5 to 8, or 0 when the table would keep
// fewer than chartRoomFor rows.
func (m Model) chartHeight(top int) int {
	h := min(8, (m.Height-top)/3)
	if h < 5 || m.Height-top-h < chartRoomFor+2 { // the table's header and its blank line
		return 0
	}
	return h
}

// chartShown reports whether the chart is drawn: the server has
// expiration dates, w did not hide it, and it has room.
func (m Model) chartShown() bool {
	return m.caps.Expiration && !m.chartOff && m.chart.Fits()
}

// Bucket returns the chart's bar the table is filtered to (BucketNone:
// none).
func (m Model) Bucket() model.Bucket { return m.bucket }

// ChartNote says why w shows no chart; "" when it does.
func (m Model) ChartNote() string { return m.chartNote }

// toggleChart shows or hides the chart. Hiding it drops its filter.
func (m *Model) toggleChart() {
	m.chartNote = ""
	switch {
	case !m.caps.Expiration:
		m.chartNote = "This server has no expiration dates (SonarQube 9.6 and later have them): no expiry chart."
		return
	case m.chartOff:
		m.chartOff = false
	case !m.chart.Fits():
		// Shown but for the room: w cannot show it more.
		m.chartNote = "No room for the expiry chart: the terminal needs more lines."
		return
	default:
		m.chartOff = true
		if m.bucket != model.BucketNone {
			m.bucket = model.BucketNone
			m.chart.Select(model.BucketNone)
			m.applyFilter()
		}
	}
	m.layout()
	if !m.chartOff && !m.chart.Fits() {
		m.chartNote = "No room for the expiry chart: the terminal needs more lines."
	}
	m.recount()
}

// recount counts the chart's bars from the rows the filters keep, the
// chart's own bar aside; only while the chart is drawn.
func (m *Model) recount() {
	m.typedCharts = nil // a filter or the rows changed
	if m.chartOff || !m.caps.Expiration {
		return
	}
	m.chart.SetData(m.count())
}

// maxTypedCharts bounds the counts kept while typing.
const maxTypedCharts = 16

// recountTyped is recount after the typed filter changed (and nothing
// else): the counts of rows counted before are kept.
func (m *Model) recountTyped() {
	if m.chartOff || !m.caps.Expiration {
		return
	}
	key := m.table.TypedKey()
	if c, ok := m.typedCharts[key]; ok {
		m.chart.SetData(c)
		return
	}
	if m.typedCharts == nil || len(m.typedCharts) >= maxTypedCharts {
		m.typedCharts = map[tokens.RowsKey]model.ExpiryChart{}
	}
	c := m.count()
	m.typedCharts[key] = c
	m.chart.SetData(c)
}

// count counts the chart's bars from the rows the filters keep, the
// chart's own bar aside.
func (m *Model) count() model.ExpiryChart {
	f := m.filter()
	f.Bucket = model.BucketNone
	now := m.Now()
	c := model.NewChartCounter(now)
	if m.bucket == model.BucketNone && m.table.CountShown(c) {
		return c.Chart() // the table's filter is f: its rows are those to count
	}
	keep := f.At(now)
	if f.Type == model.TypeUnknown && f.Login == "" && f.Statuses == nil && !f.NeverUsed && f.UnusedFor <= 0 && f.OwnerInactiveFor <= 0 {
		keep = nil // every row: no match a row
	}
	m.table.CountMatching(keep, c)
	return c.Chart()
}
