package cli

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
)

// The output formats of list and review (--format).
const (
	formatTable    = "table"
	formatJSON     = "json"
	formatCSV      = "csv"
	formatMarkdown = "markdown"
)

var formats = []string{formatTable, formatJSON, formatCSV, formatMarkdown}

// resolveFormat reads --format, with --json as a synonym of --format json.
func resolveFormat(format string, asJSON bool) (string, error) {
	f := strings.ToLower(strings.TrimSpace(format))
	switch {
	case f == "md":
		f = formatMarkdown
	case f == "":
		f = formatTable
		if asJSON {
			f = formatJSON
		}
	}
	for _, ok := range formats {
		if f == ok {
			if asJSON && f != formatJSON {
				return "", usageErr(fmt.Errorf("--json and --format %s disagree: give one of them", f))
			}
			return f, nil
		}
	}
	return "", usageErr(fmt.Errorf("--format %q: use table, json, csv or markdown", format))
}

// report is the tokens a command prints, with their servers and labels.
type report struct {
	reports.Report
	// labels[i] names Servers[i] on a terminal; the URL goes to a legend.
	labels []string
	// ownerFilter (--owner-inactive) keeps SIGNED IN on a narrow terminal.
	ownerFilter bool
}

// writeMarkdown writes the summary and a table for a ticket or chat;
// outside strings go in code spans (mdCode), our own cells are escaped.
func writeMarkdown(w io.Writer, r report, loc *time.Location) error {
	b := bufio.NewWriterSize(w, outBuffer)
	err := writeMarkdownTo(b, r, loc)
	if ferr := b.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("write Markdown: %w", err)
	}
	return nil
}

func writeMarkdownTo(b *bufio.Writer, r report, loc *time.Location) error {
	counts := map[model.Status]int{}
	for _, t := range r.Tokens {
		counts[t.StatusAt(r.Now, r.Within)]++
	}
	tokens := "tokens"
	if len(r.Tokens) == 1 {
		tokens = "token"
	}
	fmt.Fprintf(b, "**%d %s** on %s: %d expired, %d expiring within %s, %d active, %d without expiration.\n\n",
		len(r.Tokens), tokens, model.DayIn(r.Now, loc), counts[model.StatusExpired], counts[model.StatusExpiring],
		windowWords(r.Within), counts[model.StatusActive], counts[model.StatusNoExpiration])
	headers := reportHeaders(r, true)
	for i, h := range headers {
		headers[i] = mdHeader(h)
	}
	b.WriteString("| " + strings.Join(headers, " | ") + " |\n")
	b.WriteString(strings.Repeat("|---", len(headers)) + "|\n")
	for i, t := range r.Tokens {
		row := tableRow(t, r.Now, r.Within, loc) // printable already
		for j := range row {
			row[j] = mdEscape(row[j])
		}
		row[0] = mdCode(model.Printable(t.Name))
		if !slices.Contains(model.TokenTypes, t.Type) && t.Type != model.TypeUnknown {
			row[1] = mdCode(t.Type.ShortLabel()) // as the server sent it
		}
		if p := projectCell(t); p != "" {
			row[2] = mdCode(p)
		}
		row = arrangeRow(r, i, true, loc, row, mdCode, mdEscape)
		b.WriteString("| ")
		for j, c := range row {
			if j > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(c)
		}
		if _, err := b.WriteString(" |\n"); err != nil {
			return err // the reader is gone
		}
	}
	return nil
}

// mdHeader is a header as the Markdown report writes it.
func mdHeader(h string) string {
	return h[:1] + strings.ToLower(h[1:])
}

// mdEscape escapes what would end a cell or format our own cells.
func mdEscape(s string) string {
	if !strings.ContainsAny(s, mdSpecial) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(mdSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

const mdSpecial = "\\`*_[]<>|~!#"

// mdCode puts an outside string in a code span, where GitHub finds no autolinks,
// mentions or refs, which backslash escapes cannot stop.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	run, longest := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	pad := ""
	if strings.Trim(s, " ") != "" && (strings.ContainsRune("` ", rune(s[0])) || strings.ContainsRune("` ", rune(s[len(s)-1]))) {
		pad = " "
	}
	return fence + pad + strings.ReplaceAll(s, "|", `\|`) + pad + fence
}

// windowWords is the expiring window as "7 days" or a Go duration.
func windowWords(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		n := int(d / (24 * time.Hour))
		if n == 1 {
			return "1 day"
		}
		return fmt.Sprintf("%d days", n)
	}
	return d.String()
}

// emit prints rep as a table, JSON, CSV or Markdown; an empty table is the caller's to word.
func (a *app) emit(format string, rep report, withLogin bool) error {
	switch format {
	case formatJSON:
		return reports.WriteJSON(a.io.Out, rep.Report)
	case formatCSV:
		return reports.WriteCSV(a.io.Out, rep.Report)
	case formatMarkdown:
		return writeMarkdown(a.io.Out, rep, a.io.Zone)
	}
	return a.printTokensWithin(rep, withLogin)
}
