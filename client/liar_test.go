package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// liar is a hostile stand-in for SonarQube 10.6 whose user listing and
// token searches answer what its functions say, and which counts what it
// is asked.
type liar struct {
	// users answers page p of a listing at page size ps: the users
	// (logins) and the total to report.
	users func(p, ps int) (logins []string, total int)
	// tokensCount is each user's tokensCount (nil: absent, as API v2).
	tokensCount *int
	// tokens answers a token search for login: the answer's login and
	// its tokens' names.
	tokens func(login string) (answered string, names []string)
	// v2 serves the users at API v2 and answers 404 at api/users/search.
	v2 bool

	pages, searches atomic.Int64
	mu              sync.Mutex
	searched        map[string]int
}

func (l *liar) start(t *testing.T) *Client {
	t.Helper()
	l.searched = map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(l.serve))
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL, "squ_0123456789012345678901234567890123456789")
	if _, err := c.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c
}

func (l *liar) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	switch r.URL.Path {
	case "/api/server/version":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "10.6.0.92116")
	case "/api/users/current":
		_ = enc.Encode(map[string]any{"isLoggedIn": true, "login": "admin", "permissions": map[string]any{"global": []string{"admin"}}})
	case "/api/users/search", "/api/v2/users-management/users":
		v2 := r.URL.Path != "/api/users/search"
		if l.v2 != v2 {
			w.WriteHeader(http.StatusNotFound)
			_ = enc.Encode(map[string]any{"errors": []map[string]string{{"msg": "Unknown url : " + r.URL.Path}}})
			return
		}
		l.pages.Add(1)
		p, _ := strconv.Atoi(r.FormValue(map[bool]string{false: "p", true: "pageIndex"}[v2]))
		ps, _ := strconv.Atoi(r.FormValue(map[bool]string{false: "ps", true: "pageSize"}[v2]))
		logins, total := l.users(p, ps)
		users := make([]map[string]any, 0, len(logins))
		for _, login := range logins {
			u := map[string]any{"login": login, "name": "User " + login, "active": true}
			if l.tokensCount != nil && !v2 {
				u["tokensCount"] = *l.tokensCount
			}
			users = append(users, u)
		}
		paging := map[string]int{"pageIndex": p, "pageSize": ps, "total": total}
		if v2 {
			_ = enc.Encode(map[string]any{"page": paging, "users": users})
			return
		}
		_ = enc.Encode(map[string]any{"paging": paging, "users": users})
	case "/api/user_tokens/search":
		l.searches.Add(1)
		login := r.FormValue("login")
		l.mu.Lock()
		l.searched[login]++
		l.mu.Unlock()
		answered, names := l.tokens(login)
		toks := make([]map[string]any, 0, len(names))
		for _, n := range names {
			toks = append(toks, map[string]any{"name": n, "createdAt": "2025-01-02T03:04:05+0000", "type": "USER_TOKEN"})
		}
		_ = enc.Encode(map[string]any{"login": answered, "userTokens": toks})
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// sameUsers lists users user000… on every page, whatever its number, with
// the given total.
func sameUsers(n, total int) func(p, ps int) ([]string, int) {
	return func(int, int) ([]string, int) {
		logins := make([]string, n)
		for i := range logins {
			logins[i] = fmt.Sprintf("user%03d", i)
		}
		return logins, total
	}
}

// oneToken answers every search with the asked login and one token.
func oneToken(login string) (string, []string) { return login, []string{"old-ci"} }

// scanFor runs a scan and fails the test if it has not ended by itself
// within d: before scans were bounded, a lying server kept them going
// forever.
func scanFor(t *testing.T, c *Client, d time.Duration, o ScanOptions) (tokens []model.Token, batches []ScanBatch) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	tokens, batches = collect(c.ScanAllTokens(ctx, o))
	if ctx.Err() != nil {
		t.Fatalf("the scan did not end by itself within %v: %d batches, %d tokens", d, len(batches), len(tokens))
	}
	return tokens, batches
}

// listingErrors returns the errors of the batches without a login.
func listingErrors(batches []ScanBatch) []error {
	var errs []error
	for _, b := range batches {
		if b.Login == "" {
			errs = append(errs, b.Err)
		}
	}
	return errs
}

