package client

import (
	"context"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// The server's own date text can be shown beside the instants in the
// user's zone: SonarQube's text comes back from the parsed instant (no
// copy kept per token), any other text is kept as sent.
func TestTokenKeepsTheServersDateText(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true, TimeZone: ny})
	if err := e.sim.AddUser(sonarsim.UserSpec{Login: "bob"}); err != nil {
		t.Fatal(err)
	}
	created := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	exp := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	if _, err := e.sim.IssueToken(sonarsim.TokenSpec{Login: "bob", Name: "ci", CreatedAt: created, LastUsed: &created, ExpiresAt: &exp}); err != nil {
		t.Fatal(err)
	}
	list, err := e.c.SearchTokens(context.Background(), "bob")
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	tok := list[0]
	raw := tok.RawText()
	for _, c := range []struct {
		at   *time.Time
		raw  string
		want string
	}{
		{&tok.CreatedAt, raw.CreatedAt, "2026-07-01T08:00:00-0400"},
		{tok.LastUsed, raw.LastUsed, "2026-07-01T08:00:00-0400"},
		{tok.ExpiresAt, raw.ExpiresAt, "2027-01-14T19:00:00-0500"},
	} {
		if got := model.ServerText(c.at, c.raw); got != c.want {
			t.Errorf("server text %q, want %q", got, c.want)
		}
	}
	if tok.Raw != nil {
		t.Errorf("SonarQube's own text was copied: %+v", *tok.Raw)
	}
}

func TestKeepRawOnlyWhatDoesNotRoundTrip(t *testing.T) {
	j := tokenJSON{Name: "x", CreatedAt: "2026-07-01T08:00:00.123-04:00", ExpirationDate: "2027-01-15T00:00:00+0000"}
	created, err1 := ParseTime(j.CreatedAt)
	exp, err2 := ParseTime(j.ExpirationDate)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	tok := model.Token{Name: "x", CreatedAt: created, ExpiresAt: &exp}
	keepRaw(&tok, j)
	if tok.Raw == nil || tok.Raw.CreatedAt != j.CreatedAt || tok.Raw.ExpiresAt != j.ExpirationDate {
		t.Fatalf("raw %+v", tok.Raw)
	}
	if got := model.ServerText(&tok.CreatedAt, tok.RawText().CreatedAt); got != j.CreatedAt {
		t.Errorf("server text %q", got)
	}
}
