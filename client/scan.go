package client

import (
	"context"
	"sync"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// DefaultScanConcurrency is the requests in flight when ScanOptions.Concurrency is zero.
const DefaultScanConcurrency = 8

// MaxScanConcurrency caps ScanOptions.Concurrency; the transport keeps as many idle connections per host.
const MaxScanConcurrency = 64

// scanProgressEvery throttles ScanOptions.OnProgress.
const scanProgressEvery = 50 * time.Millisecond

// ScanOptions tunes ScanAllTokens.
type ScanOptions struct {
	// Concurrency bounds page requests and token searches together; a caller's
	// own HTTPClient should allow as many connections per host.
	Concurrency int
	// PageSize of the user listing (MaxPageSize when zero, capped at it).
	PageSize int
	// OnProgress is called from the scan's goroutines, one call at a time; it must return quickly.
	OnProgress func(ScanProgress)
}

// ScanProgress reports how far a scan is.
type ScanProgress struct {
	// UsersTotal is what the listing reports (0 until the first page).
	UsersTotal int
	// UsersAPI lists the users; with UsersAPIV2 (no tokensCount) no user is skipped.
	UsersAPI UsersAPI
	// UsersScanned counts the users done: searched, failed or skipped.
	UsersScanned int
	// UsersSkipped counts users whose tokensCount was 0.
	UsersSkipped int
	// TokensFound counts the tokens sent so far.
	TokensFound int
	// TokensExpected sums the listed tokensCount (0 on API v2), so a caller can size its storage once.
	TokensExpected int
	// SignInsReported is false when no listed user had a sign-in date: the server did
	// not say, so owners' sign-ins are unknown, never "never signed in".
	SignInsReported bool
	// Elapsed is the time since the scan started.
	Elapsed time.Duration
}

// ScanBatch is one user's token search (Err: it failed, the scan goes on); an empty
// Login carries a listing failure or a *ScanLimitError.
type ScanBatch struct {
	Login  string
	Tokens []model.Token
	Err    error
}

// ScanAllTokens lists every active user's tokens on a channel that closes when
// done or soon after ctx ends (a caller that stops reading must cancel ctx),
// skipping users without tokens; it ends whatever the server answers.
func (c *Client) ScanAllTokens(ctx context.Context, o ScanOptions) <-chan ScanBatch {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultScanConcurrency
	}
	o.Concurrency = min(o.Concurrency, MaxScanConcurrency)
	if o.PageSize <= 0 || o.PageSize > MaxPageSize {
		o.PageSize = MaxPageSize
	}
	s := &scan{
		c:       c,
		o:       o,
		out:     make(chan ScanBatch, o.Concurrency*2),
		sem:     make(chan struct{}, o.Concurrency),
		todo:    make(chan queued, o.PageSize),
		listing: newUserListing(o.PageSize),
		start:   time.Now(),
	}
	s.ctx, s.stop = context.WithCancel(ctx)
	s.wg.Add(1 + o.Concurrency)
	go s.pager()
	for range o.Concurrency {
		go s.searcher()
	}
	go func() {
		s.wg.Wait()
		s.stop()
		s.report(true)
		close(s.out)
	}()
	return s.out
}

type scan struct {
	c    *Client
	ctx  context.Context
	stop context.CancelFunc // ends the scan early: its memory bound reached
	o    ScanOptions

	out  chan ScanBatch
	sem  chan struct{} // one slot per request in flight
	todo chan queued   // users to search, fed by the pager
	wg   sync.WaitGroup

	start time.Time

	listing    *userListing // the logins listed, and the pages' checks
	pageFailed sync.Once    // sends the first failed page's error
	limited    sync.Once    // sends the *ScanLimitError
	kept       int64        // keptBytes of the tokens sent (guarded by mu)
	sent       int          // the tokens sent (guarded by mu)

	mu         sync.Mutex // guards the fields below and OnProgress calls
	progress   ScanProgress
	lastReport time.Time
}

// queued is a user waiting for their token search; the scan drops it once
// sent, so its memory does not grow with the users listed.
type queued struct {
	login string
	last  *time.Time // nil: no sign-in in the listing
}

func (s *scan) acquire() bool {
	select {
	case s.sem <- struct{}{}:
		return true
	case <-s.ctx.Done():
		return false
	}
}

func (s *scan) release() { <-s.sem }

func (s *scan) send(b ScanBatch) bool {
	select {
	case s.out <- b:
		return true
	case <-s.ctx.Done():
		return false
	}
}

