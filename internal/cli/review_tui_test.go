package cli

import (
	"context"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestReviewAndConcurrencyFlags: --review and --concurrency reach the
// console (8 by default); a concurrency below 1 is a usage error.
func TestReviewAndConcurrencyFlags(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	var got []tuiFlags
	e.tui = func(_ context.Context, p tuiParams) error {
		got = append(got, p.flags)
		return nil
	}
	e.run().expect(t, ExitOK)
	e.run("--review", "--concurrency", "3", "--read-only").expect(t, ExitOK)
	if len(got) != 2 || got[0].review || got[0].concurrency != 8 || !got[1].review || got[1].concurrency != 3 || !got[1].readOnly {
		t.Fatalf("console got %+v", got)
	}
	e.run("--review", "--concurrency", "0").expect(t, ExitUsage)
	if len(got) != 2 {
		t.Errorf("the console opened with --concurrency 0: %+v", got[2:])
	}
}
