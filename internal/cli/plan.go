package cli

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/safefile"
	"github.com/sonartoken/sonartoken/model"
)

// planKind and planVersion mark a file of review --revoke --plan.
const (
	planKind    = "sonartoken revoke plan"
	planVersion = 1
	// maxPlanBytes is far above the largest scan's plan.
	maxPlanBytes = 64 << 20
)

// plan is the exact list a dry run would revoke; --yes --plan revokes each
// only if it still exists as it was.
type plan struct {
	Kind    string      `json:"kind"`
	Version int         `json:"version"`
	Made    time.Time   `json:"made"`
	Tokens  []planToken `json:"tokens"`
}

// planToken identifies a token; a token recreated under the name has another creation date.
type planToken struct {
	Server    string `json:"server"`
	Login     string `json:"login"`
	Name      string `json:"name"`
	CreatedAt string `json:"createdAt"`
}

func planEntry(s *session, t model.Token) planToken {
	return planToken{Server: s.settings.URL, Login: t.Login, Name: t.Name, CreatedAt: model.ServerText(&t.CreatedAt, t.RawText().CreatedAt)}
}

// writePlan writes p at 0600 by rename, refusing anything but a regular file at path.
func writePlan(path string, p plan) error {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		kind := safefile.Kind(fi.Mode())
		if fi.Mode()&fs.ModeSymlink != 0 {
			kind = "a symbolic link"
		}
		return fmt.Errorf("--plan %s is %s, not a regular file: sonartoken writes a plan only to a regular file or a new one", path, kind)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write the plan %s: %w", path, err)
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	if err := safefile.Replace(path, append(data, '\n')); err != nil {
		return fmt.Errorf("write the plan %s: %w", path, err)
	}
	return nil
}

// readPlan refuses a file others may change (sonartoken would revoke what the
// user never saw), a non-plan, duplicates, and dates the server would not write.
func readPlan(path string) (plan, error) {
	f, fi, err := safefile.Open("plan file", path)
	switch {
	case safefile.Refused(err):
		return plan{}, err
	case err != nil:
		return plan{}, fmt.Errorf("read the plan: %w", err)
	}
	defer f.Close()
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o022 != 0 {
		return plan{}, fmt.Errorf("plan file %s may be changed by group or others (mode %04o): sonartoken acts only on a plan you alone can change: run chmod 600 %s", path, fi.Mode().Perm(), model.ShellQuote(path))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxPlanBytes+1))
	if err != nil {
		return plan{}, fmt.Errorf("read the plan %s: %w", path, err)
	}
	if len(data) > maxPlanBytes {
		return plan{}, fmt.Errorf("plan file %s is larger than %d MB: it is not a plan sonartoken wrote", path, maxPlanBytes>>20)
	}
	var p plan
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil || p.Kind != planKind {
		return plan{}, fmt.Errorf("%s is not a plan of review --revoke --plan", path)
	}
	if p.Version != planVersion {
		return plan{}, fmt.Errorf("plan file %s has version %d; this sonartoken reads version %d: make the plan again with review --revoke --plan", path, p.Version, planVersion)
	}
	seen := map[planToken]bool{}
	for _, t := range p.Tokens {
		key := planToken{Server: t.Server, Login: t.Login, Name: t.Name}
		switch {
		case t.Server == "" || t.Login == "" || t.Name == "":
			return plan{}, fmt.Errorf("plan file %s lists a token without its server, login or name", path)
		case seen[key]:
			return plan{}, fmt.Errorf("plan file %s lists %s %s twice", path, model.Printable(t.Login), model.Quote(t.Name))
		}
		if t.CreatedAt != "" {
			if _, err := client.ParseTime(t.CreatedAt); err != nil {
				return plan{}, fmt.Errorf("plan file %s: the creation date of %s %s is not a date the server writes: %q", path, model.Printable(t.Login), model.Quote(t.Name), t.CreatedAt)
			}
		}
		seen[key] = true
	}
	return p, nil
}

// planChange is a plan token left alone, and why.
type planChange struct {
	t      planToken
	why    string
	benign bool // the token is gone: what the plan wanted is done
}

// checkPlanServers refuses, before any revoke, a plan naming a server this run does not reach.
func checkPlanServers(p plan, sessions []*session, missed int) error {
	urls := map[string]bool{}
	for _, s := range sessions {
		urls[s.settings.URL] = true
	}
	for _, t := range p.Tokens {
		if !urls[t.Server] && missed == 0 {
			return usageErr(fmt.Errorf("the plan lists tokens of %s, which this run does not reach: give the same --profile or --url as the dry run that made it", model.Printable(t.Server)))
		}
	}
	return nil
}

// planPart keeps the plan's tokens of s's server that still exist as
// planned and still pass the filters; the others are named and left alone.
func (a *app) planPart(ctx context.Context, s *session, p plan, filter reviewFilter, n int) (reviewPart, error) {
	part := reviewPart{s: s}
	byLogin := map[string][]planToken{}
	var logins []string
	for _, t := range p.Tokens {
		if t.Server != s.settings.URL {
			continue
		}
		if byLogin[t.Login] == nil {
			logins = append(logins, t.Login)
		}
		byLogin[t.Login] = append(byLogin[t.Login], t)
	}
	only := "" // the one user of the plan, who needs no admin for their own tokens
	if len(logins) == 1 {
		only = logins[0]
	}
	if err := reviewAllowed(s, only); len(logins) > 0 && err != nil {
		return part, err
	}
	type answer struct {
		tokens []model.Token
		err    error
		owner  *model.OwnerActivity // for --owner-inactive, as the scan's listing says it
	}
	answers := make([]answer, len(logins))
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, login := range logins {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			toks, err := s.client.SearchTokens(ctx, login)
			var owner *model.OwnerActivity
			if err == nil && filter.ownerInactive > 0 {
				owner = s.ownerOf(ctx, login)
			}
			answers[i] = answer{toks, err, owner}
		}()
	}
	wg.Wait()
	now := a.io.Now()
	var rep scanReport
	for i, login := range logins {
		if err := answers[i].err; err != nil {
			rep.failed = append(rep.failed, scanFailed{login: login, err: err})
			continue
		}
		current := map[string]model.Token{}
		for _, t := range answers[i].tokens {
			t.Login, t.Owner = login, answers[i].owner
			current[t.Name] = t
		}
		for _, pt := range byLogin[login] {
			t, ok := current[pt.Name]
			switch {
			case !ok:
				part.changes = append(part.changes, planChange{t: pt, why: "gone since the plan was made", benign: true})
			case !sameCreation(t, pt.CreatedAt):
				part.changes = append(part.changes, planChange{t: pt, why: fmt.Sprintf("created again since the plan was made (created %s, the plan has %s): not the token the dry run showed", model.ServerText(&t.CreatedAt, t.RawText().CreatedAt), cmp.Or(pt.CreatedAt, "no date"))})
			case filter.ownerInactive > 0 && t.Owner == nil:
				part.changes = append(part.changes, planChange{t: pt, why: "its owner's last sign-in is unknown (the user listing did not give it), so --owner-inactive cannot tell whether they left"})
			case !filter.keep(t, now):
				part.changes = append(part.changes, planChange{t: pt, why: "no longer matches the filters given (used since the plan was made?)"})
			default:
				part.tokens = append(part.tokens, t)
			}
		}
	}
	sortTokens(part.tokens)
	part.incomplete = rep.incomplete()
	return part, nil
}

// sameCreation compares t's creation with the plan's text ("" for none).
func sameCreation(t model.Token, text string) bool {
	if text == "" {
		return t.CreatedAt.IsZero()
	}
	at, err := client.ParseTime(text)
	return err == nil && at.Equal(t.CreatedAt)
}
