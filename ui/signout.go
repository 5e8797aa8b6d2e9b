package ui

import "github.com/sonartoken/sonartoken/ui/common"

// A request answered 401 after start-up means the console's token was
// revoked, expired or refused: the session is over. The root notes it
// (noteAuth); Boot then replaces the console with the sign-in page of the
// start-up screens, once nothing on screen or in flight would be lost.

// SignedOut returns the 401 that ended the session, once the console can
// give way to the sign-in page: a dialog that shows a value or a report
// (common.Lasting) stays until closed, as does one waiting to show; a bulk
// revocation, and a generate whose value would be lost, end first. Nil
// while the session holds.
func (m Model) SignedOut() error {
	if m.authErr == nil || m.review.BulkRunning() || m.generating() {
		return nil
	}
	for _, d := range append([]common.Dialog{m.dialog}, m.waiting...) {
		if l, ok := d.(common.Lasting); ok && l.Lasts() {
			return nil
		}
	}
	return m.authErr
}

// generating reports whether a generate is in flight: begun (its answer
// awaited), or sent by the dialog in the slot and about to begin.
func (m Model) generating() bool {
	p, ok := m.dialog.(common.Pending)
	return m.quit.gen != nil || ok && p.Pending()
}
