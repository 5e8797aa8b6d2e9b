package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
)

// fuzzService is the fake server of FuzzUpdate: every value it generates
// is distinct from the first characters on, so that a view showing any
// part of a wrong value is caught; every third generate of the console
// loses its answer after creating the token.
type fuzzService struct {
	*fakeService
	vmu    sync.Mutex
	n      int
	values map[string]string // by token name: the last value generated
	all    []string
}

func newFuzzService() *fuzzService {
	return &fuzzService{fakeService: newFake(), values: map[string]string{}}
}

func (s *fuzzService) generate(ctx context.Context, r client.GenerateRequest, mayLose bool) (model.NewToken, error) {
	nt, err := s.fakeService.Generate(ctx, r)
	if err != nil {
		return nt, err
	}
	s.vmu.Lock()
	defer s.vmu.Unlock()
	s.n++
	if mayLose && s.n%3 == 0 {
		return model.NewToken{}, &client.LostResponseError{Op: "generate", Login: r.Login, Name: nt.Name, Created: true, Token: nt.Token, Err: context.DeadlineExceeded}
	}
	sum := sha256.Sum256([]byte(fmt.Sprint(r.Name, s.n)))
	v := nt.Type.Prefix() + hex.EncodeToString(sum[:])[:40]
	nt.Value = model.NewSecret(v)
	s.values[nt.Name] = v
	s.all = append(s.all, v)
	return nt, nil
}

// Generate serves the rotation.
func (s *fuzzService) Generate(ctx context.Context, r client.GenerateRequest) (model.NewToken, error) {
	return s.generate(ctx, r, false)
}

// GenerateOrConfirm serves the generate form.
func (s *fuzzService) GenerateOrConfirm(ctx context.Context, r client.GenerateRequest) (model.NewToken, error) {
	return s.generate(ctx, r, true)
}

func (s *fuzzService) snapshot() (map[string]string, []string) {
	s.vmu.Lock()
	defer s.vmu.Unlock()
	vals := make(map[string]string, len(s.values))
	for k, v := range s.values {
		vals[k] = v
	}
	return vals, append([]string(nil), s.all...)
}

// fuzzKeys are the special keys of the decoder.
var fuzzKeys = []tea.KeyMsg{
	{Type: tea.KeyTab}, {Type: tea.KeyShiftTab}, {Type: tea.KeyEnter}, {Type: tea.KeyEsc},
	{Type: tea.KeyUp}, {Type: tea.KeyDown}, {Type: tea.KeyLeft}, {Type: tea.KeyRight},
	{Type: tea.KeySpace, Runes: []rune{' '}}, {Type: tea.KeyBackspace}, {Type: tea.KeyCtrlC},
	{Type: tea.KeyHome}, {Type: tea.KeyEnd}, {Type: tea.KeyPgUp}, {Type: tea.KeyPgDown}, {Type: tea.KeyDelete},
}

// fuzzRunes are the runes of the decoder beyond printable ASCII.
var fuzzRunes = []rune("éß界🙂\u200b\u0301")

// decodeFuzz turns bytes into at most 300 messages: 0x00–0x1f a special
// key (modulo), 0x20–0x7e that ASCII character (space as the space key),
// 0x7f–0xef a rune of fuzzRunes, 0xf0–0xff a window size from the next
// two bytes (1×1 to 300×100).
func decodeFuzz(data []byte) []tea.Msg {
	var msgs []tea.Msg
	for i := 0; i < len(data) && len(msgs) < 300; i++ {
		b := data[i]
		switch {
		case b < 0x20:
			msgs = append(msgs, fuzzKeys[int(b)%len(fuzzKeys)])
		case b == ' ':
			msgs = append(msgs, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
		case b < 0x7f:
			msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{rune(b)}})
		case b < 0xf0:
			msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{fuzzRunes[int(b)%len(fuzzRunes)]}})
		default:
			w, h := 80, 24
			if i+2 < len(data) {
				w, h = 1+int(data[i+1])*300/256, 1+int(data[i+2])%100
				i += 2
			}
			msgs = append(msgs, tea.WindowSizeMsg{Width: w, Height: h})
		}
	}
	return msgs
}

