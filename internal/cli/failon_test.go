package cli

import (
	"strings"
	"testing"
	"time"

	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
)

// TestFailOnWordsAgree: the --fail-on verdict's words agree with the
// number of tokens it names: "1 reported token is inactive (SonarQube
// Cloud removes it …)", "2 reported tokens are inactive (SonarQube Cloud
// removes them …)". The plural said "removes it" and "its owner".
func TestFailOnWordsAgree(t *testing.T) {
	used := now.Add(-50 * 24 * time.Hour)
	idle := model.Token{Login: "admin", Name: "ci", CreatedAt: now.Add(-100 * 24 * time.Hour), LastUsed: &used, Owner: &model.OwnerActivity{}}
	for _, c := range []struct {
		failOn string
		n      int
		want   string
	}{
		{"inactive", 1, "1 reported token is inactive (SonarQube Cloud removes it within 14 days if unused) (--fail-on)"},
		{"inactive", 2, "2 reported tokens are inactive (SonarQube Cloud removes them within 14 days if unused) (--fail-on)"},
		{"owner-inactive", 1, "1 reported token is owner-inactive (its owner has not signed in for 90 days) (--fail-on)"},
		{"owner-inactive", 3, "3 reported tokens are owner-inactive (their owners have not signed in for 90 days) (--fail-on)"},
		{"expired,inactive=20", 2, "2 reported tokens are expired or inactive (SonarQube Cloud removes them within 20 days if unused) (--fail-on)"},
	} {
		f, err := parseFailOn(c.failOn, 0, 0)
		must(t, err)
		rep := report{Report: reports.Report{Now: now, Within: 7 * 24 * time.Hour}}
		for range c.n {
			rep.Tokens = append(rep.Tokens, idle)
		}
		err = f.check(rep)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("--fail-on %s with %d tokens: %v\nwant %s", c.failOn, c.n, err, c.want)
		}
	}
}
