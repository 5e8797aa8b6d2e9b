package common

import (
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func TestRelative(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Minute, "just now"}, {time.Hour, "1 hour ago"}, {3 * time.Hour, "3 hours ago"},
		{36 * time.Hour, "1 day ago"}, {12 * 24 * time.Hour, "12 days ago"}, {65 * 24 * time.Hour, "2 months ago"}, {800 * 24 * time.Hour, "2 years ago"},
	}
	for _, tt := range tests {
		at := now.Add(-tt.ago)
		if got := Relative(now, &at); got != tt.want {
			t.Errorf("%v ago: %q, want %q", tt.ago, got, tt.want)
		}
	}
	if Relative(now, nil) != "never" {
		t.Error("nil should be never")
	}
}

func TestExpiresCell(t *testing.T) {
	t.Parallel()
	at := func(d time.Duration) *time.Time { x := now.Add(d); return &x }
	tests := []struct {
		tok  model.Token
		want string
	}{
		{model.Token{}, "never"},
		{model.Token{ExpiresAt: at(-time.Hour)}, "expired " + model.ExpiryDay(now.Add(-time.Hour))},
		{model.Token{ExpiresAt: at(-30 * 24 * time.Hour)}, "expired 2026-10-27"},
		{model.Token{ExpiresAt: at(time.Hour), Expired: true}, "expired " + model.ExpiryDay(now.Add(time.Hour))},
		{model.Token{Expired: true}, "expired"},
		{model.Token{ExpiresAt: at(12 * time.Hour)}, "in 1 day"},
		{model.Token{ExpiresAt: at(60 * time.Hour)}, "in 3 days"},
		{model.Token{ExpiresAt: at(10 * 24 * time.Hour)}, "2026-12-06"},
	}
	for _, tt := range tests {
		if got, _ := Expires(tt.tok, now); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.tok.ExpiresAt, got, tt.want)
		}
	}
}
