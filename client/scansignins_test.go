package client

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// finalSignIns runs a scan to its end and returns its last report's
// SignInsReported.
func finalSignIns(t *testing.T, c *Client) bool {
	t.Helper()
	var reported atomic.Bool
	for range c.ScanAllTokens(context.Background(), ScanOptions{OnProgress: func(p ScanProgress) { reported.Store(p.SignInsReported) }}) {
	}
	return reported.Load()
}

// TestScanSaysWhetherTheListingDatesUsers: a listing that dates some users
// reports SignInsReported (an owner without a date never signed in); one
// that dates no one, as a proxy that drops the fields, does not (every
// owner's sign-in is unknown).
func TestScanSaysWhetherTheListingDatesUsers(t *testing.T) {
	for _, version := range []string{"9.9", "10.6"} {
		e := newEnv(t, sonarsim.Options{Version: version, Users: 60, Tokens: 90, Seed: 5})
		if !finalSignIns(t, e.c) {
			t.Errorf("%s: a listing with dates reported none", version)
		}
	}
	l := &liar{users: sameUsers(3, 3), tokensCount: ptr(1), tokens: oneToken}
	if finalSignIns(t, l.start(t)) {
		t.Error("a listing without any date reported some")
	}
}
