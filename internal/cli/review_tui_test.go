package cli

import (
	"context"
	"errors"
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
	err := runTUI(context.Background(), tuiParams{flags: tuiFlags{concurrency: 0}})
	var ue *usageError
	if !errors.As(err, &ue) {
		t.Fatalf("--concurrency 0: %v", err)
	}
}
