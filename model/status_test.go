package model

import (
	"testing"
	"time"
)

var now0 = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

func at(d time.Duration) *time.Time { t := now0.Add(d); return &t }

func TestStatusAt(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		name   string
		tok    Token
		within time.Duration
		want   Status
	}{
		{"no expiration", Token{}, DefaultExpiringWithin, StatusNoExpiration},
		{"server says expired", Token{Expired: true, ExpiresAt: at(day)}, DefaultExpiringWithin, StatusExpired},
		{"server says expired without date", Token{Expired: true}, DefaultExpiringWithin, StatusExpired},
		{"expired a second ago", Token{ExpiresAt: at(-time.Second)}, DefaultExpiringWithin, StatusExpired},
		{"expiring at this very instant is not yet expired", Token{ExpiresAt: at(0)}, DefaultExpiringWithin, StatusExpiring},
		{"expires in one nanosecond", Token{ExpiresAt: at(1)}, DefaultExpiringWithin, StatusExpiring},
		{"expires exactly at window end", Token{ExpiresAt: at(7 * day)}, DefaultExpiringWithin, StatusExpiring},
		{"expires just after window", Token{ExpiresAt: at(7*day + time.Second)}, DefaultExpiringWithin, StatusActive},
		{"far future", Token{ExpiresAt: at(300 * day)}, DefaultExpiringWithin, StatusActive},
		{"zero window", Token{ExpiresAt: at(time.Hour)}, 0, StatusActive},
		{"wider window", Token{ExpiresAt: at(20 * day)}, 30 * day, StatusExpiring},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.tok.StatusAt(now0, tt.within); got != tt.want {
				t.Errorf("StatusAt = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIsExpiredAtBoundary(t *testing.T) {
	exp := now0
	tok := Token{ExpiresAt: &exp}
	if tok.IsExpiredAt(now0) {
		t.Error("expired at its expiration instant; the server's isExpired is expirationDate < now")
	}
	if !tok.IsExpiredAt(now0.Add(time.Millisecond)) {
		t.Error("not expired a millisecond after expiration")
	}
	if (Token{}).IsExpiredAt(now0) {
		t.Error("a token without expiration is expired")
	}
	// A different zone for the same instant changes nothing.
	other := now0.In(time.FixedZone("X", 5*3600))
	if tok.IsExpiredAt(other) {
		t.Error("zone changed the answer")
	}
}

func TestStatusStringRoundTrip(t *testing.T) {
	for _, s := range []Status{StatusExpired, StatusExpiring, StatusActive, StatusNoExpiration} {
		got, ok := ParseStatus(s.String())
		if !ok || got != s {
			t.Errorf("ParseStatus(%q) = %v, %v", s.String(), got, ok)
		}
	}
	want := map[Status]string{StatusExpired: "expired", StatusExpiring: "expiring", StatusActive: "active", StatusNoExpiration: "no-expiration", Status(99): "unknown"}
	for s, w := range want {
		if s.String() != w {
			t.Errorf("%d.String() = %q, want %q", int(s), s.String(), w)
		}
	}
	if _, ok := ParseStatus("bogus"); ok {
		t.Error("ParseStatus accepted bogus")
	}
}

func TestDaysLeft(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		name   string
		exp    *time.Time
		want   int
		wantOK bool
	}{
		{"no expiration", nil, 0, false},
		{"already expired", at(-3 * day), 0, true},
		{"expiring now", at(0), 0, true},
		{"one nanosecond", at(1), 1, true},
		{"exactly one day", at(day), 1, true},
		{"30 hours rounds up", at(30 * time.Hour), 2, true},
		{"exactly 30 days", at(30 * day), 30, true},
		{"30 days and a second", at(30*day + time.Second), 31, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Token{ExpiresAt: tt.exp}.DaysLeft(now0)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("DaysLeft = %d, %v; want %d, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestUnusedFor(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		name    string
		created time.Time
		last    *time.Time
		d       time.Duration
		want    bool
	}{
		{"used yesterday", now0.Add(-400 * day), at(-day), 90 * day, false},
		{"used 91 days ago", now0.Add(-400 * day), at(-91 * day), 90 * day, true},
		{"used exactly 90 days ago", now0.Add(-400 * day), at(-90 * day), 90 * day, false},
		{"never used, created long ago", now0.Add(-100 * day), nil, 90 * day, true},
		{"never used, created recently", now0.Add(-10 * day), nil, 90 * day, false},
		{"never used, created exactly d ago", now0.Add(-90 * day), nil, 90 * day, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := Token{CreatedAt: tt.created, LastUsed: tt.last}
			if got := tok.UnusedFor(now0, tt.d); got != tt.want {
				t.Errorf("UnusedFor = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCurrentUserPermissions(t *testing.T) {
	u := CurrentUser{GlobalPermissions: []string{"scan", "provisioning"}}
	if u.IsAdmin() || !u.CanScan() || !u.HasGlobal("provisioning") || u.HasGlobal("") {
		t.Errorf("permissions misread: %+v", u)
	}
	a := CurrentUser{GlobalPermissions: []string{"admin"}}
	if !a.IsAdmin() || a.CanScan() {
		t.Errorf("admin misread: %+v", a)
	}
}
