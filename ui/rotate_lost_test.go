package ui

import (
	"context"
	"errors"
	"github.com/sonartoken/sonartoken/ui/common"
	"slices"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// lossyAdmin is a console on the admin fake whose next generates lose
// their answers.
func lossyAdmin(t *testing.T, lose int, unconfirmed bool) (*lossyService, Model) {
	f := &lossyService{fakeService: newAdminFake(), lose: lose, unconfirmed: unconfirmed}
	return f, adminModel(t, f.fakeService, func(o *Options) { o.Service = f })
}

const rotatedNew = "release-bot-20261126"

// TestRotateLostGenerate: the replacement is created but the answer with
// its value is lost. The dialog says so and that the old token is
// untouched; y revokes the valueless replacement (never the old token) and
// generates again, up to the reveal and the end of the rotation.
func TestRotateLostGenerate(t *testing.T) {
	t.Parallel()
	f, m := lossyAdmin(t, 1, false)
	m = press(m, "G", "o", "enter")
	if m.Rotation().Step() != rotate.StepLost {
		t.Fatalf("step %v:\n%s", m.Rotation().Step(), m.View())
	}
	v := flat(m.View())
	for _, want := range []string{`The new token "` + rotatedNew + `" was created, but its value was lost`,
		`The old token "release-bot" is untouched and still works`, "y revoke the new one and try again", "n keep it"} {
		if !strings.Contains(v, want) {
			t.Fatalf("no %q in:\n%s", want, m.View())
		}
	}
	if !listed(m, rotatedNew) || !listed(m, "release-bot") || len(f.revokedKeys) != 0 {
		t.Fatalf("names %v, revoked %v", m.Table().Names(), f.revokedKeys)
	}
	m = press(m, "y")
	if m.Rotation().Step() != rotate.StepReveal || !strings.Contains(m.View(), fakeValue(2)) {
		t.Fatalf("y: step %v:\n%s", m.Rotation().Step(), m.View())
	}
	if !slices.Equal(f.revoked, []string{rotatedNew}) || len(f.generated) != 2 || f.generated[1].Name != rotatedNew {
		t.Fatalf("revoked %v, generated %d", f.revoked, len(f.generated))
	}
	if countNamed(m.Table().Tokens(), rotatedNew) != 1 {
		t.Fatalf("names %v", m.Table().Names())
	}
	m = press(m, "c", "y")
	if m.Rotation().Step() != rotate.StepDone || !slices.Equal(f.revoked, []string{rotatedNew, "release-bot"}) {
		t.Fatalf("step %v, revoked %v", m.Rotation().Step(), f.revoked)
	}
}

// TestRotateLostGenerateKept: n keeps the valueless replacement, revokes
// nothing, and says what exists.
func TestRotateLostGenerateKept(t *testing.T) {
	t.Parallel()
	f, m := lossyAdmin(t, 1, false)
	m = press(m, "G", "o", "enter", "n")
	if m.Rotation().Step() != rotate.StepStopped || !strings.Contains(flat(m.View()),
		`The new "`+rotatedNew+`" exists without a value: revoke it with d. The old "release-bot" was not revoked and still works`) {
		t.Fatalf("n: step %v:\n%s", m.Rotation().Step(), m.View())
	}
	m = press(m, "enter")
	if m.Mode() != ModeTable || !listed(m, rotatedNew) || !listed(m, "release-bot") || len(f.revokedKeys) != 0 {
		t.Fatalf("mode %v, names %v, revoked %v", m.Mode(), m.Table().Names(), f.revokedKeys)
	}
}

// TestRotateLostGenerateRevokeFails: when the valueless replacement
// cannot be revoked, the dialog says so and y tries again; the old token
// is never revoked.
func TestRotateLostGenerateRevokeFails(t *testing.T) {
	t.Parallel()
	f, m := lossyAdmin(t, 1, false)
	f.revokeErrs = map[string]error{rotatedNew: &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 503}}
	m = press(m, "G", "o", "enter", "y")
	if m.Rotation().Step() != rotate.StepLost || !strings.Contains(flat(m.View()), `Revoking "`+rotatedNew+`" failed`) {
		t.Fatalf("step %v:\n%s", m.Rotation().Step(), m.View())
	}
	if len(f.generated) != 1 || len(f.revokedKeys) != 0 || !listed(m, rotatedNew) {
		t.Fatalf("generated %d, revoked %v", len(f.generated), f.revokedKeys)
	}
	f.mu.Lock()
	f.revokeErrs = nil
	f.mu.Unlock()
	m = press(m, "y")
	if m.Rotation().Step() != rotate.StepReveal || !slices.Equal(f.revoked, []string{rotatedNew}) {
		t.Fatalf("y again: step %v, revoked %v", m.Rotation().Step(), f.revoked)
	}
}

