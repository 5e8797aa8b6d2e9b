package ui

import (
	"slices"
	"strings"
	"testing"
)

// TestEndToEndLostGenerate is the console's acceptance test of a lost
// answer: sonarsim creates the token and drops the answer; the console
// reports the created-but-unrecoverable token, and y revokes it and
// generates it again; n keeps it, listed. Nothing is left on the server
// that the user was not told about.
func TestEndToEndLostGenerate(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simClient(t, "10.6")
	cb := &fakeClipboard{}
	m := newModel(t, c, cb, 100, 30)
	before := len(sim.Tokens("admin"))

	sim.DropResponses(1, "/api/user_tokens/generate")
	m = generateNamed(m, "dropped")
	if m.Mode() != ModeConfirm || !strings.Contains(flat(m.View()), `Token "dropped" was created, but its value was lost on the way and cannot be recovered`) {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	if _, ok := simToken(sim, "dropped"); !ok || !listed(m, "dropped") {
		t.Fatal("the token should exist and be listed")
	}
	m = press(m, "y")
	if m.Mode() != ModeReveal {
		t.Fatalf("mode %v:\n%s\nstatus %q", m.Mode(), m.View(), m.Status().Error())
	}
	m = press(m, "c")
	value := cb.last()
	if !strings.HasPrefix(value, "squ_") || !strings.Contains(m.View(), value) {
		t.Fatalf("copied %q", value)
	}
	m = press(m, "esc")
	if n := countNamed(m.Table().Tokens(), "dropped"); n != 1 {
		t.Fatalf("the table lists %d tokens named dropped", n)
	}
	sim.ResetRequests()
	if info, ok := simToken(sim, "dropped"); !ok || len(sim.Tokens("admin")) != before+1 {
		t.Fatalf("server tokens: %+v", info)
	}

	// n keeps it; the server holds exactly what the table lists.
	sim.DropResponses(1, "/api/user_tokens/generate")
	m = generateNamed(m, "kept")
	m = press(m, "n")
	if m.Mode() != ModeTable || !listed(m, "kept") {
		t.Fatalf("mode %v, names %v", m.Mode(), m.Table().Names())
	}
	var onServer []string
	for _, ti := range sim.Tokens("admin") {
		onServer = append(onServer, ti.Name)
	}
	if strings.Join(sortedCopy(onServer), ",") != strings.Join(sortedCopy(m.Table().Names()), ",") {
		t.Fatalf("server %v, table %v", onServer, m.Table().Names())
	}

	// A revoke whose answer is lost is confirmed by a search.
	sim.DropResponses(1, "/api/user_tokens/revoke")
	for i := 0; i < 20 && selected(t, m) != "kept"; i++ {
		m = press(m, "down")
	}
	m = press(m, "d", "y")
	if m.Status().Error() != "" || listed(m, "kept") {
		t.Fatalf("status %q, names %v", m.Status().Error(), m.Table().Names())
	}
	if _, ok := simToken(sim, "kept"); ok {
		t.Fatal("not revoked")
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}
