// Package report writes token lists as CSV and JSON for --format and the console's export.
package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/sonartoken/sonartoken/model"
)

// Project is a token's project in JSON output.
type Project struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// Token is one token in JSON output; its fields are documented in the README.
type Token struct {
	// Server is set when a report covers several servers.
	Server             string   `json:"server,omitempty"`
	Login              string   `json:"login"`
	Name               string   `json:"name"`
	Type               *string  `json:"type"`
	Project            *Project `json:"project"`
	CreatedAt          *string  `json:"createdAt"`
	LastConnectionDate *string  `json:"lastConnectionDate"`
	ExpirationDate     *string  `json:"expirationDate"`
	IsExpired          bool     `json:"isExpired"`
	Status             string   `json:"status"`
	// Owner is set in a review.
	Owner *Owner `json:"owner,omitempty"`
	// CloudRemoval is set on Cloud.
	CloudRemoval *CloudRemoval `json:"cloudRemoval,omitempty"`
}

// Owner is a token's owner in JSON output.
type Owner struct {
	// LastSignIn is RFC 3339, or null when the owner never signed in.
	LastSignIn *string `json:"lastSignIn"`
}

// CloudRemoval is when SonarQube Cloud removes an unused token.
type CloudRemoval struct {
	// Date is RFC 3339: 60 days after the last use, or the creation.
	Date string `json:"date"`
	// DaysLeft is the whole days until then, rounded up; 0 when due.
	DaysLeft int `json:"daysLeft"`
}

// RFC3339 formats an optional instant; nil for none.
func RFC3339(t *time.Time) *string {
	if t == nil || t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

// ToJSON computes the status at now against the window within.
func ToJSON(t model.Token, now time.Time, within time.Duration) Token {
	j := Token{
		Login:              t.Login,
		Name:               t.Name,
		CreatedAt:          RFC3339(&t.CreatedAt),
		LastConnectionDate: RFC3339(t.LastUsed),
		ExpirationDate:     RFC3339(t.ExpiresAt),
		IsExpired:          t.IsExpiredAt(now),
		Status:             t.StatusAt(now, within).String(),
	}
	if t.Type != model.TypeUnknown {
		s := string(t.Type)
		j.Type = &s
	}
	if t.ProjectKey != "" {
		j.Project = &Project{Key: t.ProjectKey, Name: t.ProjectName}
	}
	if t.Owner != nil {
		j.Owner = &Owner{LastSignIn: RFC3339(t.Owner.LastSignIn)}
	}
	return j
}

func cloudRemoval(t model.Token, now time.Time) *CloudRemoval {
	at, days := t.CloudRemoval(now)
	return &CloudRemoval{Date: at.Format(time.RFC3339), DaysLeft: days}
}

// Report is the tokens to write, with their servers when several.
type Report struct {
	Tokens []model.Token
	// Servers[i] is the server of Tokens[i]; nil for one server.
	Servers []string
	Now     time.Time
	Within  time.Duration
	// Cloud adds when Cloud removes each token if unused.
	Cloud bool
	// Owners adds when each token's owner last signed in.
	Owners bool
}

// Server is the i-th token's server, "" for one server.
func (r Report) Server(i int) string {
	if r.Servers == nil {
		return ""
	}
	return r.Servers[i]
}

// WriteJSON writes the report as an indented JSON array of Token.
func WriteJSON(w io.Writer, r Report) error {
	return WriteJSONArray(w, len(r.Tokens), func(i int) Token {
		j := ToJSON(r.Tokens[i], r.Now, r.Within)
		j.Server = r.Server(i)
		if r.Cloud {
			j.CloudRemoval = cloudRemoval(r.Tokens[i], r.Now)
		}
		return j
	})
}

// CSVHeader is the CSV header; server, ownerLastSignIn and cloudRemovalDate are added as needed.
var CSVHeader = []string{"login", "name", "type", "projectKey", "createdAt", "lastConnectionDate", "expirationDate", "status"}

// WriteCSV writes RFC 4180 rows; server cells are made safe by CSVCell.
func WriteCSV(w io.Writer, r Report) error {
	cw := csv.NewWriter(bufio.NewWriterSize(w, 64<<10)) // csv.Writer writes through it
	defer cw.Flush()
	header := CSVHeader
	if r.Servers != nil {
		header = append([]string{"server"}, header...)
	}
	if r.Owners {
		header = append(slices.Clip(header), "ownerLastSignIn")
	}
	if r.Cloud {
		header = append(slices.Clip(header), "cloudRemovalDate")
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	for i, t := range r.Tokens {
		row := []string{
			CSVCell(t.Login), CSVCell(t.Name), CSVCell(string(t.Type)), CSVCell(t.ProjectKey),
			deref(RFC3339(&t.CreatedAt)), deref(RFC3339(t.LastUsed)), deref(RFC3339(t.ExpiresAt)),
			t.StatusAt(r.Now, r.Within).String(),
		}
		if r.Servers != nil {
			row = append([]string{CSVCell(r.Server(i))}, row...)
		}
		if r.Owners {
			var last *time.Time
			if t.Owner != nil {
				last = t.Owner.LastSignIn
			}
			row = append(row, deref(RFC3339(last)))
		}
		if r.Cloud {
			row = append(row, cloudRemoval(t, r.Now).Date)
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// CSVCell makes an outside string safe for a terminal (Printable) and a
// spreadsheet (a quote before a formula, as OWASP advises).
func CSVCell(s string) string {
	s = model.Printable(s)
	if formulaStart(s) {
		return "'" + s
	}
	return s
}

// formulaStart reports a leading = + - @ after any spaces, fullwidth and
// small forms included, which spreadsheets fold to ASCII.
func formulaStart(s string) bool {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Zs, r):
			continue
		case strings.ContainsRune("=+-@\t\r＝＋－＠﹦﹢﹣﹫", r):
			return true
		}
		return false
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
