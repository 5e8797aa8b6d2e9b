package model

import (
	"testing"
	"time"
)

func reviewTokens() []Token {
	const day = 24 * time.Hour
	old := now0.Add(-200 * day)
	return []Token{
		{Login: "alice", Name: "expired-never-used", Type: TypeUser, CreatedAt: old, ExpiresAt: at(-day)},
		{Login: "alice", Name: "server-expired", Type: TypeGlobal, CreatedAt: old, LastUsed: at(-day), Expired: true, ExpiresAt: at(day)},
		{Login: "bob", Name: "expiring", Type: TypeProject, ProjectKey: "p1", CreatedAt: old, LastUsed: at(-100 * day), ExpiresAt: at(3 * day)},
		{Login: "bob", Name: "active", Type: TypeUser, CreatedAt: old, LastUsed: at(-time.Hour), ExpiresAt: at(60 * day)},
		{Login: "carol", Name: "forever", Type: TypeUser, CreatedAt: now0.Add(-10 * day)},
		{Login: "carol", Name: "forever-used", Type: TypeGlobal, CreatedAt: old, LastUsed: at(-95 * day)},
	}
}

func TestSummarize(t *testing.T) {
	got := Summarize(reviewTokens(), now0, DefaultExpiringWithin, DefaultUnusedFor)
	want := ReviewSummary{Total: 6, Expired: 2, Expiring: 1, NoExpiration: 2, NeverUsed: 2, Unused: 3}
	if got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	if got := Summarize(nil, now0, DefaultExpiringWithin, DefaultUnusedFor); got != (ReviewSummary{}) {
		t.Errorf("empty = %+v", got)
	}
	// A wider expiring window moves the 60-day token into Expiring.
	if got := Summarize(reviewTokens(), now0, 90*24*time.Hour, DefaultUnusedFor); got.Expiring != 2 {
		t.Errorf("90-day window: Expiring = %d, want 2", got.Expiring)
	}
}

func TestReviewFilterMatch(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		name string
		f    ReviewFilter
		want []string
	}{
		{"zero filter", ReviewFilter{}, []string{"expired-never-used", "server-expired", "expiring", "active", "forever", "forever-used"}},
		{"expired", ReviewFilter{Statuses: []Status{StatusExpired}}, []string{"expired-never-used", "server-expired"}},
		{"expiring default window", ReviewFilter{Statuses: []Status{StatusExpiring}}, []string{"expiring"}},
		{"expiring within 90 days", ReviewFilter{Statuses: []Status{StatusExpiring}, ExpiringWithin: 90 * day}, []string{"expiring", "active"}},
		{"no expiration", ReviewFilter{Statuses: []Status{StatusNoExpiration}}, []string{"forever", "forever-used"}},
		{"expired or expiring", ReviewFilter{Statuses: []Status{StatusExpired, StatusExpiring}}, []string{"expired-never-used", "server-expired", "expiring"}},
		{"never used", ReviewFilter{NeverUsed: true}, []string{"expired-never-used", "forever"}},
		{"unused 90 days", ReviewFilter{UnusedFor: 90 * day}, []string{"expired-never-used", "expiring", "forever-used"}},
		{"type global", ReviewFilter{Type: TypeGlobal}, []string{"server-expired", "forever-used"}},
		{"login bob", ReviewFilter{Login: "bob"}, []string{"expiring", "active"}},
		{"login and status", ReviewFilter{Login: "carol", Statuses: []Status{StatusNoExpiration}, NeverUsed: true}, []string{"forever"}},
		{"unknown login", ReviewFilter{Login: "dave"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range reviewTokens() {
				if tt.f.Match(tok, now0) {
					got = append(got, tok.Name)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("matched %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("matched %v, want %v", got, tt.want)
				}
			}
		})
	}
}
