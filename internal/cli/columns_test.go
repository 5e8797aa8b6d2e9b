package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
)

// TestPlainTableAsTabwriter checks that the table to a pipe, written in
// two passes without holding its rows, is byte for byte what
// text/tabwriter (padding 2) wrote before: wide and combining characters
// counted as runes, empty cells, one row, none.
func TestPlainTableAsTabwriter(t *testing.T) {
	headers := []string{"LOGIN", "NAME", "PROJECT", "STATUS"}
	for _, rows := range [][][]string{
		nil,
		{{"ada", "ci", "-", "active"}},
		{
			{"ada.lovelace", "ci-pipeline", "Payments API", "expired"},
			{"bob", "名前トークン", "-", "active"},
			{"", "e\u0301te\u0301", "x", ""},
			{"c", strings.Repeat("n", 150), "-", "no-expiration"},
		},
	} {
		var want bytes.Buffer
		tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(headers, "\t"))
		for _, r := range rows {
			fmt.Fprintln(tw, strings.Join(r, "\t"))
		}
		if err := tw.Flush(); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := plainTable(&got, headers, len(rows), func(i int) []string { return rows[i] }); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("plainTable:\n%s\ntabwriter:\n%s", got.String(), want.String())
		}
	}
}

// failAfter accepts n bytes, then fails every write, counting them.
type failAfter struct {
	n, calls, failed int
}

func (w *failAfter) Write(p []byte) (int, error) {
	w.calls++
	if len(p) > w.n {
		w.failed++
		k := w.n
		w.n = 0
		return k, errors.New("broken pipe")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestOutputStopsWhenTheReaderGoes checks that each format written to a
// reader that goes away (a broken pipe, `| head`) returns the error after
// one failed write rather than formatting the rest of a large report, and
// that what it buffered before was handed on.
func TestOutputStopsWhenTheReaderGoes(t *testing.T) {
	rep := benchReport(20000)
	for _, f := range formats {
		t.Run(f, func(t *testing.T) {
			w := &failAfter{n: 100 << 10}
			a := &app{io: IO{Out: w, Zone: time.UTC}.withDefaults()}
			err := a.emit(f, rep, true)
			if err == nil {
				t.Fatal("no error")
			}
			if w.failed != 1 {
				t.Errorf("%d writes failed, want 1 (then stop): %v", w.failed, err)
			}
			if w.calls > 4 {
				t.Errorf("%d writes for 100 KiB, want a few large ones", w.calls)
			}
		})
	}
}

// TestMarkdownSameStreamed checks the Markdown table written a row at a
// time against one built whole, on a report of two servers.
func TestMarkdownSameStreamed(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	exp := now.Add(-time.Hour)
	rep := report{Report: reports.Report{
		Tokens: []model.Token{
			{Login: "ada", Name: "a|b`c", Type: model.TypeProject, ProjectKey: "k", ProjectName: "P_1", CreatedAt: now, ExpiresAt: &exp},
			{Login: "bob@example.com", Name: "ci", Type: model.TypeUser, CreatedAt: now},
		},
		Servers: []string{"https://a.example.com", "https://b.example.com"},
		Now:     now, Within: model.DefaultExpiringWithin,
	}}
	var got bytes.Buffer
	if err := writeMarkdown(&got, rep, time.UTC); err != nil {
		t.Fatal(err)
	}
	want := "**2 tokens** on 2026-06-01: 1 expired, 0 expiring within 7 days, 0 active, 1 without expiration.\n\n" +
		"| Server | Login | Name | Type | Project | Last use | Created | Expires | Status |\n" +
		"|---|---|---|---|---|---|---|---|---|\n" +
		"| `https://a.example.com` | `ada` | ``a\\|b`c`` | Project | `P_1` | never | 2026-06-01 | 2026-05-31 | expired |\n" +
		"| `https://b.example.com` | `bob@example.com` | `ci` | User | - | never | 2026-06-01 | never | no-expiration |\n"
	if got.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
}
