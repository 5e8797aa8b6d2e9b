package tokens

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func many(n int) []model.Token {
	ts := make([]model.Token, n)
	for i := range ts {
		exp := now.Add(time.Duration(i%400-30) * 24 * time.Hour)
		ts[i] = model.Token{Login: fmt.Sprintf("u%d", i%97), Name: fmt.Sprintf("token-%05d", i), Type: model.TokenTypes[i%3], CreatedAt: now.Add(-time.Duration(i) * time.Hour), ExpiresAt: &exp}
	}
	return ts
}

func newTable(n, w, h int) Model {
	m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false)
	m.SetSize(w, h)
	m.SetTokens(many(n))
	return m
}

// TestViewRendersVisibleRowsOnly checks the view has one line per visible
// row whatever the number of tokens, and fits the width.
func TestViewRendersVisibleRowsOnly(t *testing.T) {
	m := newTable(50000, 98, 20)
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 20 {
		t.Fatalf("%d lines, want 20", len(lines))
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	if tok, _ := m.Selected(); tok.Name != "token-49999" {
		t.Fatalf("G selected %q", tok.Name)
	}
	if !strings.Contains(m.View(), "> token-49999") {
		t.Fatal("the last row should be visible after G")
	}
}

func BenchmarkView50k(b *testing.B) {
	m := newTable(50000, 120, 40)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

func TestRelative(t *testing.T) {
	tests := []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Minute, "just now"}, {time.Hour, "1 hour ago"}, {3 * time.Hour, "3 hours ago"},
		{36 * time.Hour, "1 day ago"}, {12 * 24 * time.Hour, "12 days ago"}, {65 * 24 * time.Hour, "2 months ago"}, {800 * 24 * time.Hour, "2 years ago"},
	}
	for _, tt := range tests {
		at := now.Add(-tt.ago)
		if got := Relative(now, &at); got != tt.want {
			t.Errorf("%v ago: %q, want %q", tt.ago, got, tt.want)
		}
	}
	if Relative(now, nil) != "never" {
		t.Error("nil should be never")
	}
}

func TestExpiresCell(t *testing.T) {
	at := func(d time.Duration) *time.Time { x := now.Add(d); return &x }
	tests := []struct {
		tok  model.Token
		want string
	}{
		{model.Token{}, "never"},
		{model.Token{ExpiresAt: at(-time.Hour)}, "expired " + model.ExpiryDay(now.Add(-time.Hour))},
		{model.Token{ExpiresAt: at(-30 * 24 * time.Hour)}, "expired 2026-10-27"},
		{model.Token{ExpiresAt: at(time.Hour), Expired: true}, "expired " + model.ExpiryDay(now.Add(time.Hour))},
		{model.Token{Expired: true}, "expired"},
		{model.Token{ExpiresAt: at(12 * time.Hour)}, "in 1 day"},
		{model.Token{ExpiresAt: at(60 * time.Hour)}, "in 3 days"},
		{model.Token{ExpiresAt: at(10 * 24 * time.Hour)}, "2026-12-06"},
	}
	for _, tt := range tests {
		if got, _ := Expires(tt.tok, now); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.tok.ExpiresAt, got, tt.want)
		}
	}
}

func TestExpiredRowShowsItsDate(t *testing.T) {
	for _, w := range []int{80, 100} {
		m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(model.Version{Major: 10, Minor: 6}), false)
		m.SetSize(w, 10)
		gone := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
		m.SetTokens([]model.Token{
			{Name: "nightly-jenkins-pipeline", Type: model.TypeUser, CreatedAt: now.Add(-90 * 24 * time.Hour), ExpiresAt: &gone},
			{Name: "scan", Type: model.TypeProject, ProjectName: "Payments API", CreatedAt: now.Add(-9 * 24 * time.Hour)},
		})
		// The date takes Created's room below 90 columns, not the name's.
		if v := m.View(); !strings.Contains(v, "expired 2026-11-18") || !strings.Contains(v, "nightly-jenkins-pipeline") || !strings.Contains(v, "Payments API") {
			t.Errorf("width %d: the expired row does not show its date, or the date cut the name:\n%s", w, v)
		}
	}
}
