package model

import "time"

// DefaultUnusedFor is the review's default "unused for more than" window.
const DefaultUnusedFor = 90 * 24 * time.Hour

// ReviewSummary counts a review's tokens by what needs attention (Total counts each once).
type ReviewSummary struct {
	Total        int
	Expired      int // expired at now
	Expiring     int // not expired, expiring within the window
	NoExpiration int // no expiration date
	NeverUsed    int // no last use
	Unused       int // not used (or, never used, not created) within the unused window
}

// Summarize counts tokens at now by each column of ReviewSummary.
func Summarize(tokens []Token, now time.Time, expiringWithin, unusedFor time.Duration) ReviewSummary {
	s := ReviewSummary{Total: len(tokens)}
	for i := range tokens {
		t := &tokens[i]
		switch t.StatusAt(now, expiringWithin) {
		case StatusExpired:
			s.Expired++
		case StatusExpiring:
			s.Expiring++
		case StatusNoExpiration:
			s.NoExpiration++
		}
		if t.LastUsed == nil {
			s.NeverUsed++
		}
		if t.UnusedFor(now, unusedFor) {
			s.Unused++
		}
	}
	return s
}

// Add adds o's counts to s (sign 1), or takes them off (sign -1), for
// tokens counted in parts or gone.
func (s *ReviewSummary) Add(o ReviewSummary, sign int) {
	s.Total += sign * o.Total
	s.Expired += sign * o.Expired
	s.Expiring += sign * o.Expiring
	s.NoExpiration += sign * o.NoExpiration
	s.NeverUsed += sign * o.NeverUsed
	s.Unused += sign * o.Unused
}

// Negative reports whether a count went below zero (a part taken off
// was counted before a token changed status).
func (s ReviewSummary) Negative() bool {
	return min(s.Total, s.Expired, s.Expiring, s.NoExpiration, s.NeverUsed, s.Unused) < 0
}

// ReviewFilter selects review rows: every set criterion must hold; the zero filter keeps all.
type ReviewFilter struct {
	// Statuses keeps tokens with one of these statuses at now; empty keeps all.
	Statuses []Status
	// Type keeps tokens of this type; TypeUnknown keeps all.
	Type TokenType
	// Login keeps the tokens of this user (exact match); "" keeps all.
	Login string
	// NeverUsed keeps tokens with no last use.
	NeverUsed bool
	// UnusedFor keeps tokens not used within it, never-used older ones included.
	UnusedFor time.Duration
	// ExpiringWithin is the window of StatusExpiring for Statuses.
	ExpiringWithin time.Duration
	// Bucket keeps one bar of the expiry chart; BucketNone keeps all.
	Bucket Bucket
	// OwnerInactiveFor keeps tokens whose owner has not signed in within it;
	// a token without word of its owner is not kept.
	OwnerInactiveFor time.Duration
}

// Match reports whether t passes the filter at now.
func (f ReviewFilter) Match(t Token, now time.Time) bool {
	if f.Login != "" && t.Login != f.Login {
		return false
	}
	if f.Type != TypeUnknown && t.Type != f.Type {
		return false
	}
	if f.NeverUsed && t.LastUsed != nil {
		return false
	}
	if f.UnusedFor > 0 && !t.UnusedFor(now, f.UnusedFor) {
		return false
	}
	if f.Bucket != BucketNone && t.BucketOf(now) != f.Bucket {
		return false
	}
	if f.OwnerInactiveFor > 0 {
		if inactive, _ := t.OwnerInactiveFor(now, f.OwnerInactiveFor); !inactive {
			return false
		}
	}
	if len(f.Statuses) > 0 {
		within := f.ExpiringWithin
		if within <= 0 {
			within = DefaultExpiringWithin
		}
		st := t.StatusAt(now, within)
		ok := false
		for _, s := range f.Statuses {
			if s == st {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
