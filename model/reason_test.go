package model

import (
	"testing"
	"time"
)

func TestExpiryAndUseReasons(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	past := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		tok    Token
		within time.Duration
		want   string
	}{
		{Token{ExpiresAt: ptr(now.Add(3 * day))}, DefaultExpiringWithin, "expires in 3 days (within the 7-day email window)"},
		{Token{ExpiresAt: ptr(now.Add(20 * time.Hour))}, DefaultExpiringWithin, "expires in 1 day (within the 7-day email window)"},
		{Token{ExpiresAt: ptr(now.Add(20 * day))}, 30 * day, "expires in 20 days"},
		{Token{ExpiresAt: ptr(now.Add(45 * day))}, DefaultExpiringWithin, "expires in 45 days"},
		{Token{ExpiresAt: &past}, DefaultExpiringWithin, "expired on 2026-11-20"},
		{Token{Expired: true}, DefaultExpiringWithin, "expired (the server says so)"},
		{Token{}, DefaultExpiringWithin, "never expires"},
	}
	for _, c := range cases {
		if got := c.tok.ExpiryReason(now, c.within); got != c.want {
			t.Errorf("ExpiryReason = %q, want %q", got, c.want)
		}
	}
	for _, c := range []struct {
		last *time.Time
		want string
	}{
		{nil, "never used"},
		{ptr(now.Add(-time.Minute)), "last used within the hour"},
		{ptr(now.Add(-5*time.Hour - time.Minute)), "last used 5 hours ago"},
		{ptr(now.Add(-day)), "last used 1 day ago"},
		{ptr(now.Add(-3*day - time.Hour)), "last used 3 days ago"},
	} {
		if got := (Token{LastUsed: c.last}).UseReason(now); got != c.want {
			t.Errorf("UseReason = %q, want %q", got, c.want)
		}
	}
}
