package review

import (
	"context"
	"errors"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/ui/common"
)

// Service is what the review's scan and bulk revocation need from the
// server. *client.Client satisfies it, as does the console's ui.Service.
type Service interface {
	// ScanAllTokens streams every user's tokens.
	ScanAllTokens(ctx context.Context, o client.ScanOptions) <-chan client.ScanBatch
	// RevokeOrConfirm is Revoke that settles a lost answer by a search.
	RevokeOrConfirm(ctx context.Context, login, name string) error
}

// FlushEvery is how long a stream command gathers results before handing
// them to Update: the screen is redrawn at most this often while a scan or
// a bulk revocation runs, however fast the answers come.
var FlushEvery = 40 * time.Millisecond

// ScanStartedMsg hands the review the stream of a scan just started.
type ScanStartedMsg struct{ Stream *ScanStream }

// Outcome implements common.Result.
func (ScanStartedMsg) Outcome() common.Outcome { return common.Outcome{} }

// ScanBatchMsg carries what a review scan delivered since the last one,
// and its progress; Done is true once the scan is over.
type ScanBatchMsg struct {
	Seq      int
	Batches  []client.ScanBatch
	Progress client.ScanProgress
	Done     bool
}

// Outcome implements common.Result: a 401 among the users' answers ends
// the session.
func (m ScanBatchMsg) Outcome() common.Outcome {
	var errs []error
	for _, b := range m.Batches {
		errs = append(errs, b.Err)
	}
	return common.Outcome{Err: errors.Join(errs...)}
}

// ScanStream is a running review scan: its batches and its last progress
// report, which client.ScanAllTokens sends from its own goroutines.
type ScanStream struct {
	seq     int
	batches <-chan client.ScanBatch
	notify  chan struct{} // a progress report arrived

	mu       sync.Mutex
	progress client.ScanProgress
}

// Seq tells the scan's messages from those of an earlier scan.
func (s *ScanStream) Seq() int { return s.seq }

func (s *ScanStream) setProgress(p client.ScanProgress) {
	s.mu.Lock()
	s.progress = p
	s.mu.Unlock()
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

func (s *ScanStream) lastProgress() client.ScanProgress {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.progress
}

// StartScanCmd starts a review scan; ctx stops it.
func StartScanCmd(ctx context.Context, svc Service, seq, concurrency int) tea.Cmd {
	return func() tea.Msg {
		s := &ScanStream{seq: seq, notify: make(chan struct{}, 1)}
		s.batches = svc.ScanAllTokens(ctx, client.ScanOptions{Concurrency: concurrency, OnProgress: s.setProgress})
		return ScanStartedMsg{Stream: s}
	}
}

// NextScanCmd waits for the scan's next batch or progress report, then
// gathers what else arrives within FlushEvery, so that Update handles many
// users at once.
func NextScanCmd(s *ScanStream) tea.Cmd {
	return func() tea.Msg {
		msg := ScanBatchMsg{Seq: s.seq}
		select {
		case b, ok := <-s.batches:
			if !ok {
				msg.Done = true
				msg.Progress = s.lastProgress()
				return msg
			}
			msg.Batches = append(msg.Batches, b)
		case <-s.notify:
		}
		more, closed := gather(s.batches, FlushEvery)
		msg.Batches = append(msg.Batches, more...)
		msg.Done = closed
		msg.Progress = s.lastProgress()
		return msg
	}
}

// gather collects what arrives on ch within d (a stream's first item has
// come already), so that Update handles many at once; closed says that
// ch was closed.
func gather[T any](ch <-chan T, d time.Duration) (items []T, closed bool) {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return items, true
			}
			items = append(items, v)
		case <-deadline.C:
			return items, false
		}
	}
}
