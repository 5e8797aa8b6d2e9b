package client

import (
	"context"
	"sync"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// DefaultScanConcurrency is the number of requests ScanAllTokens keeps in
// flight when ScanOptions.Concurrency is zero.
const DefaultScanConcurrency = 8

// MaxScanConcurrency is the most requests ScanAllTokens keeps in flight: a
// higher ScanOptions.Concurrency is lowered to it. The client's transport
// keeps as many idle connections per host.
const MaxScanConcurrency = 64

// scanProgressEvery throttles ScanOptions.OnProgress: at most one report
// per interval, plus one after each page of users and a final one.
const scanProgressEvery = 50 * time.Millisecond

// ScanOptions tunes ScanAllTokens.
type ScanOptions struct {
	// Concurrency bounds the requests in flight at once, page requests and
	// token searches together (DefaultScanConcurrency when zero, at most
	// MaxScanConcurrency). The client's own transport keeps
	// MaxScanConcurrency idle connections per host; a caller supplying
	// Options.HTTPClient should allow at least Concurrency.
	Concurrency int
	// PageSize is the page size of the user listing (MaxPageSize when
	// zero, capped at MaxPageSize).
	PageSize int
	// OnProgress, when set, receives progress reports. It is called from
	// the scan's goroutines, one call at a time, at most every 50 ms plus
	// once per page of users and once at the end; it must return quickly.
	OnProgress func(ScanProgress)
}

// ScanProgress reports how far a scan is.
type ScanProgress struct {
	// UsersTotal is the number of users the user listing reports (0 until
	// the first page arrives).
	UsersTotal int
	// UsersAPI is the endpoint that lists the users (UsersAPIUnknown until
	// the first page arrives). With UsersAPIV2 no user is skipped: that
	// API has no tokensCount, so every user's tokens are searched.
	UsersAPI UsersAPI
	// UsersScanned counts the users done: searched, failed or skipped.
	UsersScanned int
	// UsersSkipped counts the users skipped because the server reported
	// they have no tokens (tokensCount 0).
	UsersSkipped int
	// TokensFound counts the tokens sent so far.
	TokensFound int
	// TokensExpected is the sum of the tokensCount of the users listed so
	// far (0 when the server reports none, as API v2), never more than a
	// scan sends (about 400,000): a caller keeping every token can size its
	// storage once.
	TokensExpected int
	// SignInsReported is true once a listed user carried a last sign-in
	// date (lastConnectionDate, sonarQubeLastConnectionDate or
	// sonarLintLastConnectionDate). The final report settles what an
	// owner's OwnerActivity without a date means: when it is true the
	// listing dates users, and that owner never signed in; when it is
	// false no user had a date, so the server did not say (a proxy that
	// drops the fields, a version or a caller that is not given them),
	// since SonarQube dates every user who signed in, the caller
	// included: its token's use is recorded as a connection
	// (UserSessionFactoryImpl). A caller must then take each owner's
	// sign-in as unknown, never as "never signed in".
	SignInsReported bool
	// Elapsed is the time since the scan started.
	Elapsed time.Duration
}

// ScanBatch is the result of one user's token search. Err is set when the
// search failed (the scan goes on with the other users). A batch with an
// empty Login and an Err reports a failed listing (sent once): a page of
// users that failed, or whose paging cannot be SonarQube's (a
// *PagingError); the scan asks no more pages after it, but queues the
// users of the pages already asked and finishes their searches. A batch
// with an empty Login and a *ScanLimitError says the scan stopped there,
// its memory bound reached.
type ScanBatch struct {
	Login  string
	Tokens []model.Token
	Err    error
}

// ScanAllTokens lists every token of every active user, for the admin
// review. It pages the users with SearchUsers at PageSize, skips users
// whose tokensCount is 0 (when the server reports it: api/users/search
// does to administrators), and runs api/user_tokens/search?login= for the
// others, with at most Concurrency requests in flight, pages included.
// Page 1 gives the total; pages 2..N are then asked together through the
// same request slots, and token searches start as soon as their users
// arrive, so that the scan takes about latency × (1 + ⌈(pages − 1 +
// searches) / Concurrency⌉), the floor internal/scanfloor computes. Each
// user's tokens are sent on the returned channel as they arrive.
//
// The channel is closed when every user is done, or soon after ctx is
// cancelled: batches received until then are the caller's to keep. No
// goroutine outlives the closing of the channel. A caller that stops
// reading must cancel ctx.
//
// Where api/users/search is gone (404 or 410 on a 10.4+ server), the users
// come from api/v2/users-management/users, which has no tokensCount: every
// listed user is searched, and ScanProgress.UsersAPI says so.
//
// Deactivated users are listed by neither API, and have no tokens anyway
// (SonarQube deletes them on deactivation).
//
// The scan ends whatever the server answers: page 1's total sets the last
// page, at most MaxScanUsers users are listed, each login is searched
// once however often the pages list it, a page that lists only users
// already listed (or more users than asked) ends the listing with a
// *PagingError, and the tokens sent stop at what a review can keep in
// memory (a *ScanLimitError).
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

// scan is the state of one ScanAllTokens run.
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

// queued is a user whose tokens are to be searched, with what the listing
// said of their last sign-in. It travels with the login through the queue
// and is gone once their tokens are sent: the scan keeps nothing of a user
// it is done with, so its memory does not grow with the users listed
// (beyond the listing's digest of each login).
type queued struct {
	login string
	last  *time.Time // nil: no sign-in in the listing
}

// acquire takes a request slot, or fails when ctx ends.
func (s *scan) acquire() bool {
	select {
	case s.sem <- struct{}{}:
		return true
	case <-s.ctx.Done():
		return false
	}
}

func (s *scan) release() { <-s.sem }

// send delivers a batch, or fails when ctx ends.
func (s *scan) send(b ScanBatch) bool {
	select {
	case s.out <- b:
		return true
	case <-s.ctx.Done():
		return false
	}
}

// pager lists the users and queues those with tokens. Page 1 gives the
// total; pages 2..N are then asked together, each through the same
// request slots as the token searches, and a page's users are queued as
// soon as it arrives, in whatever order the pages come.
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

// page asks page p of the users, reports it and queues its users with
// tokens; ok is false when it failed (the error is sent as a batch
// without a login) or ctx ended.
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
	// Only the users not listed before: a server that lists a user on
	// several pages gets one search for them, and a page of users all
	// listed already ends the listing.
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

// failPage sends the first failed page's error; later ones (pages asked
// together fail together) add nothing the user can act on.
func (s *scan) failPage(err error) {
	s.pageFailed.Do(func() { s.send(ScanBatch{Err: err}) })
}

// searcher runs token searches for queued logins.
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
			// One entry shared by the user's tokens, made only for a
			// user who has some.
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

// keep counts tokens about to be sent against the scan's memory bound
// (maxScanKept). Past it, the scan stops: the tokens are not sent, a
// *ScanLimitError is, once, and ctx ends, so that every request stops.
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
