package cli

import (
	"errors"
	"fmt"
	"sync"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
)

// auditState is the run's audit log, opened on first use.
type auditState struct {
	once   sync.Once
	log    audit.Logger
	err    error // no log: the path could not be found
	warned bool
}

// auditLog returns IO.Audit, else the file at IO.AuditPath; nil with the reason when none.
func (a *app) auditLog() (audit.Logger, error) {
	a.audit.once.Do(func() {
		switch {
		case a.io.Audit != nil:
			a.audit.log = a.io.Audit
		case a.io.AuditPath != nil:
			p, err := a.io.AuditPath()
			if err != nil {
				a.audit.err = err
				return
			}
			a.audit.log = audit.NewFile(p)
		}
	})
	return a.audit.log, a.audit.err
}

// record appends a change to the audit log; a failed write warns once, never stopping the change.
func (a *app) record(s *session, action audit.Action, t model.Token, err error) {
	a.recordEntry(s, action, audit.FromToken(t), err)
}

func (a *app) recordEntry(s *session, action audit.Action, e audit.Entry, err error) {
	l, lerr := a.auditLog()
	if l == nil && lerr == nil {
		return
	}
	e.Time = a.io.Now().UTC()
	e.Server = s.settings.URL
	e.Profile = s.settings.Profile
	e.Actor = s.user.Login
	if e.Login == "" {
		e.Login = s.user.Login
	}
	e.Action = action
	e.Outcome, e.Error = outcomeOf(err)
	if lerr == nil {
		lerr = l.Append(e)
	}
	if lerr != nil && !a.audit.warned {
		a.audit.warned = true
		fmt.Fprintf(a.io.Err, "warning: the change was not recorded in the audit log: %s\n", model.PrintableLines(lerr.Error()))
	}
}

// errValueLost: a token was created but standard output was closed.
var errValueLost = errors.New("the new value could not be handed over")

// outcomeOf classifies a change's error for the audit log.
func outcomeOf(err error) (audit.Outcome, string) {
	if err == nil {
		return audit.OK, ""
	}
	if errors.Is(err, errValueLost) {
		return audit.LostAnswer, errorWords(err)
	}
	var lost *client.LostResponseError
	if errors.As(err, &lost) {
		switch {
		case lost.Unconfirmed:
			return audit.Unconfirmed, errorWords(err)
		case lost.Created:
			return audit.LostAnswer, errorWords(err)
		}
	}
	return audit.Failed, errorWords(err)
}
