package cli

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestClosersFromCmdGoroutines: sessions opened from the console's Cmds
// while it quits are all closed, once, and without a data race (go test
// -race): the ones that arrive after the console ended are closed at
// once instead of leaking.
func TestClosersFromCmdGoroutines(t *testing.T) {
	var c closers
	var closed atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.add(func() { closed.Add(1) })
		}()
	}
	c.closeAll()
	wg.Wait()
	if n := closed.Load(); n != 50 {
		t.Fatalf("%d of 50 closed", n)
	}
	c.closeAll()
	if n := closed.Load(); n != 50 {
		t.Fatalf("closed %d times for 50", n)
	}
}
