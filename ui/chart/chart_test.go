package chart

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

var now = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// sample has 3 expired, 5 in the coming week, 2 in week 3, 1 in week 12,
// 2 later and 4 without expiration: 17 tokens of three types.
func sample() []model.Token {
	day := 24 * time.Hour
	var ts []model.Token
	add := func(n int, typ model.TokenType, in *time.Duration) {
		for i := 0; i < n; i++ {
			t := model.Token{Login: "u", Name: fmt.Sprint(len(ts)), Type: typ}
			if in != nil {
				e := now.Add(*in)
				t.ExpiresAt = &e
			}
			ts = append(ts, t)
		}
	}
	d := func(v time.Duration) *time.Duration { return &v }
	add(3, model.TypeUser, d(-2*day))
	add(4, model.TypeUser, d(2*day))
	add(1, model.TypeGlobal, d(5*day))
	add(2, model.TypeProject, d(16*day))
	add(1, model.TypeProject, d(80*day))
	add(2, model.TypeGlobal, d(200*day))
	add(4, model.TypeUser, nil)
	return ts
}

func newChart(w, h int) Model {
	c := common.New(func() time.Time { return now })
	c.Zone = time.UTC
	m := New(c, true)
	m.SetSize(w, h)
	m.SetTokens(sample())
	return m
}

func press(m Model, k tea.KeyType) (Model, tea.Msg) {
	m, cmd := m.Update(tea.KeyMsg{Type: k})
	if cmd == nil {
		return m, nil
	}
	return m, cmd()
}

func TestGoldenChart(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		// The review gives the chart a third of its lines.
		h := size[1] / 3
		t.Run(fmt.Sprintf("all_%dx%d", size[0], size[1]), func(t *testing.T) {
			m := newChart(size[0], h)
			v := m.View()
			if lipgloss.Width(v) > size[0] || strings.Count(v, "\n")+1 > h {
				t.Errorf("takes %dx%d of %dx%d", lipgloss.Width(v), strings.Count(v, "\n")+1, size[0], h)
			}
			golden.RequireEqual(t, []byte(v))
		})
		t.Run(fmt.Sprintf("picked_week_%dx%d", size[0], size[1]), func(t *testing.T) {
			m := newChart(size[0], h)
			m, _ = press(m, tea.KeyRight) // expired
			m, _ = press(m, tea.KeyRight) // the coming week
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}

// The counts are numbers, in the order of the bars, so the chart reads
// without colour; the type line counts every token once.
func TestChartCountsAsNumbers(t *testing.T) {
	t.Parallel()
	v := ansi.Strip(newChart(80, 8).View())
	lines := strings.Split(v, "\n")
	if got := strings.Fields(lines[1]); strings.Join(got, " ") != "3 5 0 2 0 0 0 0 0 0 0 0 1 2 4" {
		t.Errorf("counts line %q", lines[1])
	}
	if got := strings.Fields(lines[len(lines)-2]); strings.Join(got, " ") != "exp w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 >12w none" {
		t.Errorf("labels line %q", lines[len(lines)-2])
	}
	if !strings.Contains(v, "By type: User 11 · Global 3 · Project 3 · 17 tokens in the chart") {
		t.Errorf("type line:\n%s", v)
	}
	wide := ansi.Strip(newChart(120, 8).View())
	if !strings.Contains(wide, "12-01") || !strings.Contains(wide, "02-16") || !strings.Contains(wide, "never") {
		t.Errorf("at 120 columns the weeks are dates:\n%s", wide)
	}
}

// ←/→ walk the bars, past either end to no bar, and say which bar is
// picked; the title names its dates and count.
func TestChartPicksBars(t *testing.T) {
	t.Parallel()
	m := newChart(100, 8)
	m, msg := press(m, tea.KeyRight)
	if s, ok := msg.(SelectedMsg); !ok || s.Bucket != model.BucketExpired {
		t.Fatalf("→ from none: %#v", msg)
	}
	m, msg = press(m, tea.KeyRight)
	if s, ok := msg.(SelectedMsg); !ok || s.Bucket != model.BucketWeek(0) {
		t.Fatalf("→ again: %#v", msg)
	}
	if v := m.View(); !strings.Contains(v, "Picked: expiring 12-01 to 12-07, 5 tokens") || !strings.Contains(v, "[5]") {
		t.Errorf("the picked week:\n%s", v)
	}
	// A picked label whose brackets do not fit its column stays whole.
	wide := newChart(100, 8)
	wide.Select(model.BucketWeek(0))
	if v := wide.View(); strings.Contains(v, "12-0…") || strings.Contains(v, "neve…") {
		t.Errorf("the picked week's label is cut:\n%s", v)
	}
	m, _ = press(m, tea.KeyLeft)
	m, msg = press(m, tea.KeyLeft)
	if s, ok := msg.(SelectedMsg); !ok || s.Bucket != model.BucketNone || m.Selected() != model.BucketNone {
		t.Fatalf("← past the first bar: %#v", msg)
	}
	_, msg = press(m, tea.KeyLeft)
	if s, ok := msg.(SelectedMsg); !ok || s.Bucket != model.BucketNoExpiration {
		t.Fatalf("← from none: %#v", msg)
	}
	if _, msg = press(m, tea.KeyUp); msg != nil {
		t.Errorf("↑ is not the chart's: %#v", msg)
	}
}

// Without room the chart draws nothing; the bars take what is left.
func TestChartFits(t *testing.T) {
	t.Parallel()
	if v := newChart(80, MinHeight-1).View(); v != "" {
		t.Errorf("drawn without room:\n%s", v)
	}
	for h := MinHeight; h <= 10; h++ {
		if v := newChart(80, h).View(); strings.Count(v, "\n")+1 > h {
			t.Errorf("height %d: %d lines", h, strings.Count(v, "\n")+1)
		}
	}
}
