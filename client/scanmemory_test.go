package client

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/sonartoken/sonartoken/model"
)

// TestScanKeepsNoOwnerOnceTheirTokensAreSent: what the listing said of an
// owner's last sign-in is held only until their tokens are searched. A
// scan used to keep every listed owner's entry until it ended (86 MB for
// 500,000 users): here, while the last user's search is held back, the
// entries of the 2,999 owners whose tokens the caller received and
// dropped are gone from memory.
func TestScanKeepsNoOwnerOnceTheirTokensAreSent(t *testing.T) {
	const users, pageSize = 3000, 500
	const held = "user02999"
	release := make(chan struct{})
	l := &liar{
		users: func(p, ps int) ([]string, int) {
			var logins []string
			for i := (p - 1) * ps; i < min(p*ps, users); i++ {
				logins = append(logins, fmt.Sprintf("user%05d", i))
			}
			return logins, users
		},
		tokensCount: ptr(1),
		tokens: func(login string) (string, []string) {
			if login == held {
				<-release
			}
			return login, []string{"ci"}
		},
	}
	c := l.start(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()
	var owners []weak.Pointer[model.OwnerActivity]
	ch := c.ScanAllTokens(ctx, ScanOptions{PageSize: pageSize, Concurrency: 4})
	got := 0
	for b := range ch {
		if b.Err != nil {
			t.Fatalf("batch %q: %v", b.Login, b.Err)
		}
		for _, tok := range b.Tokens {
			if tok.Owner == nil {
				t.Fatalf("%s's token has no owner", b.Login)
			}
			// A weak pointer to the owner's entry; the token itself
			// is dropped, as a caller counting tokens would.
			owners = append(owners, weak.Make(tok.Owner))
		}
		if got++; got != users-1 {
			continue
		}
		// Every user but the held one is done: nothing should still
		// hold their entries.
		runtime.GC()
		runtime.GC()
		alive := 0
		for _, w := range owners {
			if w.Value() != nil {
				alive++
			}
		}
		if alive > 0 {
			t.Errorf("%d of %d owners' entries are still held by the scan after their tokens were sent", alive, len(owners))
		}
		close(release)
		released = true
	}
	if got != users {
		t.Fatalf("%d batches, want %d", got, users)
	}
}
