package tokens

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// TestCloudColumns: on Cloud the table has Removal in place of Type and
// Project; as the width shrinks Created goes, then Last use, then
// Removal takes its short form, and last it goes, before a name is cut
// below its floor; every width fits. Sorting by Removal orders by the
// day Cloud removes the token.
func TestCloudColumns(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	ts := []model.Token{
		{Login: "ada", Name: "ci-nightly", CreatedAt: now.Add(-120 * day), LastUsed: ptr(now.Add(-50 * day))},
		{Login: "ada", Name: "never-used", CreatedAt: now.Add(-55 * day)},
		{Login: "ada", Name: "laptop", CreatedAt: now.Add(-200 * day), LastUsed: ptr(now.Add(-time.Hour))},
	}
	m := New(common.New(func() time.Time { return now }), model.CloudCapabilities(), false)
	m.SetTokens(ts)
	for _, tc := range []struct {
		w    int
		cols []string
		cell string
	}{
		{120, []string{"Name", "Last use", "Removal", "Created", "Expires"}, "removed in 10 days if unused"},
		{70, []string{"Name", "Last use", "Removal", "Expires"}, "removed in 10 days if unused"},
		{55, []string{"Name", "Removal", "Expires"}, "removed in 10 days if unused"},
		{40, []string{"Name", "Removal", "Expires"}, "in 10 days"},
		{30, []string{"Name", "Expires"}, ""},
	} {
		m.SetSize(tc.w, 10)
		if got := titlesOf(m); !slices.Equal(got, tc.cols) {
			t.Errorf("at %d: columns %q, want %q\n%s", tc.w, got, tc.cols, m.View())
		}
		if v := m.View(); tc.cell != "" && !strings.Contains(v, tc.cell) {
			t.Errorf("at %d: no %q in\n%s", tc.w, tc.cell, v)
		}
		fits(t, m)
	}
	m.SetSize(120, 10)
	m = m.SortedBy(ColRemoval, false)
	var got []string
	for _, tok := range m.ShownTokens() {
		got = append(got, tok.Name)
	}
	if want := []string{"never-used", "ci-nightly", "laptop"}; !slices.Equal(got, want) {
		t.Errorf("by Removal %q, want %q", got, want)
	}
}

func ptr(t time.Time) *time.Time { return &t }
