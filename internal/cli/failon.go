package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/model"
)

var failOnNames = []string{"expired", "expiring", "no-expiration", "never-used", "unused"}

// bindReportFlags adds --format and --fail-on, shared by list and review.
func bindReportFlags(cmd *cobra.Command, format, fail *string) {
	f := cmd.Flags()
	f.StringVar(format, "format", "", "output `FORMAT`: table (default), json, csv or markdown")
	f.StringVar(fail, "fail-on", "", "exit 6 if a reported token is one of these, comma-separated: "+strings.Join(failOnNames, ", ")+" (with --unused-for)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(failOnNames, cobra.ShellCompDirectiveNoFileComp))
}

// failOn is the parsed --fail-on.
type failOn struct {
	names     []string
	statuses  map[model.Status]bool
	neverUsed bool
	// unused is the --unused-for threshold when "unused" is named.
	unused time.Duration
}

// parseFailOn reads --fail-on; unused is --unused-for (0 when not given),
// which "unused" needs.
func parseFailOn(s string, unused time.Duration) (failOn, error) {
	var f failOn
	for _, n := range strings.Split(s, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		switch n {
		case "":
			continue
		case "expired", "expiring", "no-expiration":
			st, _ := model.ParseStatus(n)
			if f.statuses == nil {
				f.statuses = map[model.Status]bool{}
			}
			f.statuses[st] = true
		case "never-used":
			f.neverUsed = true
		case "unused":
			if unused <= 0 {
				return f, usageErr(errors.New("--fail-on unused needs --unused-for, such as --unused-for 90d"))
			}
			f.unused = unused
		default:
			return f, usageErr(fmt.Errorf("--fail-on %q: use %s", n, strings.Join(failOnNames, ", ")))
		}
		f.names = append(f.names, n)
	}
	return f, nil
}

// hit reports whether t has one of the statuses.
func (f failOn) hit(t model.Token, now time.Time, within time.Duration) bool {
	return f.statuses[t.StatusAt(now, within)] ||
		(f.neverUsed && t.LastUsed == nil) ||
		(f.unused > 0 && t.UnusedFor(now, f.unused))
}

// check returns the exit-6 error when a reported token has one of the
// statuses, nil otherwise (and when --fail-on is not given).
func (f failOn) check(rep report) error {
	if len(f.names) == 0 {
		return nil
	}
	n := 0
	for _, t := range rep.Tokens {
		if f.hit(t, rep.Now, rep.Within) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	tokens := "tokens are"
	if n == 1 {
		tokens = "token is"
	}
	return &codedError{code: ExitFailOn, msg: fmt.Sprintf("%d reported %s %s (--fail-on)", n, tokens, strings.Join(f.names, " or "))}
}
