package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/model"
)

// profileRun is one profile of a review of several servers.
type profileRun struct {
	name string
	// app's standard error is held in errb and written in profile order, so
	// servers read at once do not interleave.
	app  *app
	errb bytes.Buffer
	st   config.Settings
	s    *session
	part reviewPart
	err  error // why the profile is missing from the report
}

// reviewServers reads several profiles' servers at once, each with its own client
// (as long as the slowest), after resolving settings one by one (a keychain may ask).
func (a *app) reviewServers(ctx context.Context, profiles []string, pl *plan, read func(*app, *session) (reviewPart, error)) (parts []reviewPart, missed []error, closeAll func(), err error) {
	runs := make([]*profileRun, len(profiles))
	for i, name := range profiles {
		r := &profileRun{name: name}
		r.app = a.withErr(&r.errb)
		runs[i] = r
		if r.st, r.err = a.profileSettings(ctx, name); r.err != nil {
			continue
		}
		for _, w := range r.st.Warnings {
			fmt.Fprintf(a.io.Err, "warning: profile %s: %s\n", model.Printable(name), model.PrintableLines(w))
		}
	}
	// each runs f for every profile not missed yet, all at once.
	each := func(f func(r *profileRun)) {
		var wg sync.WaitGroup
		for _, r := range runs {
			if r.err == nil {
				wg.Go(func() { f(r) })
			}
		}
		wg.Wait()
	}
	closeAll = func() {
		for _, r := range runs {
			r.s.close()
		}
	}
	defer func() {
		for _, r := range runs {
			_, _ = a.io.Err.Write(r.errb.Bytes())
		}
	}()
	if pl == nil {
		each(func(r *profileRun) {
			if r.s, r.err = r.app.open(ctx, r.st); r.err == nil {
				r.part, r.err = read(r.app, r.s)
			}
		})
	} else {
		each(func(r *profileRun) { r.s, r.err = r.app.open(ctx, r.st) })
		var sessions []*session
		failed := 0
		for _, r := range runs {
			if r.err != nil {
				failed++
			} else {
				sessions = append(sessions, r.s)
			}
		}
		if err := checkPlanServers(*pl, sessions, failed); err != nil {
			return nil, nil, closeAll, err
		}
		each(func(r *profileRun) { r.part, r.err = read(r.app, r.s) })
	}
	for _, r := range runs {
		if r.err != nil {
			missed = append(missed, fmt.Errorf("profile %s: %s", r.name, errorWords(r.err)))
			continue
		}
		parts = append(parts, r.part)
	}
	return parts, missed, closeAll, nil
}

// withErr is a copy of a writing errors to w; it shares no audit log, as reading changes nothing.
func (a *app) withErr(w io.Writer) *app {
	c := &app{io: a.io, flags: a.flags, tui: a.tui, args: a.args, profiles: a.profiles}
	c.io.Err = w
	return c
}
