package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/ui/rotate"
)

// TestRotateYesBeforeCopyAsks: at step 2, y before the value was copied
// keeps the old token and asks, as esc does; a second y revokes it.
func TestRotateYesBeforeCopyAsks(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, nil)
	m = press(m, "G", "o", "enter", "y")
	if m.Rotation().Step() != rotate.StepReveal || len(f.revoked) != 0 {
		t.Fatalf("y before c: step %v, revoked %v", m.Rotation().Step(), f.revoked)
	}
	if v := flat(m.View()); !strings.Contains(v, `Nothing was copied. Press y again to revoke "release-bot" anyway`) ||
		!strings.Contains(v, fakeValue(1)) {
		t.Fatalf("y before c should ask and keep the value shown:\n%s", m.View())
	}
	m = press(m, "y")
	if m.Rotation().Step() != rotate.StepDone || !slices.Equal(f.revoked, []string{"release-bot"}) {
		t.Fatalf("second y: step %v, revoked %v", m.Rotation().Step(), f.revoked)
	}
}

// TestRotateYesAfterCopy: once copied, one y revokes the old token.
func TestRotateYesAfterCopy(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, func(o *Options) { o.Clipboard = &fakeClipboard{} })
	m = press(m, "G", "o", "enter", "c", "y")
	if m.Rotation().Step() != rotate.StepDone || !slices.Equal(f.revoked, []string{"release-bot"}) {
		t.Fatalf("c, y: step %v, revoked %v", m.Rotation().Step(), f.revoked)
	}
}

// TestRotateYesAskThenEsc: after y asked, esc still stops without
// revoking (it asks first, as ever, since nothing was copied).
func TestRotateYesAskThenEsc(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, nil)
	m = press(m, "G", "o", "enter", "y", "esc", "esc")
	if m.Rotation().Step() != rotate.StepStopped || len(f.revoked) != 0 {
		t.Fatalf("y, esc, esc: step %v, revoked %v", m.Rotation().Step(), f.revoked)
	}
}

// TestRotateCopyThenYesFast: y typed while the copy is still under way
// (c y in one burst, or typed fast) revokes once the copy is done.
func TestRotateCopyThenYesFast(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, func(o *Options) { o.Clipboard = &fakeClipboard{} })
	m = press(m, "G", "o", "enter")
	m = drive(m, burst("cy"))
	if m.Rotation().Step() != rotate.StepDone || !slices.Equal(f.revoked, []string{"release-bot"}) {
		t.Fatalf("cy: step %v, revoked %v:\n%s", m.Rotation().Step(), f.revoked, m.View())
	}
}

// TestRotateCopyFailsThenYes: when the copy that y waited for fails, y
// asks instead of revoking.
func TestRotateCopyFailsThenYes(t *testing.T) {
	t.Parallel()
	f := newAdminFake()
	m := adminModel(t, f, func(o *Options) { o.Clipboard = &fakeClipboard{err: errors.New("no display")} })
	m = press(m, "G", "o", "enter")
	m = drive(m, burst("cy"))
	if m.Rotation().Step() != rotate.StepReveal || len(f.revoked) != 0 || !strings.Contains(flat(m.View()), "Press y again") {
		t.Fatalf("cy with a failing copy: step %v, revoked %v:\n%s", m.Rotation().Step(), f.revoked, m.View())
	}
}
