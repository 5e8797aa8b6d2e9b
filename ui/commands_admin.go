package ui

import (
	"context"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/picker"
)

// flushEvery is how long a stream command gathers results before handing
// them to Update: the screen is redrawn at most this often while a scan or
// a bulk revocation runs, however fast the answers come.
var flushEvery = 40 * time.Millisecond

// searchUsersCmd asks one page of users for the picker.
func searchUsersCmd(ctx context.Context, svc Service, q string) tea.Cmd {
	return func() tea.Msg {
		page, err := svc.SearchUsers(ctx, client.UsersQuery{Query: q, PageSize: picker.PageSize})
		return picker.UsersMsg{Query: q, Page: page, Err: err}
	}
}

// scanStream is a running review scan: its batches and its last progress
// report, which client.ScanAllTokens sends from its own goroutines.
type scanStream struct {
	seq     int
	batches <-chan client.ScanBatch
	notify  chan struct{} // a progress report arrived

	mu       sync.Mutex
	progress client.ScanProgress
}

func (s *scanStream) setProgress(p client.ScanProgress) {
	s.mu.Lock()
	s.progress = p
	s.mu.Unlock()
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

func (s *scanStream) lastProgress() client.ScanProgress {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.progress
}

// startScanCmd starts a review scan; ctx stops it.
func startScanCmd(ctx context.Context, svc Service, seq, concurrency int) tea.Cmd {
	return func() tea.Msg {
		s := &scanStream{seq: seq, notify: make(chan struct{}, 1)}
		s.batches = svc.ScanAllTokens(ctx, client.ScanOptions{Concurrency: concurrency, OnProgress: s.setProgress})
		return scanStartedMsg{stream: s}
	}
}

// nextScanCmd waits for the scan's next batch or progress report, then
// gathers what else arrives within flushEvery, so that Update handles many
// users at once.
func nextScanCmd(s *scanStream) tea.Cmd {
	return func() tea.Msg {
		msg := scanBatchMsg{seq: s.seq}
		select {
		case b, ok := <-s.batches:
			if !ok {
				msg.done = true
				msg.progress = s.lastProgress()
				return msg
			}
			msg.batches = append(msg.batches, b)
		case <-s.notify:
		}
		more, closed := gather(s.batches, flushEvery)
		msg.batches = append(msg.batches, more...)
		msg.done = closed
		msg.progress = s.lastProgress()
		return msg
	}
}

// bulkRun is a running bulk revocation.
type bulkRun struct {
	results <-chan bulkResult
}

// bulkRevokeCmd revokes exactly the given tokens, at most concurrency at a
// time. The results channel holds every result, so the workers never wait
// for the console and end even if it quits.
func bulkRevokeCmd(ctx context.Context, svc Service, targets []model.Token, me string, concurrency int) tea.Cmd {
	targets = append([]model.Token(nil), targets...)
	return func() tea.Msg {
		out := make(chan bulkResult, len(targets))
		go func() {
			sem := make(chan struct{}, max(1, concurrency))
			var wg sync.WaitGroup
			for _, t := range targets {
				wg.Add(1)
				sem <- struct{}{}
				go func() {
					defer wg.Done()
					defer func() { <-sem }()
					login := t.Login
					if login == me {
						login = ""
					}
					// A lost answer is settled by a search: revoked if
					// the token is gone, failed otherwise.
					out <- bulkResult{token: t, err: svc.RevokeOrConfirm(ctx, login, t.Name)}
				}()
			}
			wg.Wait()
			close(out)
		}()
		return bulkStartedMsg{run: &bulkRun{results: out}}
	}
}

// nextBulkCmd waits for the next results of a bulk revocation.
func nextBulkCmd(r *bulkRun) tea.Cmd {
	return func() tea.Msg {
		var msg bulkProgressMsg
		res, ok := <-r.results
		if !ok {
			msg.done = true
			return msg
		}
		more, closed := gather(r.results, flushEvery)
		msg.results = append(append(msg.results, res), more...)
		msg.done = closed
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
