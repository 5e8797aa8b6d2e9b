package model

import (
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
		{"no header, an expiry", noHeader, Token{Login: "alice", Type: TypeUser, ExpiresAt: at(time.Hour)}, false},
		{"expired", SessionHint{Login: "alice", Type: TypeUser, Expiration: now.Add(-time.Hour), HasExpiration: true}, Token{Login: "alice", Type: TypeUser, ExpiresAt: at(-time.Hour)}, false},
		{"no signed-in user", SessionHint{}, Token{Type: TypeUser}, false},
	}
	for _, c := range cases {
		if got := c.h.MayBeSession(c.tok, now); got != c.want {
			t.Errorf("%s: MayBeSession = %v, want %v", c.name, got, c.want)
		}
	}
}