// TestRotateLostGenerateUnconfirmed: the answer is lost and checking fails
// too: the dialog says the outcome is unknown and the old token untouched.
func TestRotateLostGenerateUnconfirmed(t *testing.T) {
	t.Parallel()
	f, m := lossyAdmin(t, 1, true)
	m = press(m, "G", "o", "enter")
	v := flat(m.View())
	if m.Rotation().Step() != rotate.StepPlan || !strings.Contains(v, "may have been created") || !strings.Contains(v, "The old token is untouched") ||
		strings.Contains(v, "Nothing was generated") {
		t.Fatalf("step %v:\n%s", m.Rotation().Step(), m.View())
	}
	if len(f.revokedKeys) != 0 {
		t.Fatal("revoked something")
	}
}

// unsureRevoker loses the answers of revokes of the names in lose, and
// checking fails too: the outcome is unknown, and nothing is revoked.
type unsureRevoker struct {
	*fakeService
	lose map[string]bool
}

func (u *unsureRevoker) RevokeOrConfirm(ctx context.Context, login, name string) error {
	if u.lose[name] {
		return &client.LostResponseError{Op: "revoke", Login: login, Name: name, Unconfirmed: true, SearchErr: errRefused, Err: errors.New("connection reset")}
	}
	return u.fakeService.RevokeOrConfirm(ctx, login, name)
}

