package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

func TestFindToken(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	if _, err := f.c.Generate(ctx, GenerateRequest{Name: "ci"}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		found bool
	}{{"ci", true}, {"  ci\t", true}, {"c", false}, {"CI", false}, {consoleName, true}} {
		tok, found, err := f.c.FindToken(ctx, "", tt.name)
		if err != nil || found != tt.found || (found && tok.Name != strings.TrimSpace(tt.name)) {
			t.Errorf("FindToken(%q) = %+v, %v, %v", tt.name, tok, found, err)
		}
	}
	if _, _, err := f.c.FindToken(ctx, "nobody", "ci"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FindToken of an unknown user: %v", err)
	}
}

// The acceptance test of a lost answer at the client level: the server applies a
// generate and drops the answer; the caller learns that the token exists
// with its value lost, revokes it and generates again; nothing is left
// behind that the user was not told about.
func TestGenerateOrConfirmLostAnswer(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	f.sim.DropResponses(1, generatePath)
	nt, err := f.c.GenerateOrConfirm(ctx, GenerateRequest{Name: " laptop "})
	var lost *LostResponseError
	if !errors.As(err, &lost) || !lost.Created || lost.Unconfirmed || lost.Op != "generate" || lost.Name != "laptop" || lost.Token.Name != "laptop" || lost.Token.Login != "admin" {
		t.Fatalf("err = %#v", err)
	}
	if !nt.Value.IsZero() {
		t.Error("a value came back with the error")
	}
	if !MayHaveReachedServer(err) {
		t.Error("MayHaveReachedServer is false for a created token")
	}
	want := `The token "laptop" was created, but the server's answer with its value was lost, and the value cannot be recovered: revoke the token and generate it again. (The connection closed`
	if d := Describe(err); !strings.HasPrefix(d, want) {
		t.Errorf("Describe = %q", d)
	}
	if s := err.Error(); !strings.Contains(s, "the token was created but its value cannot be recovered: revoke it and generate again") {
		t.Errorf("Error = %q", s)
	}
	if n := f.count(generatePath); n != 1 {
		t.Errorf("generate sent %d times", n)
	}
	if !f.hasToken("laptop") {
		t.Fatal("the token is not on the server")
	}

	// The user revokes it and generates again, as told.
	if err := f.c.RevokeOrConfirm(ctx, "", lost.Name); err != nil {
		t.Fatal(err)
	}
	nt, err = f.c.GenerateOrConfirm(ctx, GenerateRequest{Name: "laptop"})
	if err != nil || nt.Value.IsZero() {
		t.Fatalf("generate again: %v", err)
	}
	other := f.client(t, func(o *Options) { o.Token = nt.Value })
	if me, err := other.CurrentUser(ctx); err != nil || me.Login != "admin" {
		t.Errorf("the new value does not authenticate: %+v %v", me, err)
	}
	if got := f.tokenNames(); len(got) != 2 {
		t.Errorf("server holds %v, want the console token and laptop", got)
	}
}

func TestGenerateOrConfirmForAnotherUser(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	if err := f.sim.AddUser(sonarsim.UserSpec{Login: "bob"}); err != nil {
		t.Fatal(err)
	}
	f.sim.DropResponses(1, generatePath)
	_, err := f.c.GenerateOrConfirm(ctx, GenerateRequest{Login: "bob", Name: "ci"})
	var lost *LostResponseError
	if !errors.As(err, &lost) || !lost.Created || lost.Login != "bob" || lost.Token.Login != "bob" {
		t.Fatalf("err = %#v", err)
	}
	if d := Describe(err); !strings.HasPrefix(d, `The token "ci" of bob was created`) {
		t.Errorf("Describe = %q", d)
	}
	if toks := f.sim.Tokens("bob"); len(toks) != 1 || toks[0].Name != "ci" {
		t.Errorf("bob holds %v", toks)
	}
}