// pager queues users with tokens; pages 2..N share the searches' request slots.
func (s *scan) pager() {
	defer s.wg.Done()
	defer close(s.todo)
	page, ok := s.page(1)
	if !ok {
		return
	}
	pages, endless := s.listing.lastPage(page.Total, len(page.Users))
	if pages == 1 {
		return
	}
	next := make(chan int)
	var failed sync.Once // a failed page ends the listing, reported once
	stop := make(chan struct{})
	stopped := false
	var wg sync.WaitGroup
	for range min(pages-1, s.o.Concurrency) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if _, ok := s.page(p); !ok {
					failed.Do(func() { close(stop) })
				}
			}
		}()
	}
feed:
	for p := 2; p <= pages; p++ {
		select {
		case next <- p:
		case <-stop:
			stopped = true
			break feed
		case <-s.ctx.Done():
			stopped = true
			break feed
		}
	}
	close(next)
	wg.Wait()
	select {
	case <-stop:
		stopped = true
	default:
	}
	if endless && !stopped && s.ctx.Err() == nil {
		s.failPage(s.listing.endless(page.API, pages, page.Total))
	}
}

// page asks page p and queues its users; ok is false on failure or cancel.
func (s *scan) page(p int) (UsersPage, bool) {
	if !s.acquire() {
		return UsersPage{}, false
	}
	page, err := s.c.SearchUsers(s.ctx, UsersQuery{Page: p, PageSize: s.o.PageSize})
	s.release()
	if s.ctx.Err() != nil {
		return UsersPage{}, false
	}
	if err != nil {
		s.failPage(err)
		return UsersPage{}, false
	}
	// A user listed on several pages is searched once.
	fresh, err := s.listing.take(p, page)
	if err != nil {
		s.failPage(err)
		return UsersPage{}, false
	}
	skipped, expected, dated := 0, 0, false
	for _, u := range fresh {
		dated = dated || u.LastSignIn() != nil
		if u.TokensCount != nil {
			expected += min(max(*u.TokensCount, 0), maxScanTokens())
			if *u.TokensCount == 0 {
				skipped++
			}
		}
	}
	s.update(func(pr *ScanProgress) {
		pr.UsersTotal = max(pr.UsersTotal, page.Total)
		pr.UsersAPI = page.API
		pr.UsersScanned += skipped
		pr.UsersSkipped += skipped
		pr.TokensExpected = min(pr.TokensExpected+expected, maxScanTokens())
		pr.SignInsReported = pr.SignInsReported || dated
	}, true)
	for _, u := range fresh {
		if u.TokensCount != nil && *u.TokensCount == 0 {
			continue
		}
		select {
		case s.todo <- queued{login: u.Login, last: u.LastSignIn()}:
		case <-s.ctx.Done():
			return page, false
		}
	}
	return page, true
}

// failPage sends only the first failed page's error: later ones add nothing.
func (s *scan) failPage(err error) {
	s.pageFailed.Do(func() { s.send(ScanBatch{Err: err}) })
}

func (s *scan) searcher() {
	defer s.wg.Done()
	for q := range s.todo {
		if !s.acquire() {
			return
		}
		tokens, err := s.c.SearchTokens(s.ctx, q.login)
		s.release()
		if s.ctx.Err() != nil {
			return
		}
		if !s.keep(tokens) {
			return
		}
		if len(tokens) > 0 {
			// One entry shared by the user's tokens.
			owner := &model.OwnerActivity{LastSignIn: q.last}
			for i := range tokens {
				tokens[i].Owner = owner
			}
		}
		if !s.send(ScanBatch{Login: q.login, Tokens: tokens, Err: err}) {
			return
		}
		s.update(func(pr *ScanProgress) {
			pr.UsersScanned++
			pr.TokensFound += len(tokens)
		}, false)
	}
}

// keep counts tokens against maxScanKept; past it one *ScanLimitError stops every request.
func (s *scan) keep(tokens []model.Token) bool {
	var n int64
	for _, t := range tokens {
		n += keptBytes(t)
	}
	s.mu.Lock()
	over := s.kept+n > maxScanKept
	if !over {
		s.kept += n
		s.sent += len(tokens)
	}
	sent := s.sent
	s.mu.Unlock()
	if over {
		s.limited.Do(func() {
			s.send(ScanBatch{Err: &ScanLimitError{Tokens: sent}})
			s.stop()
		})
	}
	return !over
}

// update changes the progress and reports it when due (or when force).
func (s *scan) update(f func(*ScanProgress), force bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.progress)
	s.reportLocked(force)
}

func (s *scan) report(force bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reportLocked(force)
}

func (s *scan) reportLocked(force bool) {
	if s.o.OnProgress == nil {
		return
	}
	now := time.Now()
	if !force && now.Sub(s.lastReport) < scanProgressEvery {
		return
	}
	s.lastReport = now
	p := s.progress
	p.Elapsed = now.Sub(s.start)
	s.o.OnProgress(p)
}
