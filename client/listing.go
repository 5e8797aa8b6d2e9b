package client

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/sonartoken/sonartoken/model"
)

// MaxScanUsers is the most users a listing of every user (AllUsers,
// ScanAllTokens) reads: the pages asked stop there whatever total the
// server reports. It is far above the largest SonarQube instances; a
// server reporting more gets a *PagingError once the first MaxScanUsers
// are read.
const MaxScanUsers = 500_000

// The bounds of a listing and a scan; variables for the tests only.
var (
	// scanUsers is MaxScanUsers.
	scanUsers = MaxScanUsers
	// maxScanKept bounds what the tokens a ScanAllTokens run sends may
	// hold in memory, as keptBytes counts them: about 300,000 tokens of
	// usual names (a review of 200,000 tokens counts about 55 MB), so that
	// a review keeps its memory under 200 MB whatever the server sends.
	maxScanKept int64 = 80 << 20
)

// maxScanTokens is the most tokens maxScanKept allows (each counts at
// least 200 bytes): ScanProgress.TokensExpected never reports more.
func maxScanTokens() int { return int(maxScanKept / 200) }

// PagingFault names how a listing's paging cannot be SonarQube's.
type PagingFault int

const (
	// PagingRepeats is a page that lists only users listed already: a
	// proxy that drops the page parameter, or a server that loops.
	PagingRepeats PagingFault = iota + 1
	// PagingOversized is a page of more users than were asked.
	PagingOversized
	// PagingEndless is a total beyond MaxScanUsers: the listing stopped
	// after the first MaxScanUsers users.
	PagingEndless
)

// PagingError is a user listing the client stopped because its paging
// cannot be SonarQube's. The users read before it were delivered, each
// once; those after it were not.
type PagingError struct {
	Endpoint string      // api/users/search or api/v2/users-management/users
	Fault    PagingFault //
	Page     int         // the page that showed the fault (the last one read for PagingEndless)
	From, To int         // the pages that had listed its users first (PagingRepeats)
	Users    int         // the users on that page (PagingOversized)
	PageSize int         // the users asked per page
	Total    int         // the total the server reported (PagingEndless)
}

// Error says what the server did, in words a user can act on: Describe
// returns it as it is.
func (e *PagingError) Error() string {
	switch e.Fault {
	case PagingRepeats:
		earlier := fmt.Sprintf("page %d", e.From)
		if e.To > e.From {
			earlier = fmt.Sprintf("pages %d to %d", e.From, e.To)
		}
		return fmt.Sprintf("The server's paging repeats itself after page %d: page %d of %s lists only users that %s listed already. A proxy in front of SonarQube may drop the page parameter, or the URL is not SonarQube's. The listing stopped there.", e.To, e.Page, e.Endpoint, earlier)
	case PagingOversized:
		return fmt.Sprintf("The server's paging is broken: page %d of %s lists %d users where %d were asked. A proxy in front of SonarQube may rewrite the page size, or the URL is not SonarQube's. The listing stopped there.", e.Page, e.Endpoint, e.Users, e.PageSize)
	case PagingEndless:
		return fmt.Sprintf("The server reports %s users at %s, more than the %s a listing reads (far more than any SonarQube instance holds): the listing stopped after page %d.", count(e.Total), e.Endpoint, count(scanUsers), e.Page)
	}
	return fmt.Sprintf("The server's paging of %s is broken at page %d.", e.Endpoint, e.Page)
}

// Is matches ErrNotSonarQube: SonarQube pages its users as asked.
func (e *PagingError) Is(target error) bool { return target == ErrNotSonarQube }

// ScanLimitError is a ScanAllTokens run stopped because the tokens it sent
// reached what a scan keeps in memory (about 300,000 tokens). The tokens
// sent before it stay valid.
type ScanLimitError struct {
	Tokens int // the tokens sent before the scan stopped
}

// Error says why the scan stopped; Describe returns it as it is.
func (e *ScanLimitError) Error() string {
	return fmt.Sprintf("The scan stopped after %s tokens: a review holds at most %d MB of tokens in memory, and the server sent more. Check that the URL is SonarQube's, or review fewer users at a time.", count(e.Tokens), maxScanKept>>20)
}

// count writes n with thousands separators.
func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// userListing checks the pages of one listing of every user as they
// arrive, in any order: each login is delivered once, and a page that
// repeats the users of others or holds more than asked stops the listing.
// Logins are remembered by digest, with the page that listed them first,
// so that what it keeps stays small whatever their length. It is safe for
// concurrent use.
type userListing struct {
	pageSize int

	mu   sync.Mutex
	seen map[[16]byte]int32
}

func newUserListing(pageSize int) *userListing {
	return &userListing{pageSize: pageSize, seen: map[[16]byte]int32{}}
}

// take returns the users of page p not delivered before, or a
// *PagingError when the page cannot be SonarQube's: more users than asked,
// or users that were all listed already. An empty page is the end of the
// list, not a fault.
func (l *userListing) take(p int, page UsersPage) ([]model.User, error) {
	if len(page.Users) > l.pageSize {
		return nil, &PagingError{Endpoint: page.API.String(), Fault: PagingOversized, Page: p, Users: len(page.Users), PageSize: l.pageSize}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fresh := page.Users[:0:0]
	from, to := int32(0), int32(0) // the pages that listed the repeated users first
	for _, u := range page.Users {
		k := loginKey(u.Login)
		if first, dup := l.seen[k]; dup {
			if first != int32(p) {
				from, to = min(cmp.Or(from, first), first), max(to, first)
			}
			continue
		}
		l.seen[k] = int32(p)
		fresh = append(fresh, u)
	}
	if len(fresh) == 0 && len(page.Users) > 0 {
		return nil, &PagingError{Endpoint: page.API.String(), Fault: PagingRepeats, Page: p, From: int(cmp.Or(from, int32(p))), To: int(cmp.Or(to, int32(p)))}
	}
	return fresh, nil
}

// lastPage is the last page to ask, from the total page 1 reported and
// the users it held: a page 1 without users ends the list, and no listing
// reads more than MaxScanUsers. endless is set when the total is beyond
// that bound (a *PagingError follows the last page).
func (l *userListing) lastPage(total, onFirst int) (last int, endless bool) {
	if onFirst == 0 || total <= l.pageSize {
		return 1, false
	}
	if total > scanUsers {
		return (scanUsers + l.pageSize - 1) / l.pageSize, true
	}
	return (total + l.pageSize - 1) / l.pageSize, false
}

// endless is the error that follows the last page when the total was
// beyond MaxScanUsers.
func (l *userListing) endless(api UsersAPI, last, total int) error {
	return &PagingError{Endpoint: api.String(), Fault: PagingEndless, Page: last, Total: total, PageSize: l.pageSize}
}

func loginKey(login string) [16]byte {
	sum := sha256.Sum256([]byte(login))
	return [16]byte(sum[:16])
}