// onceEach fails when a login has several batches or several searches.
func (l *liar) onceEach(t *testing.T, batches []ScanBatch) {
	t.Helper()
	per := map[string]int{}
	for _, b := range batches {
		if b.Login != "" {
			per[b.Login]++
		}
	}
	for login, n := range per {
		if n != 1 {
			t.Errorf("%s: %d batches, want 1", login, n)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for login, n := range l.searched {
		if n != 1 {
			t.Errorf("%s: searched %d times, want 1", login, n)
		}
	}
}

// TestScanEndsWhenEveryPageIsTheSame: the server, total 1e9 and
// the same 500 users on every page. The scan kept asking pages and
// searching the same users until killed (3.3 GB at 60 s); now page 2 ends
// it, each user searched once, their tokens delivered once, and the fault
// named.
func TestScanEndsWhenEveryPageIsTheSame(t *testing.T) {
	for _, v2 := range []bool{false, true} {
		t.Run(map[bool]string{false: "api/users/search", true: "API v2"}[v2], func(t *testing.T) {
			l := &liar{users: sameUsers(500, 1_000_000_000), tokensCount: ptr(1), tokens: oneToken, v2: v2}
			c := l.start(t)
			tokens, batches := scanFor(t, c, 20*time.Second, ScanOptions{})
			if len(tokens) != 500 {
				t.Errorf("%d tokens, want the 500 users' one each", len(tokens))
			}
			l.onceEach(t, batches)
			errs := listingErrors(batches)
			var pe *PagingError
			if len(errs) != 1 || !errors.As(errs[0], &pe) || pe.Fault != PagingRepeats {
				t.Fatalf("listing errors %v, want one *PagingError of repeated pages", errs)
			}
			// Pages 2 to 9 are asked together: whichever comes first is named.
			endpoint := map[bool]string{false: "api/users/search", true: "api/v2/users-management/users"}[v2]
			want := fmt.Sprintf("The server's paging repeats itself after page 1: page %d of %s lists only users that page 1 listed already.", pe.Page, endpoint)
			if pe.Page < 2 || pe.Page > 1+DefaultScanConcurrency || !strings.HasPrefix(Describe(errs[0]), want) {
				t.Errorf("Describe = %q, want it to start with %q", Describe(errs[0]), want)
			}
			if !errors.Is(errs[0], ErrNotSonarQube) || Classify(errs[0]) != KindNotSonarQube {
				t.Errorf("kind %v", Classify(errs[0]))
			}
			// Page 1, then at most the pages asked together before page 2's answer.
			if n := l.pages.Load(); n > 1+DefaultScanConcurrency+1 {
				t.Errorf("%d pages asked, want about 2", n)
			}
		})
	}
}

// TestScanSearchesEachUserOnce: 3 users listed on each of 4 pages (total
// 2000 at 500 a page) made each token appear 4 times, and review --revoke
// --yes sent 12 revokes for 3 tokens.
func TestScanSearchesEachUserOnce(t *testing.T) {
	l := &liar{users: sameUsers(3, 2000), tokensCount: ptr(1), tokens: oneToken}
	c := l.start(t)
	tokens, batches := scanFor(t, c, 10*time.Second, ScanOptions{})
	if len(tokens) != 3 || l.searches.Load() != 3 {
		t.Errorf("%d tokens, %d searches: want 3 of each", len(tokens), l.searches.Load())
	}
	l.onceEach(t, batches)
	var pe *PagingError
	if errs := listingErrors(batches); len(errs) != 1 || !errors.As(errs[0], &pe) || pe.Fault != PagingRepeats {
		t.Errorf("listing errors %v", errs)
	}
}

// TestScanCountsALoginOnceWithinAPage: a page listing a user twice (with
// other users, so not a repeated page) gets one search for them.
func TestScanCountsALoginOnceWithinAPage(t *testing.T) {
	l := &liar{users: func(p, _ int) ([]string, int) { return []string{"ann", "bob", "ann", "bob", "cid"}, 5 }, tokensCount: ptr(1), tokens: oneToken}
	c := l.start(t)
	tokens, batches := scanFor(t, c, 10*time.Second, ScanOptions{})
	if len(tokens) != 3 || len(batches) != 3 {
		t.Errorf("%d tokens in %d batches, want 3 of each: %+v", len(tokens), len(batches), batches)
	}
	l.onceEach(t, batches)
}

// TestScanRefusesAnOversizedPage: a page of more users than asked is not
// SonarQube's paging.
func TestScanRefusesAnOversizedPage(t *testing.T) {
	l := &liar{users: func(p, ps int) ([]string, int) {
		logins := make([]string, ps+1)
		for i := range logins {
			logins[i] = fmt.Sprintf("p%d-u%d", p, i)
		}
		return logins, 10 * ps
	}, tokensCount: ptr(0), tokens: oneToken}
	c := l.start(t)
	_, batches := scanFor(t, c, 10*time.Second, ScanOptions{PageSize: 20})
	var pe *PagingError
	errs := listingErrors(batches)
	if len(errs) != 1 || !errors.As(errs[0], &pe) || pe.Fault != PagingOversized || pe.Page != 1 {
		t.Fatalf("listing errors %v", errs)
	}
	if want := "page 1 of api/users/search lists 21 users where 20 were asked"; !strings.Contains(Describe(errs[0]), want) {
		t.Errorf("Describe = %q, want %q in it", Describe(errs[0]), want)
	}
}

// TestScanCapsThePages: a total of 1e9 with new users on every page (none
// with tokens) stops at MaxScanUsers (5,000 here), and says so.
func TestScanCapsThePages(t *testing.T) {
	defer func(n int) { scanUsers = n }(scanUsers)
	scanUsers = 5000
	l := &liar{users: func(p, ps int) ([]string, int) {
		logins := make([]string, ps)
		for i := range logins {
			logins[i] = "u" + strconv.Itoa((p-1)*ps+i)
		}
		return logins, 1_000_000_000
	}, tokensCount: ptr(0), tokens: oneToken}
	c := l.start(t)
	_, batches := scanFor(t, c, 60*time.Second, ScanOptions{})
	if got, want := l.pages.Load(), int64(scanUsers/MaxPageSize); got != want {
		t.Errorf("%d pages asked, want %d", got, want)
	}
	var pe *PagingError
	errs := listingErrors(batches)
	if len(errs) != 1 || !errors.As(errs[0], &pe) || pe.Fault != PagingEndless {
		t.Fatalf("listing errors %v", errs)
	}
	if want := "The server reports 1,000,000,000 users at api/users/search, more than the 5,000 a listing reads (far more than any SonarQube instance holds): the listing stopped after page 10."; !strings.HasPrefix(Describe(errs[0]), want) {
		t.Errorf("Describe = %q", Describe(errs[0]))
	}
}

// TestScanBoundsTheTokensKept: new users on every page, each with 200
// tokens of 400-character names, would fill memory; the scan stops once
// what it sent reaches its bound (2 MB here), and says so.
func TestScanBoundsTheTokensKept(t *testing.T) {
	defer func(n int64, u int) { maxScanKept, scanUsers = n, u }(maxScanKept, scanUsers)
	maxScanKept, scanUsers = 2<<20, 5000
	names := make([]string, 200)
	for i := range names {
		names[i] = fmt.Sprintf("%04d-%s", i, strings.Repeat("n", 395))
	}
	l := &liar{users: func(p, ps int) ([]string, int) {
		logins := make([]string, ps)
		for i := range logins {
			logins[i] = fmt.Sprintf("p%d-u%d", p, i)
		}
		return logins, 1_000_000_000
	}, tokensCount: ptr(1_000_000_000), tokens: func(login string) (string, []string) { return login, names }}
	c := l.start(t)
	var mu sync.Mutex
	var last ScanProgress
	tokens, batches := scanFor(t, c, 60*time.Second, ScanOptions{PageSize: 50, OnProgress: func(p ScanProgress) {
		mu.Lock()
		last = p
		mu.Unlock()
	}})
	var kept int64
	for _, tok := range tokens {
		kept += keptBytes(tok)
	}
	if kept > maxScanKept || kept < maxScanKept/2 {
		t.Errorf("the scan sent %d MB of tokens, want up to %d MB", kept>>20, maxScanKept>>20)
	}
	var le *ScanLimitError
	errs := listingErrors(batches)
	if len(errs) != 1 || !errors.As(errs[0], &le) || le.Tokens != len(tokens) {
		for _, b := range batches {
			if b.Err != nil && b.Login != "" {
				t.Errorf("%s: %v", b.Login, b.Err)
				break
			}
		}
		t.Fatalf("listing errors %v, want one *ScanLimitError for %d tokens", errs, len(tokens))
	}
	if want := fmt.Sprintf("The scan stopped after %s tokens", count(len(tokens))); !strings.HasPrefix(Describe(errs[0]), want) {
		t.Errorf("Describe = %q, want it to start with %q", Describe(errs[0]), want)
	}
	mu.Lock()
	defer mu.Unlock()
	// A caller sizing its storage from the tokensCount is not asked for 1e9 tokens.
	if last.TokensExpected > maxScanTokens() {
		t.Errorf("TokensExpected = %d, more than a scan sends (%d)", last.TokensExpected, maxScanTokens())
	}
}

// TestAllUsersEndsWhenEveryPageIsTheSame: the page-by-page listing is
// bounded as the scan is.
func TestAllUsersEndsWhenEveryPageIsTheSame(t *testing.T) {
	l := &liar{users: sameUsers(500, 1_000_000_000), tokens: oneToken}
	c := l.start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	seen := map[string]bool{}
	var last error
	for u, err := range c.AllUsers(ctx, 0) {
		if err != nil {
			last = err
			continue
		}
		if seen[u.Login] {
			t.Fatalf("%s listed twice", u.Login)
		}
		seen[u.Login] = true
	}
	var pe *PagingError
	if ctx.Err() != nil || len(seen) != 500 || !errors.As(last, &pe) || pe.Fault != PagingRepeats || l.pages.Load() != 2 {
		t.Errorf("ctx %v, %d users, last error %v, %d pages", ctx.Err(), len(seen), last, l.pages.Load())
	}
}

// TestAllUsersTakesTheTotalOfPageOne: a server raising its total on every
// page does not extend the listing.
func TestAllUsersTakesTheTotalOfPageOne(t *testing.T) {
	l := &liar{users: func(p, ps int) ([]string, int) {
		return []string{"u" + strconv.Itoa(p)}, (p + 1) * ps
	}, tokens: oneToken}
	c := l.start(t)
	n := 0
	for _, err := range c.AllUsers(context.Background(), 10) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2 || l.pages.Load() != 2 {
		t.Errorf("%d users in %d pages, want 2 pages (page 1's total of 20 at 10 a page)", n, l.pages.Load())
	}
}

func ptr[T any](v T) *T { return &v }
