package client

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/sonartoken/sonartoken/model"
)

// MaxScanUsers caps any listing of every user, far above the largest instances.
const MaxScanUsers = 500_000

// The bounds of a listing and a scan; variables for the tests only.
var (
	scanUsers = MaxScanUsers
	// maxScanKept keeps a review under 200 MB whatever the server sends
	// (about 300,000 tokens; 200,000 count about 55 MB).
	maxScanKept int64 = 80 << 20
)

// maxScanTokens: each token counts at least 200 bytes.
func maxScanTokens() int { return int(maxScanKept / 200) }

// PagingFault names how a listing's paging cannot be SonarQube's.
type PagingFault int

const (
	// PagingRepeats: a proxy that drops the page parameter, or a looping server.
	PagingRepeats PagingFault = iota + 1
	// PagingOversized is a page of more users than were asked.
	PagingOversized
	// PagingEndless is a total beyond MaxScanUsers.
	PagingEndless
)

// PagingError is a listing stopped because its paging cannot be SonarQube's;
// the users before it were delivered once.
type PagingError struct {
	Endpoint string      // api/users/search or api/v2/users-management/users
	Fault    PagingFault //
	Page     int         // the page that showed the fault (the last one read for PagingEndless)
	From, To int         // the pages that had listed its users first (PagingRepeats)
	Users    int         // the users on that page (PagingOversized)
	PageSize int         // the users asked per page
	Total    int         // the total the server reported (PagingEndless)
}

// Error is in words a user can act on.
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

// ScanLimitError is a scan stopped at its memory bound; the tokens sent stay valid.
type ScanLimitError struct {
	Tokens int // the tokens sent before the scan stopped
}

// Error says why the scan stopped; Describe returns it as it is.
func (e *ScanLimitError) Error() string {
	return fmt.Sprintf("The scan stopped after %s tokens: a review holds at most %d MB of tokens in memory, and the server sent more. Check that the URL is SonarQube's, or review fewer users at a time.", count(e.Tokens), maxScanKept>>20)
}

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

// userListing delivers each login once whatever the page order, keeping digests
// so memory stays small; safe for concurrent use.
type userListing struct {
	pageSize int

	mu   sync.Mutex
	seen map[[16]byte]int32
}

func newUserListing(pageSize int) *userListing {
	return &userListing{pageSize: pageSize, seen: map[[16]byte]int32{}}
}

// take returns page p's new users, or a *PagingError when it has more than
// asked or only users already listed. An empty page ends the list.
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

// lastPage bounds the listing by page 1's total and MaxScanUsers.
func (l *userListing) lastPage(total, onFirst int) (last int, endless bool) {
	if onFirst == 0 || total <= l.pageSize {
		return 1, false
	}
	if total > scanUsers {
		return (scanUsers + l.pageSize - 1) / l.pageSize, true
	}
	return (total + l.pageSize - 1) / l.pageSize, false
}

// endless follows the last page when the total passed MaxScanUsers.
func (l *userListing) endless(api UsersAPI, last, total int) error {
	return &PagingError{Endpoint: api.String(), Fault: PagingEndless, Page: last, Total: total, PageSize: l.pageSize}
}

func loginKey(login string) [16]byte {
	sum := sha256.Sum256([]byte(login))
	return [16]byte(sum[:16])
}
