package cli

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestClipboardClearFlag: --clipboard-clear reaches the console, 45 s by
// default, 0 allowed (never clear), negative refused.
func TestClipboardClearFlag(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	var got []time.Duration
	e.tui = func(_ context.Context, p tuiParams) error {
		got = append(got, p.flags.clipboardClear)
		return nil
	}
	e.run().expect(t, ExitOK)
	e.run("--clipboard-clear", "0").expect(t, ExitOK)
	e.run("--clipboard-clear", "2m").expect(t, ExitOK)
	e.run("--clipboard-clear", "soon").expect(t, ExitUsage)
	if len(got) != 3 || got[0] != 45*time.Second || got[1] != 0 || got[2] != 2*time.Minute {
		t.Fatalf("console got %v", got)
	}
	err := runTUI(context.Background(), tuiParams{flags: tuiFlags{concurrency: 1, clipboardClear: -time.Second}})
	var ue *usageError
	if !errors.As(err, &ue) {
		t.Fatalf("negative --clipboard-clear: %v", err)
	}
}
