package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
)

type logFlags struct {
	since, server string
	asJSON        bool
}

func (a *app) newLogCmd() *cobra.Command {
	var lf logFlags
	cmd := &cobra.Command{
		Use:   "log",
		Short: "Show the changes made through sonartoken (the audit log)",
		Long: `Print the audit log: every generate, revoke and rotate made through
sonartoken on this machine, with its server, users, token and outcome
(never a token's value). The log is $XDG_STATE_HOME/sonartoken/audit.jsonl
(~/.local/state/sonartoken/audit.jsonl by default) on Linux, one JSON
object a line.`,
		Example: `  sonartoken log --since 7d
  sonartoken log --server https://sonar.example.com --json | jq -r '.[] | select(.outcome != "ok")'`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return a.showLog(lf) },
	}
	f := cmd.Flags()
	f.StringVar(&lf.since, "since", "", "only the changes of the last `DURATION` (days as 7d, or a Go duration)")
	f.StringVar(&lf.server, "server", "", "only the changes made on the server at `URL`")
	f.BoolVar(&lf.asJSON, "json", false, "print a JSON array")
	return cmd
}

func (a *app) showLog(lf logFlags) error {
	now := a.io.Now()
	var cut int64
	if lf.since != "" {
		d, err := parseDays(lf.since)
		if err != nil {
			return usageErr(fmt.Errorf("--since: %w", err))
		}
		cut = now.Add(-d).UnixNano()
	}
	if a.io.AuditPath == nil {
		return errors.New("this build keeps no audit log")
	}
	path, err := a.io.AuditPath()
	if err != nil {
		return err
	}
	entries, bad, err := audit.Read(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(a.io.Err, "No change recorded yet (%s does not exist).\n", model.Printable(path))
	case err != nil:
		return err
	}
	if bad > 0 {
		fmt.Fprintf(a.io.Err, "warning: %d lines of %s are not entries (cut by a full disk?) and were skipped.\n", bad, model.Printable(path))
	}
	server := strings.TrimRight(lf.server, "/")
	kept := make([]audit.Entry, 0, len(entries))
	for _, e := range entries {
		if lf.since != "" && e.Time.UnixNano() < cut {
			continue
		}
		if server != "" && strings.TrimRight(e.Server, "/") != server {
			continue
		}
		kept = append(kept, e)
	}
	if lf.asJSON {
		return writeJSON(a.io.Out, kept)
	}
	if len(kept) == 0 {
		if err == nil {
			fmt.Fprintln(a.io.Err, "No change matches.")
		}
		return nil
	}
	rows := make([][]string, 0, len(kept))
	for _, e := range kept {
		rows = append(rows, logRow(e, a.io.Zone))
	}
	return plainTable(a.io.Out, []string{"TIME", "ACTION", "OUTCOME", "SERVER", "BY", "LOGIN", "NAME", "DETAIL"}, rows)
}

// logRow is one entry of the human form, its time in the user's zone loc
// (nil: time.Local), every outside string through model.Printable.
func logRow(e audit.Entry, loc *time.Location) []string {
	if loc == nil {
		loc = time.Local
	}
	var detail []string
	if e.NewName != "" {
		detail = append(detail, "new token "+model.Printable(e.NewName))
	}
	if e.Error != "" {
		detail = append(detail, model.Printable(e.Error))
	}
	d := strings.Join(detail, "; ")
	if d == "" {
		d = "-"
	}
	return []string{
		e.Time.In(loc).Format("2006-01-02 15:04:05"),
		model.Printable(string(e.Action)), model.Printable(string(e.Outcome)),
		orDash(model.Printable(e.Server)), orDash(model.Printable(e.Actor)),
		orDash(model.Printable(e.Login)), orDash(model.Printable(e.Name)), d,
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