// TestBulkRevokeUnconfirmed: a bulk revoke whose answer was lost and could
// not be checked is reported as failed, with the reason, and stays listed.
func TestBulkRevokeUnconfirmed(t *testing.T) {
	t.Parallel()
	f := &unsureRevoker{fakeService: newAdminFake(), lose: map[string]bool{"jenkins": true}}
	m := adminModel(t, f.fakeService, func(o *Options) { o.Service = f })
	m = press(m, "R", "1", "a", "d", "y")
	body := flat(m.Notice().Body())
	if m.Mode() != ModeNotice || !strings.Contains(body, "Revoked 1 of 2 tokens") || !strings.Contains(body, "grace · jenkins: The answer to revoking") ||
		!strings.Contains(body, "may still exist") {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	if !slices.Contains(m.Review().Table().Names(), "jenkins") {
		t.Fatal("the unconfirmed token is no longer listed")
	}
}

// TestEndToEndRotationLostGenerate: sonarsim creates the replacement and
// drops the answer. The console says so; y revokes the valueless
// replacement only and generates it again; the rotation then ends with
// exactly the new token. n instead keeps both, revoking nothing.
func TestEndToEndRotationLostGenerate(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	for _, answer := range []string{"y", "n"} {
		sim, c := simAdmin(t, sonarsim.Options{Seed: 1})
		m := newModel(t, c, &fakeClipboard{}, 100, 30)
		m.table.SelectName("release-bot")
		before := len(sim.Tokens("admin"))
		sim.ResetRequests()
		sim.DropResponses(1, "/api/user_tokens/generate")
		m = press(m, "o", "enter")
		if m.Rotation().Step() != rotate.StepLost || !strings.Contains(flat(m.View()), "its value was lost") {
			t.Fatalf("%s: step %v:\n%s", answer, m.Rotation().Step(), m.View())
		}
		if _, ok := simToken(sim, rotatedNew); !ok {
			t.Fatalf("%s: the replacement was not created", answer)
		}
		m = press(m, answer)
		var revoked []string
		for _, r := range sim.Requests() {
			if strings.HasSuffix(r.Path, "api/user_tokens/revoke") {
				revoked = append(revoked, r.Params.Get("name"))
			}
		}
		if _, ok := simToken(sim, "release-bot"); !ok || slices.Contains(revoked, "release-bot") {
			t.Fatalf("%s: the old token was revoked", answer)
		}
		if _, ok := simToken(sim, rotatedNew); !ok {
			t.Fatalf("%s: no replacement on the server", answer)
		}
		if answer == "n" {
			if len(revoked) != 0 || m.Rotation().Step() != rotate.StepStopped || len(sim.Tokens("admin")) != before+1 {
				t.Fatalf("n: revoked %v, step %v", revoked, m.Rotation().Step())
			}
			continue
		}
		if !slices.Equal(revoked, []string{rotatedNew}) || m.Rotation().Step() != rotate.StepReveal {
			t.Fatalf("y: revoked %v, step %v:\n%s", revoked, m.Rotation().Step(), m.View())
		}
		m = press(m, "c", "y", "enter")
		if _, ok := simToken(sim, "release-bot"); ok || len(sim.Tokens("admin")) != before || countNamed(m.Table().Tokens(), rotatedNew) != 1 {
			t.Fatalf("after: %d tokens (%d before), names %v", len(sim.Tokens("admin")), before, m.Table().Names())
		}
	}
}

// TestEndToEndRotationLostRevoke: the old token's revocation is applied
// and its answer dropped: the search confirms it, and the rotation is
// done.
func TestEndToEndRotationLostRevoke(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 1})
	m := rotateToReveal(t, newModel(t, c, &fakeClipboard{}, 100, 30), "release-bot")
	sim.DropResponses(1, "/api/user_tokens/revoke")
	m = press(m, "c", "y")
	if m.Rotation().Step() != rotate.StepDone {
		t.Fatalf("step %v:\n%s", m.Rotation().Step(), m.View())
	}
	if _, ok := simToken(sim, "release-bot"); ok {
		t.Fatal("not revoked")
	}
}

// TestEndToEndBulkRevokeLostAnswer: sonarsim applies a bulk revoke and
// drops its answer: a search confirms it, and the report counts it as
// revoked; the server keeps every other token.
func TestEndToEndBulkRevokeLostAnswer(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simAdmin(t, sonarsim.Options{Seed: 7, Users: 30, Tokens: 120})
	expired, _, _ := expectedSets(sim)
	if len(expired) < 2 {
		t.Fatalf("seed has %d expired tokens", len(expired))
	}
	var others []string
	for _, ti := range sim.AllTokens() {
		if !slices.Contains(expired, keyOfInfo(ti)) {
			others = append(others, keyOfInfo(ti))
		}
	}
	m := reviewModel(t, c, 3)
	if m.Review().State() != review.StateDone {
		t.Fatal("review not loaded")
	}
	m = press(m, "1", "a", "d")
	sim.DropResponses(1, "/api/user_tokens/revoke")
	m = press(m, "y")
	if m.Mode() != ModeNotice || !strings.Contains(m.Notice().Body(), "Revoked "+itoa(len(expired))+" of "+common.Plural(len(expired), "token")+".") ||
		strings.Contains(m.Notice().Body(), "failed") {
		t.Fatalf("report:\n%s", m.Notice().Body())
	}
	var left []string
	for _, ti := range sim.AllTokens() {
		left = append(left, keyOfInfo(ti))
	}
	if !slices.Equal(sortedCopy(left), sortedCopy(others)) {
		t.Fatalf("left %v, want %v", left, others)
	}
}
