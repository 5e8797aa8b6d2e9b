package review

import (
	"testing"
	"time"
)

// TestGather: a stream command hands Update everything that arrived within
// its window, and says when the stream ended.
func TestGather(t *testing.T) {
	t.Parallel()
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	close(ch)
	if got, closed := gather(ch, time.Second); len(got) != 2 || !closed {
		t.Fatalf("closed stream: %v, closed %v", got, closed)
	}
	open := make(chan int, 1)
	open <- 7
	start := time.Now()
	if got, closed := gather(open, 20*time.Millisecond); len(got) != 1 || got[0] != 7 || closed {
		t.Fatalf("open stream: %v, closed %v", got, closed)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("waited %v past its window", d)
	}
}
