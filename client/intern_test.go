package client

import (
	"context"
	"testing"
	"time"
	"unsafe"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
)

// TestTokensShareRepeatedStrings: the tokens a client reads hold one copy
// of each type and of each project's key and name, however many users
// have tokens on it (a review of 200,000 tokens held a
// copy per token).
func TestTokensShareRepeatedStrings(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	for _, l := range []string{"u1", "u2"} {
		if err := e.sim.AddUser(sonarsim.UserSpec{Login: l}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.sim.AddProject(sonarsim.ProjectSpec{Key: "shared-app", Name: "Shared App", ScanLogins: []string{"u1", "u2"}}); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"u1", "u2"} {
		for _, n := range []string{"a", "b"} {
			if _, err := e.sim.IssueToken(sonarsim.TokenSpec{Login: l, Name: n, Type: "PROJECT_ANALYSIS_TOKEN", ProjectKey: "shared-app", CreatedAt: time.Now()}); err != nil {
				t.Fatal(err)
			}
		}
	}
	var all []string
	var keys, names, types []unsafe.Pointer
	for _, l := range []string{"u1", "u2"} {
		toks, err := e.c.SearchTokens(context.Background(), l)
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range toks {
			all = append(all, tok.Login+"/"+tok.Name)
			keys = append(keys, unsafe.Pointer(unsafe.StringData(tok.ProjectKey)))
			names = append(names, unsafe.Pointer(unsafe.StringData(tok.ProjectName)))
			types = append(types, unsafe.Pointer(unsafe.StringData(string(tok.Type))))
		}
	}
	if len(all) != 4 {
		t.Fatalf("tokens %v, want 4", all)
	}
	for i := 1; i < 4; i++ {
		if keys[i] != keys[0] || names[i] != names[0] || types[i] != types[0] {
			t.Fatalf("token %s holds its own copy of the project key, name or type", all[i])
		}
	}
}
