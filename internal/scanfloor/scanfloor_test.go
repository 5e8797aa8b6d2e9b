package scanfloor

import (
	"testing"
	"time"
)

func TestUsers(t *testing.T) {
	// The target's case: 10,000 users, 3,000 with tokens, ps 500, 8 at a time, 20 ms.
	// Page 1 alone, then 19 pages and 3,000 searches 8 at a time: 1 + 378 rounds.
	if got := Users(10000, 3000, 500, 8, 20*time.Millisecond); got != 379*20*time.Millisecond {
		t.Errorf("Users = %v", got)
	}
	if got := Users(0, 0, 0, 0, time.Second); got != time.Second {
		t.Errorf("empty Users = %v", got)
	}
}

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
