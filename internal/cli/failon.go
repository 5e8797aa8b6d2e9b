package cli

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/model"
)

var failOnNames = []string{"expired", "expiring", "no-expiration", "never-used", "unused", "inactive", "owner-inactive"}

// bindReportFlags adds --format and --fail-on, shared by list and review.
func bindReportFlags(cmd *cobra.Command, format, fail *string) {
	f := cmd.Flags()
	f.StringVar(format, "format", "", "output `FORMAT`: table (default), json, csv or markdown")
	f.StringVar(fail, "fail-on", "", "exit 6 if a reported token is one of these, comma-separated: "+strings.Join(failOnNames, ", ")+" (unused with --unused-for; inactive[=DAYS], SonarQube Cloud: within DAYS (14) of its removal; owner-inactive[=DAYS], review: owner not signed in for DAYS (90, or --owner-inactive))")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(failOnNames, cobra.ShellCompDirectiveNoFileComp))
}

type failOn struct {
	names     []failTerm
	statuses  map[model.Status]bool
	neverUsed bool
	// unused is the --unused-for threshold when "unused" is named.
	unused time.Duration
	// inactive: a Cloud token removed, if unused, within it.
	inactive time.Duration
	// ownerInactive: a token whose owner has not signed in within it.
	ownerInactive time.Duration
}

// failTerm is a --fail-on name as the verdict words it.
type failTerm struct{ one, many string }

func (t failTerm) word(n int) string {
	if n == 1 {
		return t.one
	}
	return t.many
}

// parseFailOn reads --fail-on with the --unused-for and --owner-inactive windows (0 when not given).
func parseFailOn(s string, unused, owner time.Duration) (failOn, error) {
	var f failOn
	for _, n := range strings.Split(s, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		n, days, hasDays := strings.Cut(n, "=")
		var window time.Duration
		if hasDays {
			d, err := parseDays(withDaySuffix(days))
			if err != nil || d <= 0 {
				return f, usageErr(fmt.Errorf("--fail-on %s=%s: give a number of days, such as %s=14", n, days, n))
			}
			window = d
		}
		if hasDays && n != "inactive" && n != "owner-inactive" {
			return f, usageErr(fmt.Errorf("--fail-on %s takes no =DAYS (only inactive and owner-inactive do)", n))
		}
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
		case "inactive":
			f.inactive = cmp.Or(window, model.DefaultCloudWarning)
			w := windowWords(f.inactive)
			f.names = append(f.names, failTerm{
				fmt.Sprintf("inactive (SonarQube Cloud removes it within %s if unused)", w),
				fmt.Sprintf("inactive (SonarQube Cloud removes them within %s if unused)", w),
			})
			continue
		case "owner-inactive":
			f.ownerInactive = cmp.Or(window, owner, model.DefaultOwnerInactive)
			w := windowWords(f.ownerInactive)
			f.names = append(f.names, failTerm{
				fmt.Sprintf("owner-inactive (its owner has not signed in for %s)", w),
				fmt.Sprintf("owner-inactive (their owners have not signed in for %s)", w),
			})
			continue
		default:
			return f, usageErr(fmt.Errorf("--fail-on %q: use %s", n, strings.Join(failOnNames, ", ")))
		}
		f.names = append(f.names, failTerm{n, n})
	}
	return f, nil
}

func (f failOn) hit(t model.Token, now time.Time, within time.Duration) bool {
	if f.ownerInactive > 0 {
		if gone, _ := t.OwnerInactiveFor(now, f.ownerInactive); gone {
			return true
		}
	}
	return f.statuses[t.StatusAt(now, within)] ||
		(f.neverUsed && t.LastUsed == nil) ||
		(f.unused > 0 && t.UnusedFor(now, f.unused)) ||
		(f.inactive > 0 && t.CloudRemovalWithin(now, f.inactive))
}

// withDaySuffix reads a bare number of days ("20") as days ("20d").
func withDaySuffix(s string) string {
	if _, err := strconv.Atoi(s); err == nil {
		return s + "d"
	}
	return s
}

// checkServer: inactive needs Cloud, owner-inactive a review.
func (f failOn) checkServer(cloud, review bool) error {
	if f.inactive > 0 && !cloud {
		return usageErr(errors.New("--fail-on inactive: only SonarQube Cloud removes unused tokens; on SonarQube Server use --fail-on unused with --unused-for"))
	}
	if f.ownerInactive > 0 && !review {
		return usageErr(errors.New("--fail-on owner-inactive applies to review, which reads when each owner last signed in"))
	}
	return nil
}

// check returns the exit-6 error when a reported token has a --fail-on status.
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
	words := make([]string, len(f.names))
	for i, t := range f.names {
		words[i] = t.word(n)
	}
	return &codedError{code: ExitFailOn, msg: fmt.Sprintf("%d reported %s %s (--fail-on)", n, tokens, strings.Join(words, " or "))}
}