// quickMsgs runs cmd and the commands it batches, concurrently, waiting a
// few milliseconds for them all: the fake service answers at once, while
// timers (spinner, note expiry) are dropped. Quitting is ignored: the
// fuzzer keeps typing.
func quickMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	return runQuick([]tea.Cmd{cmd}, time.Now().Add(3*time.Millisecond))
}

func runQuick(cmds []tea.Cmd, deadline time.Time) []tea.Msg {
	type result struct {
		i   int
		msg tea.Msg
	}
	ch := make(chan result, len(cmds))
	n := 0
	for i, c := range cmds {
		if c != nil {
			n++
			go func() { ch <- result{i, c()} }()
		}
	}
	got := make([]tea.Msg, len(cmds))
	timeout := time.After(time.Until(deadline))
wait:
	for ; n > 0; n-- {
		select {
		case r := <-ch:
			got[r.i] = r.msg
		case <-timeout:
			break wait
		}
	}
	var out []tea.Msg
	for _, msg := range got {
		switch msg := msg.(type) {
		case tea.BatchMsg:
			out = append(out, runQuick(msg, time.Now().Add(3*time.Millisecond))...)
		case nil, tea.QuitMsg:
		default:
			if !strings.HasPrefix(fmt.Sprintf("%T", msg), "tea.") { // sequences, window title: program requests
				out = append(out, msg)
			}
		}
	}
	return out
}

// checkShownValues fails unless the view shows at most one value, and only
// the value generated for the token that the reveal or rotation shows.
func checkShownValues(t *testing.T, m Model, svc *fuzzService, step int) {
	t.Helper()
	view := m.View()
	byName, all := svc.snapshot()
	var want string
	switch m.Mode() {
	case ModeReveal:
		want = byName[m.Reveal().Token().Name]
	case ModeRotate:
		want = byName[m.Rotation().New().Name]
	default:
	}
	for _, v := range all {
		if v != want && strings.Contains(view, v[4:16]) {
			t.Fatalf("step %d, mode %v: the view shows a value (%s…) that is not the one generated for the token shown:\n%s", step, m.Mode(), v[:8], view)
		}
	}
}

// FuzzUpdate feeds the console random keys and window sizes: no panic,
// and no view that shows a token value other than the one generated for
// the token in the reveal (run: go test -run '^$' -fuzz FuzzUpdate
// -fuzztime 30s ./ui/).
func FuzzUpdate(f *testing.F) {
	seeds := []string{
		"",
		"n\x02",                                 // open the form, enter with an empty name
		"nabc\x02c\x03",                         // generate, copy, close
		"nabc\x00\x07\x02c\x02",                 // generate a global token, copy, enter
		"nx\x02\x03\x03nt\x02\x03\x03ny\x02",    // the third generate loses its answer
		"nx\x02\x03\x03nt\x02\x03\x03nz\x02y",   // and is revoked and generated again
		"d\x03dy",                               // revoke: cancel, confirm
		"/ab\x09\x03?\x03r",                     // filter, help, refresh
		"o\x02c\x02y",                           // rotate
		"\xf0\x00\x00nabc\x02\xf0\xff\x63c\x03", // 1x1, then 300x100 during a reveal
		"\xf0\x30\x0bnab\x02\xf0\x40\x0c",
		"u\x03R\x03", // the user picker and the review (not an admin)
		"\x0a",       // ctrl+c
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		svc := newFuzzService()
		cb := &fakeClipboard{method: clipboard.OSC52}
		m := New(Options{Service: svc, Now: clock, StaticCursor: true, Clipboard: cb, ClipboardClear: time.Hour})
		m.clip.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
		m = feed(m, tea.WindowSizeMsg{Width: 100, Height: 30})
		m = feed(m, loadAllCmd(context.Background(), svc, "", true, true)())
		steps := 0
		for _, msg := range decodeFuzz(data) {
			queue := []tea.Msg{msg}
			for len(queue) > 0 && steps < 1000 {
				steps++
				next := queue[0]
				queue = queue[1:]
				nm, cmd := m.Update(next)
				m = nm.(Model)
				queue = append(queue, quickMsgs(cmd)...)
				checkShownValues(t, m, svc, steps)
			}
		}
	})
}

// feed sends one message and drops its commands.
func feed(m Model, msg tea.Msg) Model {
	nm, _ := m.Update(msg)
	return nm.(Model)
}
