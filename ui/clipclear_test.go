package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/internal/clipboard"
)

// fakeTimers is the injected clock of clipboard clearing: it records the
// timers started and fires them on request.
type fakeTimers struct {
	durations []time.Duration
	fire      []func(time.Time) tea.Msg
}

func (f *fakeTimers) tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	f.durations = append(f.durations, d)
	f.fire = append(f.fire, fn)
	return nil
}

// clearingModel is a console with clearing after 45 s on a fake clock.
func clearingModel(t *testing.T, cb *fakeClipboard) (Model, *fakeTimers) {
	t.Helper()
	m := newModelOpts(t, Options{Service: newFake(), Now: clock, StaticCursor: true, Clipboard: cb, ClipboardClear: DefaultClipboardClear}, 100, 30)
	timers := &fakeTimers{}
	m.clip.tick = timers.tick
	return m, timers
}

// TestClipboardClearedAfterReveal: the copy starts a 45 s timer, the
// reveal says so, the value is dropped on close, and when the timer fires
// the clipboard, still holding the token, is cleared.
func TestClipboardClearedAfterReveal(t *testing.T) {
	t.Parallel()
	for _, method := range []clipboard.Method{clipboard.System, clipboard.OSC52} {
		t.Run(method.String(), func(t *testing.T) {
			cb := &fakeClipboard{method: method}
			m, timers := clearingModel(t, cb)
			m = generateNamed(m, "clip")
			m = press(m, "c")
			value := cb.last()
			want := "The clipboard is cleared in 45 s if it still holds the token"
			if method == clipboard.OSC52 {
				want = "In 45 s sonartoken asks the terminal to clear it (it cannot confirm)."
			}
			if !strings.Contains(flat(m.View()), want) {
				t.Fatalf("the reveal lacks %q:\n%s", want, m.View())
			}
			if len(timers.durations) != 1 || timers.durations[0] != 45*time.Second {
				t.Fatalf("timers %v", timers.durations)
			}
			m = press(m, "esc")
			if holds(reflectOf(&m), value, map[uintptr]bool{}) {
				t.Fatal("the model keeps the value for clearing")
			}
			due := timers.fire[0](testNow.Add(45 * time.Second))
			if holds(reflect.ValueOf(&due).Elem(), value, map[uintptr]bool{}) {
				t.Fatal("the timer's message holds the value")
			}
			m = drive(m, due)
			if cb.last() != "" {
				t.Fatalf("clipboard %q, want cleared", cb.last())
			}
			// "Cleared" only where it was checked: the terminal's
			// clipboard cannot say.
			note := "The token was cleared from the clipboard."
			if method == clipboard.OSC52 {
				note = "Asked the terminal to clear its clipboard (it cannot confirm)."
			}
			if !strings.Contains(m.View(), note) {
				t.Fatalf("no note %q:\n%s", note, m.View())
			}
			if method == clipboard.OSC52 && strings.Contains(m.View(), "cleared from the clipboard") {
				t.Fatalf("the terminal's clipboard is called cleared:\n%s", m.View())
			}
		})
	}
}

// TestClipboardNotClearedWhenReplaced: the user copied something else
// since; the local clipboard is read and left alone.
func TestClipboardNotClearedWhenReplaced(t *testing.T) {
	t.Parallel()
	cb := &fakeClipboard{method: clipboard.System}
	m, timers := clearingModel(t, cb)
	m = generateNamed(m, "clip")
	m = press(m, "c", "esc")
	_, _ = cb.Copy("something the user copied since")
	m = drive(m, timers.fire[0](testNow))
	if cb.last() != "something the user copied since" {
		t.Fatalf("clipboard %q", cb.last())
	}
	if strings.Contains(m.View(), "cleared from the clipboard") {
		t.Fatal("a note about a clearing that did not happen")
	}
}

// TestClipboardOSC52LatestCopyOwnsClearing: the terminal's clipboard
// cannot be read; after a second copy by the console, the first timer
// does nothing and the second clears.
func TestClipboardOSC52LatestCopyOwnsClearing(t *testing.T) {
	t.Parallel()
	cb := &fakeClipboard{method: clipboard.OSC52}
	m, timers := clearingModel(t, cb)
	m = generateNamed(m, "first")
	m = press(m, "c", "esc")
	m = generateNamed(m, "second")
	m = press(m, "c", "esc")
	copies := len(cb.copies)
	nm, cmd := m.Update(timers.fire[0](testNow))
	m = nm.(Model)
	if cmd != nil || len(cb.copies) != copies {
		t.Fatal("the first timer touched the terminal's clipboard after a newer copy")
	}
	drive(m, timers.fire[1](testNow))
	if cb.last() != "" {
		t.Fatal("the latest copy's timer did not clear")
	}
}

// TestClipboardClearOff: 0 starts no timer and says nothing.
func TestClipboardClearOff(t *testing.T) {
	t.Parallel()
	cb := &fakeClipboard{method: clipboard.System}
	m := newModel(t, newFake(), cb, 100, 30)
	timers := &fakeTimers{}
	m.clip.tick = timers.tick
	m = generateNamed(m, "clip")
	m = press(m, "c")
	if len(timers.durations) != 0 || strings.Contains(m.View(), "cleared in") {
		t.Fatal("clearing is off")
	}
}
