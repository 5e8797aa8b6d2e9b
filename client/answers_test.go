package client

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestSearchTokensRefusesAnotherLogin: a token search answered for
// another login than asked (SonarQube Cloud ignores login; so does a proxy
// that drops it) was listed, and revoked, as the asked user's.
func TestSearchTokensRefusesAnotherLogin(t *testing.T) {
	l := &liar{users: sameUsers(1, 1), tokens: func(login string) (string, []string) { return "mallory", []string{"ci"} }}
	c := l.start(t)
	ctx := context.Background()
	toks, err := c.SearchTokens(ctx, "bob")
	var we *WrongAnswerError
	if !errors.As(err, &we) || toks != nil {
		t.Fatalf("SearchTokens(bob) = %v, %v; want a *WrongAnswerError and no tokens", toks, err)
	}
	want := `The server answered api/user_tokens/search for the tokens of "bob" with the tokens of "mallory": the answer was refused`
	if !strings.HasPrefix(Describe(err), want) {
		t.Errorf("Describe = %q, want it to start with %q", Describe(err), want)
	}
	// The signed-in user's own tokens: checked once the client knows who that is.
	if _, err := c.SearchTokens(ctx, ""); err != nil {
		t.Errorf("before CurrentUser, no login to check against: %v", err)
	}
	if _, err := c.CurrentUser(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = c.SearchTokens(ctx, "")
	if !errors.As(err, &we) || !strings.HasPrefix(Describe(err), `The server answered api/user_tokens/search for your own tokens ("admin") with the tokens of "mallory"`) {
		t.Errorf("SearchTokens(\"\") after CurrentUser = %v", err)
	}
	// A lost revoke is settled by a search: one for another user settles nothing.
	if _, found, err := c.FindToken(ctx, "bob", "ci"); found || !errors.As(err, &we) {
		t.Errorf("FindToken = %v, %v", found, err)
	}
	// The review's scan: the user's tokens could not be read.
	tokens, batches := scanFor(t, c, 10*time.Second, ScanOptions{})
	if len(tokens) != 0 || len(batches) != 1 || batches[0].Login != "user000" || !errors.As(batches[0].Err, &we) {
		t.Errorf("scan: %d tokens, batches %+v", len(tokens), batches)
	}
}

// TestSearchTokensRefusesAnAnswerListingANameTwice: SonarQube keeps a
// user's token names unique; a second copy would be revoked twice.
func TestSearchTokensRefusesAnAnswerListingANameTwice(t *testing.T) {
	l := &liar{users: sameUsers(1, 1), tokens: func(login string) (string, []string) { return login, []string{"ci", "laptop", "ci"} }}
	c := l.start(t)
	_, err := c.SearchTokens(context.Background(), "bob")
	var we *WrongAnswerError
	if !errors.As(err, &we) || !strings.Contains(Describe(err), `lists the token "ci" twice`) {
		t.Errorf("err = %v", err)
	}
}

// TestSearchTokensAcceptsTheAskedLogin: the server trims the login it is
// given, and an answer without a login is the asked user's.
func TestSearchTokensAcceptsTheAskedLogin(t *testing.T) {
	l := &liar{users: sameUsers(1, 1), tokens: func(login string) (string, []string) {
		if login == "anon" {
			return "", []string{"ci"}
		}
		return strings.TrimSpace(login), []string{"ci"}
	}}
	c := l.start(t)
	for _, login := range []string{"bob", " bob ", "anon"} {
		toks, err := c.SearchTokens(context.Background(), login)
		if err != nil || len(toks) != 1 {
			t.Errorf("SearchTokens(%q) = %v, %v", login, toks, err)
		}
	}
}
