package ui

import (
	"bytes"
	"github.com/sonartoken/sonartoken/ui/common"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// ctrlC sends one ctrl+c and returns the model and whether it quit; the
// command is not run (a quit ends the program there).
func ctrlC(t *testing.T, m Model) (Model, bool) {
	t.Helper()
	nm, cmd := m.Update(keyMsg("ctrl+c"))
	return nm.(Model), isQuit(cmd)
}

// TestCtrlCOnUncopiedReveal: the first ctrl+c on a value never copied
// says so and keeps it shown; the second quits.
func TestCtrlCOnUncopiedReveal(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), &fakeClipboard{}, 100, 30)
	m = generateNamed(m, "ci-x")
	if m.Mode() != ModeReveal {
		t.Fatalf("mode %v", m.Mode())
	}
	m, quit := ctrlC(t, m)
	if quit || m.Mode() != ModeReveal || !strings.Contains(flat(m.View()), "Nothing was copied. Press ctrl+c again to quit anyway") ||
		!strings.Contains(m.View(), fakeValue(1)) {
		t.Fatalf("first ctrl+c: quit %v:\n%s", quit, m.View())
	}
	if _, quit = ctrlC(t, m); !quit {
		t.Fatal("the second ctrl+c does not quit")
	}
}

// TestCtrlCAskDisarmedByOtherKey: a key between two ctrl+c makes the
// next one ask again; after a copy, ctrl+c quits at once.
func TestCtrlCAskDisarmedByOtherKey(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), &fakeClipboard{}, 100, 30)
	m = generateNamed(m, "ci-x")
	m, _ = ctrlC(t, m)
	m = press(m, "x")
	if strings.Contains(m.View(), "ctrl+c again") {
		t.Fatalf("the warning outlived another key:\n%s", m.View())
	}
	m, quit := ctrlC(t, m)
	if quit {
		t.Fatal("ctrl+c after another key quit without asking")
	}
	m = press(m, "c")
	if _, quit = ctrlC(t, m); !quit {
		t.Fatal("ctrl+c after a copy should quit at once")
	}
}

// TestCtrlCOnUncopiedRotation: the same at the rotation's step 2.
func TestCtrlCOnUncopiedRotation(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, nil)
	m = press(m, "G", "o", "enter")
	m, quit := ctrlC(t, m)
	if quit || !strings.Contains(flat(m.View()), "Press ctrl+c again to quit anyway: both tokens stay") {
		t.Fatalf("first ctrl+c: quit %v:\n%s", quit, m.View())
	}
	if _, quit = ctrlC(t, m); !quit || len(f.revoked) != 0 {
		t.Fatalf("second ctrl+c: quit %v, revoked %v", quit, f.revoked)
	}
}

// TestCtrlCWhileGenerating: ctrl+c waits for the answer and says so; a
// second abandons it, and the exit note gives the revoke command.
func TestCtrlCWhileGenerating(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), &fakeClipboard{}, 100, 30)
	m = press(m, "n")
	m = typeText(m, "ci x")
	m, _ = sendUnanswered(t, m, keyMsg("enter"))
	m, quit := ctrlC(t, m)
	if quit || !strings.Contains(m.View(), "Finishing the request; ctrl+c again to abandon.") {
		t.Fatalf("first ctrl+c: quit %v:\n%s", quit, m.View())
	}
	if m.ExitNote() != "" {
		t.Fatalf("exit note before quitting: %q", m.ExitNote())
	}
	m, quit = ctrlC(t, m)
	if !quit {
		t.Fatal("the second ctrl+c does not quit")
	}
	var out bytes.Buffer
	printExitNote(&out, m)
	if !strings.Contains(out.String(), `generate "ci x"`) || !strings.Contains(out.String(), "\n  sonartoken revoke 'ci x'\n") {
		t.Fatalf("exit note %q", out.String())
	}
}

// TestCtrlCWaitsThenReveals: the answer that arrives after one ctrl+c is
// shown, with the warning that the next ctrl+c loses it; nothing is left
// to print on exit.
func TestCtrlCWaitsThenReveals(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), &fakeClipboard{}, 100, 30)
	m = press(m, "n")
	m = typeText(m, "ci-x")
	m, cmd := sendUnanswered(t, m, keyMsg("enter"))
	m, _ = ctrlC(t, m)
	m = drive(m, runCmd(cmd)...)
	if m.Mode() != ModeReveal || !strings.Contains(flat(m.View()), "Press ctrl+c again to quit anyway") ||
		strings.Contains(m.View(), "Finishing the request") {
		t.Fatalf("after the answer: mode %v:\n%s", m.Mode(), m.View())
	}
	m, quit := ctrlC(t, m)
	if !quit || m.ExitNote() != "" {
		t.Fatalf("quit %v, exit note %q", quit, m.ExitNote())
	}
}

