package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMayBeSession(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { x := now.Add(d); return &x }
	hdr := now.Add(30 * 24 * time.Hour)
	withHeader := SessionHint{Login: "alice", Type: TypeUser, Expiration: hdr, HasExpiration: true}
	noHeader := SessionHint{Login: "alice", Type: TypeUser}
	cases := []struct {
		name string
		h    SessionHint
		tok  Token
		want bool
	}{
		{"same user, type and expiry", withHeader, Token{Login: "alice", Type: TypeUser, ExpiresAt: &hdr}, true},
		{"expiry within a day of the header", withHeader, Token{Login: "alice", Type: TypeUser, ExpiresAt: at(30*24*time.Hour - 20*time.Hour)}, true},
		{"expiry two days off", withHeader, Token{Login: "alice", Type: TypeUser, ExpiresAt: at(32 * 24 * time.Hour)}, false},
		{"never expires but the header came", withHeader, Token{Login: "alice", Type: TypeUser}, false},
		{"another user", withHeader, Token{Login: "bob", Type: TypeUser, ExpiresAt: &hdr}, false},
		{"another type", withHeader, Token{Login: "alice", Type: TypeGlobal, ExpiresAt: &hdr}, false},
		{"server without types", withHeader, Token{Login: "alice", ExpiresAt: &hdr}, true},
		{"prefix-less value matches any type", SessionHint{Login: "alice", Expiration: hdr, HasExpiration: true}, Token{Login: "alice", Type: TypeProject, ExpiresAt: &hdr}, true},
		{"no header, no expiry", noHeader, Token{Login: "alice", Type: TypeUser}, true},
		// A proxy may drop the header of a token with an expiry.
		{"no header, an expiry", noHeader, Token{Login: "alice", Type: TypeUser, ExpiresAt: at(time.Hour)}, true},
		{"no header, expired", noHeader, Token{Login: "alice", Type: TypeUser, ExpiresAt: at(-time.Hour), Expired: true}, false},
		{"no header, another user", noHeader, Token{Login: "bob", Type: TypeUser}, false},
		{"no header, another type", noHeader, Token{Login: "alice", Type: TypeProject, ExpiresAt: at(time.Hour)}, false},
		{"expired", SessionHint{Login: "alice", Type: TypeUser, Expiration: now.Add(-time.Hour), HasExpiration: true}, Token{Login: "alice", Type: TypeUser, ExpiresAt: at(-time.Hour)}, false},
		{"no signed-in user", SessionHint{}, Token{Type: TypeUser}, false},
	}
	for _, c := range cases {
		if got := c.h.MayBeSession(c.tok, now); got != c.want {
			t.Errorf("%s: MayBeSession = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestByLastUse(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { x := now.Add(d); return &x }
	ts := []Token{{Name: "recent", LastUsed: at(-time.Minute)}, {Name: "never"}, {Name: "old", LastUsed: at(-90 * 24 * time.Hour)}, {Name: "never-2"}}
	slices.SortStableFunc(ts, ByLastUse)
	var names []string
	for _, t := range ts {
		names = append(names, t.Name)
	}
	if got := strings.Join(names, " "); got != "never never-2 old recent" {
		t.Errorf("order %s, want the most recently used last", got)
	}
}
