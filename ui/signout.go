package ui

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/ui/common"
	"github.com/sonartoken/sonartoken/ui/create"
	"github.com/sonartoken/sonartoken/ui/picker"
	"github.com/sonartoken/sonartoken/ui/review"
	"github.com/sonartoken/sonartoken/ui/rotate"
)

// A request answered 401 after start-up means the console's token was
// revoked, expired or refused: the session is over. The root notes it
// here; Boot then replaces the console with the sign-in page of the
// start-up screens, once no dialog holds a value that would be lost.

// authError returns the 401 a message reports, or nil.
func authError(msg tea.Msg) error {
	var errs []error
	switch msg := msg.(type) {
	case loadedMsg:
		errs = append(errs, msg.userErr, msg.tokens.err)
	case tokensMsg:
		errs = append(errs, msg.err)
	case userMsg:
		errs = append(errs, msg.err)
	case create.GeneratedMsg:
		errs = append(errs, msg.Err)
	case create.RegeneratedMsg:
		errs = append(errs, msg.RevokeErr, msg.Gen.Err)
	case revokedMsg:
		errs = append(errs, msg.err)
	case review.ScanBatchMsg:
		for _, b := range msg.Batches {
			errs = append(errs, b.Err)
		}
	case review.BulkProgressMsg:
		for _, r := range msg.Results {
			errs = append(errs, r.Err)
		}
	case rotate.GeneratedMsg:
		errs = append(errs, msg.Err)
	case rotate.RetriedMsg:
		errs = append(errs, msg.RevokeErr, msg.Gen.Err)
	case rotate.RevokedMsg:
		errs = append(errs, msg.Err)
	case picker.UsersMsg:
		errs = append(errs, msg.Err)
	case common.ErrorMsg:
		errs = append(errs, msg.Err)
	}
	for _, err := range errs {
		if err != nil && errors.Is(err, client.ErrUnauthorized) {
			return err
		}
	}
	return nil
}

// noteAuth records a 401 answer: the session is signed out.
func (m *Model) noteAuth(msg tea.Msg) {
	if err := authError(msg); err != nil && m.authErr == nil {
		m.authErr = err
		m.cancelScan()
	}
}

// SignedOut returns the 401 that ended the session, once the console can
// give way to the sign-in page: a reveal or a rotation step that may show
// a value, and a report (a bulk revocation's, which may have revoked the
// console's own token), stay until closed; a bulk revocation, and a
// generate whose value would be lost, end first.
// Nil while the session holds.
func (m Model) SignedOut() error {
	if m.authErr == nil || m.review.BulkRunning() || m.formBusy() {
		return nil
	}
	if l, ok := m.dialog.(common.Lasting); ok && l.Lasts() {
		return nil
	}
	return m.authErr
}
