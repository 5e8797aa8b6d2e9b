package ui

import (
	"fmt"
	"testing"
)

// TestGoldenTools records the detail view of another user's token and
// the review's chart with a week picked, in the whole console at 80x24
// and 120x40.
func TestGoldenTools(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("detail_%dx%d", w, h), func(t *testing.T) {
			reviewed(t, newAdminFake(), w, h).keys("/").typeText("kernel").keys("enter").wait("1/1 shown").
				keys("enter").wait("Linus Torvalds (linus)").golden()
		})
		t.Run(fmt.Sprintf("chart_week_%dx%d", w, h), func(t *testing.T) {
			reviewed(t, newAdminFake(), w, h).keys("right", "right").wait("Picked:").golden()
		})
	}
}
