package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/internal/audit"
	reports "github.com/sonartoken/sonartoken/internal/report"
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

// showLog holds one line at a time; the table's second read stops where the first
// did, so an entry appended meanwhile cannot break the columns.
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
	server := strings.TrimRight(lf.server, "/")
	keep := func(e audit.Entry) bool {
		return (lf.since == "" || e.Time.UnixNano() >= cut) &&
			(server == "" || strings.TrimRight(e.Server, "/") == server)
	}
	out := bufio.NewWriterSize(a.io.Out, 64<<10)
	var skipped audit.Skipped
	if lf.asJSON {
		skipped, err = writeLogJSON(out, path, keep)
	} else {
		skipped, err = a.writeLogTable(out, path, keep)
	}
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("write the log: %w", ferr)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(a.io.Err, "No change recorded yet (%s does not exist).\n", model.Printable(path))
		if lf.asJSON {
			_, err = fmt.Fprintln(a.io.Out, "[]")
			return err
		}
		return nil
	case errors.Is(err, errNoMatch):
		fmt.Fprintln(a.io.Err, "No change matches.")
		err = nil
	}
	if n := skipped.Total(); n > 0 {
		var why []string
		if skipped.TooLong > 0 {
			why = append(why, fmt.Sprintf("%d longer than %d KB", skipped.TooLong, audit.MaxLine>>10))
		}
		if skipped.NotEntries > 0 {
			why = append(why, fmt.Sprintf("%d not entries (cut by a full disk?)", skipped.NotEntries))
		}
		lines := "1 line"
		if n > 1 {
			lines = fmt.Sprintf("%d lines", n)
		}
		fmt.Fprintf(a.io.Err, "warning: %s of %s skipped: %s; sonartoken writes neither.\n", lines, model.Printable(path), strings.Join(why, ", "))
	}
	return err
}

// errNoMatch is writeLogTable's report of a log with no entry to show.
var errNoMatch = errors.New("no change matches")

// logHeaders are the log table's column titles.
var logHeaders = []string{"TIME", "ACTION", "OUTCOME", "SERVER", "BY", "LOGIN", "NAME", "DETAIL"}

// writeLogTable keeps up to maxHeldRows from the measuring read, else reads again to write.
func (a *app) writeLogTable(w *bufio.Writer, path string, keep func(audit.Entry) bool) (audit.Skipped, error) {
	cols := newColumns(logHeaders)
	rows := 0
	var held [][]string // the rows, while few: then the file is read once
	skipped, err := audit.Scan(path, func(e audit.Entry) error {
		if keep(e) {
			rows++
			row := logRow(e, a.io.Zone)
			cols.measure(row)
			if held != nil || rows == 1 {
				held = append(held, row)
				if len(held) > maxHeldRows {
					held = nil
				}
			}
		}
		return nil
	})
	if err != nil {
		return skipped, err
	}
	if rows == 0 {
		return skipped, errNoMatch
	}
	if err := cols.write(w, logHeaders); err != nil {
		return skipped, fmt.Errorf("write the log: %w", err)
	}
	if len(held) == rows {
		for _, row := range held {
			if err := cols.write(w, row); err != nil {
				return skipped, fmt.Errorf("write the log: %w", err)
			}
		}
		return skipped, nil
	}
	left := rows
	_, err = audit.Scan(path, func(e audit.Entry) error {
		if left == 0 {
			return errLogDone // appended since the first read
		}
		if keep(e) {
			left--
			if err := cols.write(w, logRow(e, a.io.Zone)); err != nil {
				return fmt.Errorf("write the log: %w", err)
			}
		}
		return nil
	})
	if errors.Is(err, errLogDone) {
		err = nil
	}
	return skipped, err
}

// maxHeldRows is a few MB of rows.
var maxHeldRows = 10000

// errLogDone stops the second read of the log at the first read's end.
var errLogDone = errors.New("done")

// writeLogJSON streams the entries as writeJSON would write the slice.
func writeLogJSON(w *bufio.Writer, path string, keep func(audit.Entry) bool) (audit.Skipped, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	n := 0
	skipped, err := audit.Scan(path, func(e audit.Entry) error {
		if !keep(e) {
			return nil
		}
		buf.Reset()
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("write JSON: %w", err)
		}
		if n == 0 {
			w.WriteString("[\n  ")
		} else {
			w.WriteString(",\n  ")
		}
		n++
		if _, err := w.Write(reports.EscapeJSONControls(bytes.TrimRight(buf.Bytes(), "\n"))); err != nil {
			return fmt.Errorf("write the log: %w", err) // the reader is gone
		}
		return nil
	})
	if err != nil {
		return skipped, err
	}
	if n == 0 {
		w.WriteString("[]\n")
	} else {
		w.WriteString("\n]\n")
	}
	return skipped, nil
}

// logRow is one entry in the human form, outside strings through model.Printable.
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
