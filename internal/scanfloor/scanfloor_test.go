package scanfloor

import (
	"testing"
	"time"
)

func TestOf(t *testing.T) {
	// 20 pages and 3,000 searches, as a server counts them: the same floor.
	if got := Of(20, 3000, 8, 20*time.Millisecond); got != 379*20*time.Millisecond {
		t.Errorf("Of = %v", got)
	}
	// One page, nothing else: one round trip.
	if got := Of(1, 0, 8, time.Second); got != time.Second {
		t.Errorf("Of(1, 0) = %v", got)
	}
}
