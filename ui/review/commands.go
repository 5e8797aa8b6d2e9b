package review

import (
	"context"
	"slices"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
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

// ScanStartedMsg hands the root the stream of a review scan just started.
type ScanStartedMsg struct{ Stream *ScanStream }

// ScanBatchMsg carries what a review scan delivered since the last one,
// and its progress; Done is true once the scan is over.
type ScanBatchMsg struct {
	Seq      int
	Batches  []client.ScanBatch
	Progress client.ScanProgress
	Done     bool
}

// BulkStartedMsg hands the root the results of a bulk revocation.
type BulkStartedMsg struct{ Run *BulkRun }

// BulkProgressMsg carries revocations that finished since the last one.
type BulkProgressMsg struct {
	Results []BulkResult
	Done    bool
}

// BulkResult is the outcome of one revocation of a bulk revocation.
type BulkResult struct {
	Token model.Token
	Err   error
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

// BulkRun is a running bulk revocation.
type BulkRun struct {
	results <-chan BulkResult
}

// BulkRevokeCmd revokes exactly the given tokens, at most concurrency at a
// time; those last reports true for (the tokens the console may be signed
// in with) go after all the others, one by one, the most recently used
// last (model.ByLastUse). The results channel holds every result, so the
// workers never wait for the console and end even if it quits.
func BulkRevokeCmd(ctx context.Context, svc Service, targets []model.Token, me string, concurrency int, last func(model.Token) bool) tea.Cmd {
	var now, after []model.Token
	for _, t := range targets {
		if last != nil && last(t) {
			after = append(after, t)
		} else {
			now = append(now, t)
		}
	}
	slices.SortStableFunc(after, model.ByLastUse) // the likeliest last
	return func() tea.Msg {
		out := make(chan BulkResult, len(targets))
		go func() {
			revoke := func(t model.Token) {
				login := t.Login
				if login == me {
					login = ""
				}
				// A lost answer is settled by a search: revoked if the
				// token is gone, failed otherwise.
				out <- BulkResult{Token: t, Err: svc.RevokeOrConfirm(ctx, login, t.Name)}
			}
			sem := make(chan struct{}, max(1, concurrency))
			var wg sync.WaitGroup
			for _, t := range now {
				wg.Add(1)
				sem <- struct{}{}
				go func() {
					defer wg.Done()
					defer func() { <-sem }()
					revoke(t)
				}()
			}
			wg.Wait()
			// The token the console may be signed in with goes last, once
			// every other revocation is settled: revoked any earlier, it
			// would turn the others into 401s.
			for _, t := range after {
				revoke(t)
			}
			close(out)
		}()
		return BulkStartedMsg{Run: &BulkRun{results: out}}
	}
}

// NextBulkCmd waits for the next results of a bulk revocation.
func NextBulkCmd(r *BulkRun) tea.Cmd {
	return func() tea.Msg {
		var msg BulkProgressMsg
		res, ok := <-r.results
		if !ok {
			msg.Done = true
			return msg
		}
		more, closed := gather(r.results, FlushEvery)
		msg.Results = append(append(msg.Results, res), more...)
		msg.Done = closed
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
