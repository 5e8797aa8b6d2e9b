package startup_test

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// drive sends msg and feeds back the messages its commands produce
// (skipping ticks and blinks). A tea.Quit among them, or a Cmd that does
// not return within cmdLimit, fails the test.
func drive(t *testing.T, m tea.Model, msg tea.Msg) tea.Model {
	t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 && len(queue) < 100 {
		msg, queue = queue[0], queue[1:]
		switch msg := msg.(type) {
		case tea.QuitMsg:
			t.Fatal("unexpected quit")
		case stuckMsg:
			t.Fatalf("a Cmd (%s) did not return within %v", msg.name, cmdLimit)
		}
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		queue = append(queue, runCmd(cmd)...)
	}
	return m
}

// cmdLimit is how long runCmd waits for a Cmd.
const cmdLimit = 3 * time.Second

// stuckMsg stands for a Cmd that did not return within cmdLimit: drive
// fails the test on it.
type stuckMsg struct{ name string }

// runCmd runs cmd and returns its messages, flattening tea.Batch and
// tea.Sequence and dropping ticks and blinks. A tea.Tick (the console's
// note expiry, seconds long) is not run: it is a timer, not work.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil || cmdName(cmd) == "github.com/charmbracelet/bubbletea.Tick.func1" {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		if cmds, ok := subCmds(msg); ok {
			var out []tea.Msg
			for _, c := range cmds {
				out = append(out, runCmd(c)...)
			}
			return out
		}
		if msg == nil {
			return nil
		}
		if strings.HasSuffix(typeName(msg), "TickMsg") || strings.HasSuffix(typeName(msg), "BlinkMsg") {
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(cmdLimit):
		return []tea.Msg{stuckMsg{name: cmdName(cmd)}}
	}
}

// cmdName is the name of cmd's function, as the runtime knows it.
func cmdName(cmd tea.Cmd) string { return runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name() }

// subCmds returns the Cmds of a tea.Batch or a tea.Sequence (whose message
// type bubbletea does not export: a slice of tea.Cmd).
func subCmds(msg tea.Msg) ([]tea.Cmd, bool) {
	if b, ok := msg.(tea.BatchMsg); ok {
		return b, true
	}
	v := reflect.ValueOf(msg)
	cmdsType := reflect.TypeOf([]tea.Cmd(nil))
	if v.IsValid() && v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdsType) {
		return v.Convert(cmdsType).Interface().([]tea.Cmd), true
	}
	return nil, false
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }
