package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
)

type reviewFlags struct {
	expiringWithin, unusedFor, status, typ, login string
	ownerInactive                                 string
	concurrency                                   int
	asJSON                                        bool
	format, failOn                                string
	revoke, yes, allProfiles                      bool
	plan                                          string
}

func (a *app) newReviewCmd() *cobra.Command {
	var rf reviewFlags
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Report every user's tokens (administrators)",
		Long: `List the tokens of every active user, each with its login and a status
computed against the --expiring-within window, and when its owner last
signed in (SIGNED IN: to SonarQube, or from SonarQube for IDE, whichever is
later; SonarQube counts a token's use as a sign-in). --status, --type,
--login, --unused-for and --owner-inactive narrow the report. Where the
server's user listing gives no user a last sign-in (a proxy that removes
the dates, a version without them), SIGNED IN shows ? and --owner-inactive
and --fail-on owner-inactive exit 1 instead of taking every owner for one
who never signed in. Needs the Administer System permission. SonarQube Cloud has no review: it lists only
your own tokens.

Several --profile (or --all-profiles) review several servers in one
report, with a SERVER column (on a terminal, the profile's name under a
legend of the URLs); each profile's token goes only to its own server.

--revoke revokes every token the filters keep: a dry run that prints what
it would revoke, unless --yes is given. It needs --status or --unused-for,
is refused under --read-only, and never revokes a token that may be the one
sonartoken is signed in with. --yes scans again and revokes what matches
then, which may include tokens created since the dry run; to revoke exactly
what a dry run showed, write it with --plan FILE, then run --revoke --yes
--plan FILE: it revokes those of its tokens that still exist as they were,
and names the others.`,
		Example: `  sonartoken review --status expired,expiring
  sonartoken review --unused-for 90d --json | jq -r '.[] | "\(.login) \(.name)"'
  sonartoken review --format markdown --fail-on expired,expiring
  sonartoken review --profile staging --profile prod --format csv
  sonartoken review --status expired --revoke --yes
  sonartoken review --status expired --revoke --plan expired.plan
  sonartoken review --revoke --yes --plan expired.plan
  sonartoken review --owner-inactive 90d --fail-on owner-inactive   # owners who left`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.review(cmd, rf)
		},
	}
	f := cmd.Flags()
	f.StringVar(&rf.expiringWithin, "expiring-within", "7d", "window in which a token counts as expiring (days as 7d, or a Go duration)")
	f.StringVar(&rf.unusedFor, "unused-for", "", "only tokens not used for this long (never used ones count from their creation)")
	f.IntVar(&rf.concurrency, "concurrency", client.DefaultScanConcurrency, "requests in flight")
	f.StringVar(&rf.status, "status", "", "only these statuses, comma-separated: active, expiring, expired, no-expiration")
	f.StringVar(&rf.typ, "type", "", "only this token type: user, global or project")
	f.StringVar(&rf.login, "login", "", "only this user's tokens")
	f.StringVar(&rf.ownerInactive, "owner-inactive", "", "only tokens whose owner has not signed in for this long (days as 90d; never signed in included)")
	f.BoolVar(&rf.asJSON, "json", false, "print a JSON array (--format json)")
	bindReportFlags(cmd, &rf.format, &rf.failOn)
	f.BoolVar(&rf.revoke, "revoke", false, "revoke every token the filters keep (a dry run without --yes; needs --status or --unused-for)")
	f.BoolVar(&rf.yes, "yes", false, "with --revoke: revoke for real")
	f.StringVar(&rf.plan, "plan", "", "with --revoke: write the dry run's list to this file (mode 0600); with --yes, revoke exactly its tokens that still exist")
	f.BoolVar(&rf.allProfiles, "all-profiles", false, "review the servers of every profile of the configuration file")
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions([]string{"active", "expiring", "expired", "no-expiration"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions([]string{"user", "global", "project"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// reviewFilter is the parsed form of the review's flags.
type reviewFilter struct {
	within, unused time.Duration
	ownerInactive  time.Duration
	statuses       map[model.Status]bool
	typ            model.TokenType
	format         string
	failOn         failOn
}

func parseReviewFlags(rf reviewFlags) (reviewFilter, error) {
	var f reviewFilter
	var err error
	if err := checkConcurrency(rf.concurrency); err != nil {
		return f, err
	}
	if f.within, err = parseDays(rf.expiringWithin); err != nil {
		return f, usageErr(fmt.Errorf("--expiring-within: %w", err))
	}
	if rf.unusedFor != "" {
		if f.unused, err = parseDays(rf.unusedFor); err != nil {
			return f, usageErr(fmt.Errorf("--unused-for: %w", err))
		}
	}
	if rf.ownerInactive != "" {
		if f.ownerInactive, err = parseDays(rf.ownerInactive); err != nil || f.ownerInactive <= 0 {
			return f, usageErr(fmt.Errorf("--owner-inactive %q: give a number of days such as 90d", rf.ownerInactive))
		}
	}
	if rf.typ != "" {
		if f.typ, err = model.ParseTokenType(rf.typ); err != nil {
			return f, usageErr(fmt.Errorf("--type: %w", err))
		}
	}
	for _, s := range strings.Split(rf.status, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		st, ok := model.ParseStatus(s)
		if !ok {
			return f, usageErr(fmt.Errorf("--status %q: use active, expiring, expired or no-expiration", s))
		}
		if f.statuses == nil {
			f.statuses = map[model.Status]bool{}
		}
		f.statuses[st] = true
	}
	if f.format, err = resolveFormat(rf.format, rf.asJSON); err != nil {
		return f, err
	}
	if f.failOn, err = parseFailOn(rf.failOn, f.unused, f.ownerInactive); err != nil {
		return f, err
	}
	if err := f.failOn.checkServer(false, true); err != nil {
		return f, err
	}
	return f, nil
}

// parseDays reads "7d" as 7 days, or a Go duration such as "36h".
func parseDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		d, err := strconv.Atoi(n)
		if err != nil || d < 0 {
			return 0, fmt.Errorf("%q is not a number of days such as 7d", s)
		}
		return time.Duration(d) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration such as 7d or 36h", s)
	}
	return d, nil
}

func (f reviewFilter) keep(t model.Token, now time.Time) bool {
	if f.typ != model.TypeUnknown && t.Type != f.typ {
		return false
	}
	if f.statuses != nil && !f.statuses[t.StatusAt(now, f.within)] {
		return false
	}
	if f.ownerInactive > 0 {
		if gone, _ := t.OwnerInactiveFor(now, f.ownerInactive); !gone {
			return false
		}
	}
	return f.unused <= 0 || t.UnusedFor(now, f.unused)
}

// reviewMemoryLimit is the soft memory limit of a review (see review).
const reviewMemoryLimit = 160 << 20

func (a *app) review(cmd *cobra.Command, rf reviewFlags) error {
	ctx := cmd.Context()
	// Half the GC growth: the review keeps every token, so RSS stays nearer
	// what is kept (200,000 tokens: 75 MB instead of 110).
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	// A soft limit keeps what the runtime holds beyond the client's 80 MB of
	// tokens small (under 200 MB RSS); a lower GOMEMLIMIT is kept.
	if lim := debug.SetMemoryLimit(-1); lim > reviewMemoryLimit {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(reviewMemoryLimit))
	}
	filter, err := parseReviewFlags(rf)
	if err != nil {
		return err
	}
	if err := checkRevokeFlags(cmd, rf); err != nil {
		return err
	}
	// A plan is read, and refused, before any request.
	var pl *plan
	if rf.yes && rf.plan != "" {
		p, err := readPlan(rf.plan)
		if err != nil {
			return err
		}
		pl = &p
	}
	read := func(a *app, s *session) (reviewPart, error) {
		if pl != nil {
			return a.planPart(ctx, s, *pl, filter, rf.concurrency)
		}
		return a.reviewOne(ctx, s, rf, filter)
	}
	profiles, err := a.reviewProfiles(cmd, rf.allProfiles)
	if err != nil {
		return err
	}
	if profiles == nil {
		s, err := a.connect(ctx)
		if err != nil {
			return err
		}
		defer s.close()
		if pl != nil {
			if err := checkPlanServers(*pl, []*session{s}, 0); err != nil {
				return err
			}
		}
		part, err := read(a, s)
		if err != nil {
			return err
		}
		return a.finishReview(ctx, []reviewPart{part}, rf, filter, nil)
	}
	parts, missed, closeAll, err := a.reviewServers(ctx, profiles, pl, read)
	defer closeAll()
	if err != nil {
		return err
	}
	if len(parts) == 0 {
		return &codedError{code: ExitError, msg: "no profile could be reviewed:\n  " + joinErrors(missed, "\n  ")}
	}
	return a.finishReview(ctx, parts, rf, filter, missed)
}

// reviewPart is one server's kept tokens, sorted, and the users it missed.
type reviewPart struct {
	s          *session
	tokens     []model.Token
	incomplete error
	// changes are the tokens of a plan left alone (--yes --plan).
	changes []planChange
	// signInsUnknown: the tokens carry no Owner (signins.go).
	signInsUnknown bool
}

// reviewOne reads one server's tokens and keeps those the filters keep.
func (a *app) reviewOne(ctx context.Context, s *session, rf reviewFlags, filter reviewFilter) (reviewPart, error) {
	p := reviewPart{s: s}
	if s.client.Cloud() {
		return p, cloudReviewRefusal()
	}
	if err := reviewAllowed(s, rf.login); err != nil {
		return p, err
	}
	var toks []model.Token
	var err error
	if rf.login != "" {
		if toks, err = s.client.SearchTokens(ctx, rf.login); err != nil {
			return p, wrap("list tokens"+ofLogin(rf.login), err)
		}
		for i := range toks {
			if toks[i].Login == "" {
				toks[i].Login = rf.login
			}
		}
		if owner := s.ownerOf(ctx, rf.login); owner != nil {
			for i := range toks {
				toks[i].Owner = owner
			}
		} else {
			p.signInsUnknown = len(toks) > 0
		}
	} else {
		rep, err := a.scanAll(ctx, s, rf.concurrency)
		if err != nil {
			return p, err
		}
		toks, p.incomplete = rep.tokens, rep.incomplete()
		if !rep.signIns && len(toks) > 0 {
			// No listed user had a date: the server did not say (signins.go).
			for i := range toks {
				toks[i].Owner = nil
			}
			p.signInsUnknown = true
		}
	}
	if p.signInsUnknown && filter.ownerInactive > 0 {
		return p, ownerInactiveRefusal()
	}
	now := a.io.Now()
	kept := toks[:0]
	for _, t := range toks {
		if filter.keep(t, now) {
			kept = append(kept, t)
		}
	}
	sortTokens(kept)
	p.tokens = kept
	return p, nil
}

// finishReview prints every server's report, revokes with --revoke, and
// returns what the report lacks (exit 1), else the --fail-on verdict.
func (a *app) finishReview(ctx context.Context, parts []reviewPart, rf reviewFlags, filter reviewFilter, missed []error) error {
	multi := len(parts) > 1 || len(missed) > 0
	rep := report{Report: reports.Report{Now: a.io.Now(), Within: filter.within, Owners: true}, ownerFilter: filter.ownerInactive > 0}
	if multi {
		rep.Servers = []string{}
	}
	for _, p := range parts {
		if !multi {
			// Not copied: memory proportional to what is kept.
			rep.Tokens = p.tokens
			break
		}
		rep.Tokens = append(rep.Tokens, p.tokens...)
		for range p.tokens {
			rep.Servers = append(rep.Servers, p.s.settings.URL)
			rep.labels = append(rep.labels, p.s.settings.Profile)
		}
	}
	a.noteUnknownSignIns(parts, multi)
	if len(rep.Tokens) == 0 && filter.format == formatTable {
		fmt.Fprintln(a.io.Err, "No token matches.")
	} else if err := a.emit(filter.format, rep, true); err != nil {
		return err
	}
	var hkErr error
	if rf.revoke {
		w := a.io.Err // the report on standard output stays parseable
		if filter.format == formatTable {
			w = a.io.Out
		}
		hkErr = a.housekeep(ctx, w, parts, rf, multi)
	}
	var lacks []string
	var first error // the first part's incompleteness, for errors.Is and errors.As
	for _, p := range parts {
		if p.incomplete == nil {
			continue
		}
		if first == nil {
			first = p.incomplete
		}
		msg := errorWords(p.incomplete)
		if multi {
			msg = p.s.settings.URL + ": " + msg
		}
		lacks = append(lacks, msg)
	}
	for _, m := range missed {
		lacks = append(lacks, "the report lacks "+m.Error())
	}
	if filter.failOn.ownerInactive > 0 {
		for _, p := range parts {
			if !p.signInsUnknown {
				continue
			}
			msg := failOnOwnerUnknown()
			if multi {
				msg = p.s.settings.URL + ": " + msg
			}
			lacks = append(lacks, msg)
		}
	}
	switch {
	case hkErr != nil:
		return hkErr
	case len(lacks) > 0:
		return &codedError{code: ExitError, msg: strings.Join(lacks, "\n"), err: first}
	}
	return filter.failOn.check(rep)
}

func joinErrors(errs []error, sep string) string {
	s := make([]string, len(errs))
	for i, e := range errs {
		s[i] = e.Error()
	}
	return strings.Join(s, sep)
}

// scanReport is what a review scan got and missed.
type scanReport struct {
	tokens   []model.Token
	searched int          // users whose tokens were read
	failed   []scanFailed // users whose tokens could not be read
	listErr  error        // the user listing stopped before its end
	limitErr error        // the scan stopped, its memory bound reached
	// signIns is whether the listing dated any user (signins.go).
	signIns bool
}

// scanFailed is a user whose search failed after retries.
type scanFailed struct {
	login string
	err   error
}

// incomplete names the users missing from the report, and why (exit 1).
func (r scanReport) incomplete() error {
	if len(r.failed) == 0 && r.listErr == nil && r.limitErr == nil {
		return nil
	}
	var b strings.Builder
	b.WriteString("the review is incomplete: the report above lacks")
	if n := len(r.failed); n > 0 {
		users := "users"
		if n == 1 {
			users = "user"
		}
		fmt.Fprintf(&b, " the tokens of %d %s, which could not be read:", n, users)
		for _, f := range r.failed {
			fmt.Fprintf(&b, "\n  %s: %s", model.Printable(f.login), describe(f.err))
		}
		if r.listErr != nil || r.limitErr != nil {
			b.WriteString("\nand")
		}
	}
	if r.listErr != nil {
		fmt.Fprintf(&b, " the users after those listed, as the list of users stopped: %s", describe(r.listErr))
		if r.limitErr != nil {
			b.WriteString("\nand")
		}
	}
	if r.limitErr != nil {
		fmt.Fprintf(&b, " the tokens of the users not read yet: %s", describe(r.limitErr))
	}
	return &codedError{code: ExitError, msg: b.String(), err: r.failedErr()}
}

// failedErr is the first failure, for errors.Is and errors.As.
func (r scanReport) failedErr() error {
	if len(r.failed) > 0 {
		return r.failed[0].err
	}
	return cmp.Or(r.listErr, r.limitErr)
}

// reviewAllowed says Administer System is needed, rather than a 403 on the first user.
func reviewAllowed(s *session, login string) error {
	if s.user.IsAdmin() || (login != "" && login == s.user.Login) {
		return nil
	}
	msg := fmt.Sprintf("review needs the Administer System permission, which %s does not have in this session", model.Printable(s.user.Login))
	if t := model.TypeOfValue(s.settings.Token.Reveal()); t == model.TypeGlobal || t == model.TypeProject {
		msg += fmt.Sprintf(": a %s never carries it, even an administrator's; use a user token", t.Label())
	}
	return &codedError{code: ExitForbidden, msg: msg, err: client.ErrForbidden}
}

// scanAll lists every user's tokens, naming in the report a user whose search
// failed; a 401 or 403, ctx's end, or nothing readable stops it.
func (a *app) scanAll(ctx context.Context, s *session, n int) (scanReport, error) {
	scanCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var rep scanReport
	var first, fatal error
	// Sized once from tokensCount: growing by doubling held up to three times the tokens.
	var expected atomic.Int64
	var signIns atomic.Bool
	progress := func(p client.ScanProgress) {
		expected.Store(int64(p.TokensExpected))
		signIns.Store(p.SignInsReported)
	}
	for b := range s.client.ScanAllTokens(scanCtx, client.ScanOptions{Concurrency: n, OnProgress: progress}) {
		switch {
		case fatal != nil:
			// Draining after a refusal.
		case errors.Is(b.Err, client.ErrUnauthorized), errors.Is(b.Err, client.ErrForbidden):
			// Not a flaky server: the token may not do this for anyone.
			fatal = wrap("list tokens"+ofLogin(b.Login), b.Err)
			if b.Login == "" {
				fatal = wrap("list users", b.Err)
			}
			cancel()
		case b.Err != nil && b.Login == "" && errors.As(b.Err, new(*client.ScanLimitError)):
			rep.limitErr = b.Err
		case b.Err != nil && b.Login == "":
			rep.listErr = b.Err
			if first == nil {
				first = wrap("list users", b.Err)
			}
		case b.Err != nil:
			rep.failed = append(rep.failed, scanFailed{login: b.Login, err: b.Err})
			if first == nil {
				first = wrap("list tokens"+ofLogin(b.Login), b.Err)
			}
		default:
			rep.searched++
			for i := range b.Tokens {
				if b.Tokens[i].Login == "" {
					b.Tokens[i].Login = b.Login
				}
			}
			if want := len(rep.tokens) + len(b.Tokens); want > cap(rep.tokens) {
				rep.tokens = slices.Grow(rep.tokens, max(int(expected.Load()), want)-len(rep.tokens))
			}
			rep.tokens = append(rep.tokens, b.Tokens...)
		}
	}
	if fatal != nil {
		return scanReport{}, fatal
	}
	if err := ctx.Err(); err != nil {
		return scanReport{}, wrap("list every user's tokens", err)
	}
	if first != nil && rep.searched == 0 {
		return scanReport{}, first
	}
	sort.Slice(rep.failed, func(i, j int) bool { return rep.failed[i].login < rep.failed[j].login })
	// The scan's last report came before its channel closed.
	rep.signIns = signIns.Load()
	return rep, nil
}
