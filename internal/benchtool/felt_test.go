package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// pipeTUI is a tui whose "terminal" is a pipe: what the test writes to the
// returned file is the console's output.
func pipeTUI(t *testing.T) (*tui, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	tt := &tui{master: r, changed: make(chan struct{}, 1), done: make(chan struct{})}
	go tt.read()
	t.Cleanup(func() {
		w.Close()
		<-tt.done
		r.Close()
	})
	return tt, w
}

// TestSettleTimesARedrawToItsLastByte: a redraw written in two parts is
// timed to the second part, and both parts' bytes count.
func TestSettleTimesARedrawToItsLastByte(t *testing.T) {
	tt, w := pipeTUI(t)
	const split = 50 * time.Millisecond
	at := tt.send("")
	go func() {
		_, _ = w.WriteString("ab")
		time.Sleep(split)
		_, _ = w.WriteString("cde")
	}()
	sm, err := tt.settle(context.Background(), at, 10*time.Second, time.Second, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if sm.bytes != 5 || sm.out != "abcde" {
		t.Errorf("%d bytes %q, want the 5 of both writes", sm.bytes, sm.out)
	}
	if sm.lat < split {
		t.Errorf("latency %v: the second write came %v after the first", sm.lat, split)
	}
}

// TestSettleSilentKey: a key that draws nothing has no bytes and no
// latency, and the wait ends after first.
func TestSettleSilentKey(t *testing.T) {
	tt, _ := pipeTUI(t)
	start := time.Now()
	sm, err := tt.press(context.Background(), "z", 100*time.Millisecond, time.Second, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if sm.bytes != 0 || sm.reads != 0 || sm.lat != 0 {
		t.Errorf("silent key: %+v", sm)
	}
	if el := time.Since(start); el < 100*time.Millisecond {
		t.Errorf("returned after %v, before -first-byte", el)
	}
}

func TestPct(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i))
	}
	if got := pct(ds, 0.99); got != 99 {
		t.Errorf("p99 of 1..100 = %v, want 99 (nearest rank: not the max)", got)
	}
	if got := pct(ds[:10], 0.99); got != 10 {
		t.Errorf("p99 of 1..10 = %v, want 10", got)
	}
}

// TestFeltRoundLeavesTheReviewAsItFoundIt: every round starts from the
// same state, so that each key is timed in the same one.
func TestFeltRoundLeavesTheReviewAsItFoundIt(t *testing.T) {
	round := feltRound("ci", 0)
	count := func(keys string) int {
		n := 0
		for _, p := range round {
			if p.keys == keys {
				n++
			}
		}
		return n
	}
	if n := count("s"); n != len(sortColumns) {
		t.Errorf("%d sorts, want one for each of the %d columns (back to the first)", n, len(sortColumns))
	}
	for _, k := range []string{"S", "a"} {
		if count(k)%2 != 0 {
			t.Errorf("%q pressed %d times: an odd count leaves it toggled", k, count(k))
		}
	}
	if count("\x7f") != len("ci") {
		t.Errorf("%d backspaces for 2 filter characters", count("\x7f"))
	}
	if count("\x1b[C") != count("\x1b[D") {
		t.Error("the chart picks do not come back")
	}
	if count("?") != 1 || !slices.ContainsFunc(round, func(p press) bool { return strings.HasPrefix(p.label, "esc out of a dialog") }) {
		t.Error("the help is not closed")
	}
	var lastQuick string
	for _, p := range round {
		if len(p.keys) == 1 && p.keys[0] >= '0' && p.keys[0] <= '5' {
			lastQuick = p.keys
		}
	}
	if lastQuick != "0" {
		t.Errorf("the last quick filter is %q, want 0 (all)", lastQuick)
	}
	if round[len(round)-1].label != controlLabel {
		t.Error("the control key is not last")
	}
}

// TestFeltRoundTakesTheQueriesInTurn: with several queries, each round
// types the next, under labels that name the characters of all.
func TestFeltRoundTakesTheQueriesInTurn(t *testing.T) {
	for rep, want := range []string{"ci", "ma", "ci"} {
		var typed string
		for _, p := range feltRound("ci,ma", rep) {
			if strings.HasPrefix(p.label, "filter char") {
				typed += p.keys
				if n := len(typed); p.label != fmt.Sprintf("filter char %d (%s)", n, []string{"c/m", "i/a"}[n-1]) {
					t.Errorf("round %d: label %q", rep, p.label)
				}
			}
		}
		if typed != want {
			t.Errorf("round %d typed %q, want %q", rep, typed, want)
		}
	}
}
