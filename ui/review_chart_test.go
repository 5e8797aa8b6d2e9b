package ui

import (
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
)

// TestReviewChartKeys: w hides and shows the chart of the review; ←/→
// filter the table to a week; where the chart cannot show, w says why in
// the status line.
func TestReviewChartKeys(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "R")
	if !strings.Contains(m.View(), "Expiry by week") {
		t.Fatalf("no chart in the review at 100x30:\n%s", m.View())
	}
	all := m.review.Table().Shown()
	m = press(m, "right")
	if m.review.Bucket() != model.BucketExpired || m.review.Table().Shown() >= all {
		t.Errorf("→: bucket %d, %d of %d rows", m.review.Bucket(), m.review.Table().Shown(), all)
	}
	m = press(m, "w")
	if strings.Contains(m.View(), "Expiry by week") || m.review.Table().Shown() != all {
		t.Errorf("w: still drawn, or still filtered (%d of %d)", m.review.Table().Shown(), all)
	}
	short := newModelOpts(t, Options{Service: newAdminFake(), Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser}, 80, 16)
	short = press(short, "R", "w")
	if !strings.Contains(short.Status().Error(), "No room for the expiry chart") {
		t.Errorf("w at 80x16: status %q", short.Status().Error())
	}
}
