package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/muesli/termenv"

	"github.com/sonartoken/sonartoken/internal/cells"
	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/styles"
)

// tokenJSON is shared with the console's export.
type tokenJSON = reports.Token

// generatedJSON is generate's JSON output: the token and its value.
type generatedJSON struct {
	tokenJSON
	Token string `json:"token"`
}

// toJSON computes the status against the default expiring window.
func toJSON(t model.Token, now time.Time) tokenJSON {
	return reports.ToJSON(t, now, model.DefaultExpiringWithin)
}

// writeJSON escapes the characters a terminal acts on.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	if _, err := w.Write(reports.EscapeJSONControls(buf.Bytes())); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// shownValue is exact when piped; on a terminal, a value with control
// characters (only a hostile server sends one) goes through model.Printable.
func (a *app) shownValue(v model.Secret) string {
	if a.io.IsTerminal(a.io.Out) {
		return model.Printable(v.Reveal())
	}
	return v.Reveal()
}

// sortTokens orders tokens by login, then name, for stable output.
func sortTokens(toks []model.Token) {
	slices.SortStableFunc(toks, func(a, b model.Token) int {
		if c := strings.Compare(a.Login, b.Login); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
}

var tableHeaders = []string{"NAME", "TYPE", "PROJECT", "LAST USE", "CREATED", "EXPIRES", "STATUS"}

// Columns some reports add: Cloud's removal, the owner's sign-in.
const (
	removalHeader  = "REMOVAL"
	signedInHeader = "SIGNED IN"
)

// reportHeaders: no TYPE or PROJECT but REMOVAL on Cloud, LOGIN and SIGNED IN
// when withLogin, SERVER for several servers.
func reportHeaders(rep report, withLogin bool) []string {
	headers := slices.Clone(tableHeaders)
	if rep.Cloud {
		headers = slices.Delete(headers, 1, 3)
		headers = append(headers, removalHeader)
	}
	if rep.Owners {
		headers = append([]string{signedInHeader}, headers...)
	}
	if withLogin {
		headers = append([]string{"LOGIN"}, headers...)
	}
	if rep.Servers != nil {
		headers = append([]string{"SERVER"}, headers...)
	}
	return headers
}

// arrangeRow puts a token's cells under reportHeaders.
func arrangeRow(rep report, i int, withLogin bool, loc *time.Location, base []string, outside, own func(string) string) []string {
	t := rep.Tokens[i]
	row := base
	if rep.Cloud {
		row = slices.Delete(row, 1, 3)
		row = append(row, own(t.CloudRemovalReason(rep.Now)))
	}
	if rep.Owners {
		row = append([]string{own(ownerSignIn(t, loc))}, row...)
	}
	if withLogin {
		row = append([]string{outside(model.Printable(t.Login))}, row...)
	}
	if rep.Servers != nil {
		row = append([]string{outside(model.Printable(rep.Server(i)))}, row...)
	}
	return row
}

// ownerSignIn is the SIGNED IN cell; "?" when the review could not learn it.
func ownerSignIn(t model.Token, loc *time.Location) string {
	if t.Owner == nil {
		return "?"
	}
	return day(t.Owner.LastSignIn, "never", loc)
}

// removalShort is REMOVAL on a narrow terminal.
func removalShort(t model.Token, now time.Time) string {
	at, days := t.CloudRemoval(now)
	switch {
	case !at.After(now):
		return "due"
	case days == 1:
		return "in 1 day"
	}
	return fmt.Sprintf("in %d days", days)
}

func same(s string) string { return s }

// day is a created or last-use date: the day in the user's zone loc.
func day(t *time.Time, none string, loc *time.Location) string {
	if t == nil || t.IsZero() {
		return none
	}
	return model.DayIn(*t, loc)
}

// expiryDay is the day the token was generated to expire with, or none.
func expiryDay(t *time.Time, none string) string {
	if t == nil || t.IsZero() {
		return none
	}
	return model.ExpiryDay(*t)
}

// projectCell is the project's name (as the page shows it), else its key.
func projectCell(t model.Token) string {
	if t.ProjectName != "" {
		return model.Printable(t.ProjectName)
	}
	return model.Printable(t.ProjectKey)
}

func tableRow(t model.Token, now time.Time, within time.Duration, loc *time.Location) []string {
	typ := t.Type.ShortLabel()
	if typ == "" {
		typ = "-"
	}
	project := projectCell(t)
	if project == "" {
		project = "-"
	}
	return []string{
		model.Printable(t.Name), typ, project,
		day(t.LastUsed, "never", loc),
		day(&t.CreatedAt, "-", loc),
		expiryDay(t.ExpiresAt, "never"),
		t.StatusAt(now, within).String(),
	}
}

// printTokensWithin writes a lipgloss table on a terminal (colour unless NO_COLOR), else plain columns.
func (a *app) printTokensWithin(rep report, withLogin bool) error {
	out := bufio.NewWriterSize(a.io.Out, outBuffer)
	err := a.writeTokens(out, rep, withLogin)
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("write table: %w", ferr)
	}
	if odd := countOdd(rep); odd > 0 {
		holds := "1 token holds"
		if odd > 1 {
			holds = fmt.Sprintf("%d tokens hold", odd)
		}
		fmt.Fprintf(a.io.Err, "%s control or invisible characters, shown as escapes such as \\e or \\u200b; --json gives the exact values.\n", holds)
	}
	return err
}

// outBuffer: a pipe gets a few large writes, not one per cell.
const outBuffer = 64 << 10

// countOdd counts tokens the table shows with escapes.
func countOdd(rep report) int {
	odd := 0
	for i, t := range rep.Tokens {
		if model.AnyNeedsEscaping(t.Name, t.Login, t.ProjectKey, rep.Server(i)) {
			odd++
		}
	}
	return odd
}

// writeTokens writes plain columns unless standard output is a terminal.
func (a *app) writeTokens(w io.Writer, rep report, withLogin bool) error {
	toks, now, within := rep.Tokens, rep.Now, rep.Within
	headers := reportHeaders(rep, withLogin)
	row := func(i int) []string {
		return arrangeRow(rep, i, withLogin, a.io.Zone, tableRow(toks[i], now, within, a.io.Zone), same, same)
	}
	if !a.io.IsTerminal(a.io.Out) {
		return plainTable(w, headers, len(toks), row)
	}
	rows := make([][]string, 0, len(toks))
	words := make([][2]string, 0, len(toks))     // the EXPIRES cells in words
	var removals []string                        // the REMOVAL cells in short
	status := make([]model.Status, 0, len(toks)) // the rows' colours
	for i, t := range toks {
		rows = append(rows, row(i))
		words = append(words, [2]string{expiresInWords(t, now, within, true), expiresInWords(t, now, within, false)})
		if rep.Cloud {
			removals = append(removals, removalShort(t, now))
		}
		st := t.StatusAt(now, within)
		if rep.Cloud && st != model.StatusExpired && t.CloudRemovalWithin(now, model.DefaultCloudWarning) {
			// Coloured as an expiry soon.
			st = model.StatusExpiring
		}
		status = append(status, st)
	}
	if rep.Servers != nil {
		if err := labelServers(w, rep, rows); err != nil {
			return err
		}
	}
	tt := terminalTable{headers: headers, rows: rows, words: words, short: map[string][]string{removalHeader: removals}}
	if rep.Owners && !rep.ownerFilter {
		// Sign-ins give way first, unless the review is about them.
		tt.optional = []string{signedInHeader}
	}
	f := tt.fit(a.io.Width(a.io.Out))
	r := lipgloss.NewRenderer(a.io.Out)
	if a.io.Getenv("NO_COLOR") != "" {
		r.SetColorProfile(termenv.Ascii)
	}
	header := r.NewStyle().Bold(true)
	cell := r.NewStyle()
	// Colours readable on white and black alike, so no background detection.
	expired := cell.Foreground(styles.Plain.Danger)
	expiring := cell.Foreground(styles.Plain.Warning)
	style := func(row int) lipgloss.Style {
		switch {
		case row == table.HeaderRow:
			return header
		case row >= 0 && row < len(status) && status[row] == model.StatusExpired:
			return expired
		case row >= 0 && row < len(status) && status[row] == model.StatusExpiring:
			return expiring
		}
		return cell
	}
	if !f.bordered {
		return writeColumns(w, f, style)
	}
	tb := table.New().
		Border(lipgloss.RoundedBorder()).
		BorderStyle(r.NewStyle().Foreground(styles.Plain.Muted)). // not faint: its colour is the terminal's
		Headers(f.headers...).
		Rows(f.rows...).
		StyleFunc(func(row, _ int) lipgloss.Style { return style(row).Padding(0, 1) })
	if _, err := fmt.Fprintln(w, tb.Render()); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// writeColumns writes a borderless table, each line in its row's style.
func writeColumns(w io.Writer, f fitted, style func(row int) lipgloss.Style) error {
	var l strings.Builder
	line := func(st lipgloss.Style, cs []string) error {
		l.Reset()
		for i, c := range cs {
			if i > 0 {
				l.WriteString(strings.Repeat(" ", gapWidth))
			}
			l.WriteString(c)
			if i < len(cs)-1 && i < len(f.widths) {
				l.WriteString(strings.Repeat(" ", max(0, f.widths[i]-cells.Width(c))))
			}
		}
		if _, err := io.WriteString(w, st.Render(l.String())+"\n"); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
		return nil
	}
	if err := line(style(table.HeaderRow), f.headers); err != nil {
		return err
	}
	for r, row := range f.rows {
		if err := line(style(r), row); err != nil {
			return err
		}
	}
	return nil
}

// plainTable writes rows byte for byte as text/tabwriter (padding 2) without
// holding them: row(i) is called twice, to measure and to write.
func plainTable(w io.Writer, headers []string, n int, row func(i int) []string) error {
	cols := newColumns(headers)
	for i := range n {
		cols.measure(row(i))
	}
	bw := bufio.NewWriterSize(w, outBuffer) // w itself when it is one
	err := cols.write(bw, headers)
	for i := 0; i < n && err == nil; i++ {
		err = cols.write(bw, row(i))
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}
