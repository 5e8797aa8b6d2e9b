package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// heldGenerate is a server whose generate is answered only once release
// is closed: long after the user gave up.
type heldGenerate struct {
	*fakeService
	loaded       chan struct{} // the first load asked the tokens
	asked        chan struct{} // the generate was sent
	release      chan struct{}
	onceL, onceA sync.Once
}

func (h *heldGenerate) SearchTokens(ctx context.Context, login string) ([]model.Token, error) {
	defer h.onceL.Do(func() { close(h.loaded) })
	return h.fakeService.SearchTokens(ctx, login)
}

func (h *heldGenerate) Connect(context.Context) (model.Version, error) { return h.version, nil }

func (h *heldGenerate) GenerateOrConfirm(ctx context.Context, r client.GenerateRequest) (model.NewToken, error) {
	h.onceA.Do(func() { close(h.asked) })
	<-h.release
	return h.fakeService.GenerateOrConfirm(ctx, r)
}

// syncBuffer is a bytes.Buffer safe for the program's writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// TestAbandonedGenerateExitsNonZero runs the console as a program, keys
// through its input: n, a name, enter; the generate is not answered, and
// two ctrl+c abandon it. RunBoot prints the revoke command and returns
// ErrAbandoned (the command line exits 1 with it), not nil (exit 0).
func TestAbandonedGenerateExitsNonZero(t *testing.T) {
	t.Parallel()
	svc := &heldGenerate{fakeService: newFake(), loaded: make(chan struct{}), asked: make(chan struct{}), release: make(chan struct{})}
	defer close(svc.release)
	in, keys := io.Pipe()
	var stderr, screen syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	size := func(p *tea.Program) { go p.Send(tea.WindowSizeMsg{Width: 100, Height: 30}) }
	done := make(chan error, 1)
	go func() {
		done <- runBoot(ctx, BootOptions{Options: Options{Now: clock, StaticCursor: true, Clipboard: &fakeClipboard{}}, Server: svc},
			&stderr, size, tea.WithInput(in), tea.WithOutput(&screen), tea.WithoutSignalHandler())
	}()
	write := func(s string) {
		if _, err := io.WriteString(keys, s); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	wait := func(ch <-chan struct{}, what string) {
		select {
		case <-ch:
		case <-time.After(5 * time.Second):
			t.Fatal(what)
		}
	}
	shows := func(text string) {
		for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
			screen.mu.Lock()
			ok := strings.Contains(screen.b.String(), text)
			screen.mu.Unlock()
			if ok {
				return
			}
		}
		t.Fatalf("the screen never showed %q", text)
	}
	wait(svc.loaded, "the console never loaded")
	shows("release-bot") // the table
	write("n")
	shows("Generate a token")
	write("ci-abandoned")
	write("\r")
	wait(svc.asked, "the generate was never sent")
	write("\x03")
	write("\x03")
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the console did not quit")
	}
	_ = keys.Close()
	if !errors.Is(err, ErrAbandoned) {
		t.Fatalf("RunBoot returned %v, want ErrAbandoned", err)
	}
	stderr.mu.Lock()
	defer stderr.mu.Unlock()
	if !strings.Contains(stderr.b.String(), "sonartoken revoke ci-abandoned") {
		t.Fatalf("exit note %q", stderr.b.String())
	}
}