// TestCtrlCAbandonsRotationForOtherUser: an abandoned replacement of
// another user's token is revoked with --login.
func TestCtrlCAbandonsRotationForOtherUser(t *testing.T) {
	t.Parallel()
	m := adminModel(t, newAdminFake(), nil)
	m = press(m, "R", "/")
	m = typeText(m, "grace")
	m = press(m, "enter", "o")
	if m.Mode() != ModeRotate {
		t.Fatalf("mode %v", m.Mode())
	}
	name := m.Rotation().Request().Name
	m, _ = sendUnanswered(t, m, keyMsg("enter"))
	m, quit := ctrlC(t, m)
	if quit || !strings.Contains(m.View(), "Finishing the request") {
		t.Fatalf("first ctrl+c: quit %v:\n%s", quit, m.View())
	}
	m, quit = ctrlC(t, m)
	if want := "sonartoken revoke " + name + " --login grace\n"; !quit || !strings.Contains(m.ExitNote(), want) {
		t.Fatalf("quit %v, exit note %q, want %q", quit, m.ExitNote(), want)
	}
}

// sendUnanswered sends k and delivers the start of the work it begins
// (common.Work: a generate), but not the request's answer: it returns the
// command that would send the request, unrun.
func sendUnanswered(t *testing.T, m Model, k tea.KeyMsg) (Model, tea.Cmd) {
	t.Helper()
	m, cmd := updateModel(m, k)
	if cmd == nil {
		t.Fatalf("%v began nothing", k)
	}
	work, ok := subCmds(cmd())
	if !ok || len(work) != 2 {
		t.Fatalf("%v began no work", k)
	}
	began, ok := work[0]().(common.BeganMsg)
	if !ok {
		t.Fatalf("%v began no work", k)
	}
	m, _ = updateModel(m, began)
	return m, work[1]
}

// TestEndToEndAbandonedGenerate: against sonarsim, a generate abandoned
// with two ctrl+c still creates the token once its request lands; the
// exit note names it in the command that revokes it.
func TestEndToEndAbandonedGenerate(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("end-to-end")
	}
	sim, c := simClient(t, "10.6")
	m := newModel(t, c, &fakeClipboard{}, 100, 30)
	m = press(m, "n")
	m = typeText(m, "e2e-abandoned")
	m, send := sendUnanswered(t, m, keyMsg("enter"))
	m, quit := ctrlC(t, m)
	if quit {
		t.Fatal("the first ctrl+c quit while the generate was in flight")
	}
	if m, quit = ctrlC(t, m); !quit {
		t.Fatal("the second ctrl+c does not quit")
	}
	runCmd(send) // the request lands after the console quit
	if _, ok := simToken(sim, "e2e-abandoned"); !ok {
		t.Fatal("sonarsim has no token: the test proves nothing")
	}
	if !strings.Contains(m.ExitNote(), "\n  sonartoken revoke e2e-abandoned\n") {
		t.Fatalf("exit note %q", m.ExitNote())
	}
}

// TestCtrlCWhileRegenerating: the revoke-and-generate-again that follows
// a lost answer is a generate in flight too.
func TestCtrlCWhileRegenerating(t *testing.T) {
	t.Parallel()
	f := &lossyService{fakeService: newFake(), lose: 1}
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m = generateNamed(m, "lost-one")
	if m.Mode() != ModeConfirm {
		t.Fatalf("mode %v:\n%s", m.Mode(), m.View())
	}
	m, _ = sendUnanswered(t, m, keyMsg("y"))
	m, quit := ctrlC(t, m)
	if quit || !strings.Contains(m.View(), "Finishing the request") {
		t.Fatalf("first ctrl+c: quit %v:\n%s", quit, m.View())
	}
	if m, quit = ctrlC(t, m); !quit || !strings.Contains(m.ExitNote(), "sonartoken revoke lost-one\n") {
		t.Fatalf("quit %v, exit note %q", quit, m.ExitNote())
	}
}

// TestQuitKeyAbandonsGenerate: q, which quits at once, also leaves the
// revoke command of a generate still in flight.
func TestQuitKeyAbandonsGenerate(t *testing.T) {
	t.Parallel()
	f := &lossyService{fakeService: newFake(), lose: 1}
	m := newModel(t, f, &fakeClipboard{}, 100, 30)
	m = generateNamed(m, "lost-one")
	m, _ = sendUnanswered(t, m, keyMsg("y"))
	nm, cmd := m.Update(keyMsg("q"))
	if m = nm.(Model); !isQuit(cmd) || !strings.Contains(m.ExitNote(), "sonartoken revoke lost-one\n") {
		t.Fatalf("quit %v, exit note %q", isQuit(cmd), m.ExitNote())
	}
}

// TestExitNoteHostileNames: a rotation's replacement is named after the
// server's token, and another user's login comes from the server: the
// exit note, printed on the terminal, shows them made safe.
func TestExitNoteHostileNames(t *testing.T) {
	t.Parallel()
	m := newModel(t, newFake(), &fakeClipboard{}, 100, 30)
	m.startGen(common.Generating{Name: hostileEvil + "-20261130", Login: hostileUser})
	m.abandonGen()
	assertViewSafe(t, "exit note", m.ExitNote())
}