func TestGenerateOrConfirmNotCreated(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()

	// A reset before any effect: the search finds nothing, the original
	// error comes back and the user may simply try again.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultReset, Count: 1, PathPrefix: generatePath})
	_, err := f.c.GenerateOrConfirm(ctx, GenerateRequest{Name: "ci"})
	var te *TransportError
	var lost *LostResponseError
	if !errors.As(err, &te) || errors.As(err, &lost) {
		t.Fatalf("err = %#v, want the transport error", err)
	}
	if n := f.count(searchPath); n != 1 {
		t.Errorf("%d confirming searches, want 1", n)
	}
	if f.hasToken("ci") {
		t.Error("ci exists")
	}

	// An error that cannot have created anything: no search.
	f.sim.ResetRequests()
	_, err = f.c.GenerateOrConfirm(ctx, GenerateRequest{Name: consoleName})
	if !errors.Is(err, ErrBadRequest) {
		t.Fatalf("err = %v, want a 400 (the name exists)", err)
	}
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusServiceUnavailable, Count: 1, PathPrefix: generatePath})
	if _, err = f.c.GenerateOrConfirm(ctx, GenerateRequest{Name: "ci"}); err == nil {
		t.Fatal("no error for a 503")
	}
	if n := f.count(searchPath); n != 0 {
		t.Errorf("%d searches after errors that had no effect", n)
	}
	if got := f.tokenNames(); len(got) != 1 {
		t.Errorf("server holds %v", got)
	}
}

func TestGenerateOrConfirmUnconfirmed(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	f.sim.DropResponses(1, generatePath)
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultStatus, Status: http.StatusServiceUnavailable, PathPrefix: searchPath})
	_, err := f.c.GenerateOrConfirm(ctx, GenerateRequest{Name: "ci"})
	var lost *LostResponseError
	if !errors.As(err, &lost) || !lost.Unconfirmed || lost.Created || lost.SearchErr == nil {
		t.Fatalf("err = %#v", err)
	}
	want := `The answer to generating "ci" was lost and checking failed too, so the token may have been created: list the tokens before generating it again.`
	if d := Describe(err); !strings.HasPrefix(d, want) || !strings.Contains(d, "Checking: The server failed (503)") {
		t.Errorf("Describe = %q", d)
	}
	if !f.hasToken("ci") {
		t.Error("ci does not exist")
	}
}

// A user who gives up (the context ends) while the slow server is still
// applying the generate is told about the token all the same.
func TestGenerateOrConfirmCancelled(t *testing.T) {
	f := startFaultSim(t, nil)
	f.sim.SetLatency(150 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := f.c.GenerateOrConfirm(ctx, GenerateRequest{Name: "slow"})
	var lost *LostResponseError
	if !errors.As(err, &lost) || !lost.Created {
		t.Fatalf("err = %#v (%s)", err, Describe(err))
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want it to wrap the deadline", err)
	}
}

func TestRevokeOrConfirm(t *testing.T) {
	f := startFaultSim(t, nil)
	ctx := context.Background()
	for _, n := range []string{"a", "b", "c"} {
		if _, err := f.c.Generate(ctx, GenerateRequest{Name: n}); err != nil {
			t.Fatal(err)
		}
	}

	// The revoke took effect, its answer was lost: the search confirms it.
	f.sim.DropResponses(1, revokePath)
	if err := f.c.RevokeOrConfirm(ctx, "", "a"); err != nil {
		t.Errorf("RevokeOrConfirm with a lost answer: %v", err)
	}
	if f.hasToken("a") {
		t.Error("a still exists")
	}

	// The revoke never happened: its error comes back, the token is there.
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultReset, Count: 1, PathPrefix: revokePath})
	err := f.c.RevokeOrConfirm(ctx, "", "b")
	var te *TransportError
	var lost *LostResponseError
	if !errors.As(err, &te) || errors.As(err, &lost) || !f.hasToken("b") {
		t.Errorf("err = %#v; server holds %v", err, f.tokenNames())
	}

	// Lost and not checkable: the user is told the token may still exist.
	f.sim.DropResponses(1, revokePath)
	f.sim.SetFault(sonarsim.Fault{Kind: sonarsim.FaultReset, PathPrefix: searchPath})
	err = f.c.RevokeOrConfirm(ctx, "", "c")
	if !errors.As(err, &lost) || !lost.Unconfirmed || lost.Op != "revoke" {
		t.Fatalf("err = %#v", err)
	}
	want := `The answer to revoking "c" was lost and checking failed too, so the token may still exist: list the tokens before relying on it being gone.`
	if d := Describe(err); !strings.HasPrefix(d, want) {
		t.Errorf("Describe = %q", d)
	}
	f.sim.ClearFaults()
	if got := f.tokenNames(); len(got) != 2 || f.hasToken("c") {
		t.Errorf("server holds %v, want the console token and b", got)
	}
}
