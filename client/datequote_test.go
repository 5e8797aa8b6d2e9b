package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
)

// TestBadDateQuotedAfterTheTokenGoes: a date the client cannot read is
// quoted in its error, cut to 40 characters, and the cut came before the
// client's token was removed: a date that put the token at character 29
// to 36 left its first 4 to 11 characters. The token now goes first.
func TestBadDateQuotedAfterTheTokenGoes(t *testing.T) {
	const token = "squ_c0ffee0123456789abcdef0123456789abcdef"
	for lead := 20; lead <= 40; lead++ {
		date := strings.Repeat("9", lead) + token
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"paging":{"pageIndex":1,"pageSize":50,"total":1},"users":[{"login":"a","lastConnectionDate":%q}]}`, date)
		}))
		_, err := newClient(t, srv.URL, token).SearchUsersLegacy(context.Background(), UsersQuery{})
		srv.Close()
		if err == nil {
			t.Fatalf("lead %d: a date of %q was read", lead, date)
		}
		text := errorText(err)
		if n := 40 - lead; n >= 5 && strings.Contains(text, token[:n]) {
			t.Errorf("lead %d: %d characters of the token remain: %s", lead, n, text)
		}
		if strings.Contains(text, token[4:16]) {
			t.Errorf("lead %d: the token remains: %s", lead, text)
		}
	}
}

// TestGenerateAnswerDateHoldsNoNewToken: a generate answer that echoes the
// new token into a date it cannot read gets an error without the token:
// the new value was quoted whole (only the client's own token was removed).
func TestGenerateAnswerDateHoldsNoNewToken(t *testing.T) {
	const value = "squ_fresh0123456789abcdef0123456789abcdef0"
	for _, date := range []string{value, "2026-03-01 " + value, strings.Repeat("9", 33) + value} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if r.URL.Path == "/api/server/version" {
				w.Header().Set("Content-Type", "text/plain")
				fmt.Fprint(w, "10.6.0.92116")
				return
			}
			fmt.Fprintf(w, `{"login":"admin","name":"ci","token":%q,"createdAt":%q,"type":"USER_TOKEN"}`, value, date)
		}))
		c := newClient(t, srv.URL, "squ_console0000000000000000000000000000000")
		_, err := c.Generate(context.Background(), GenerateRequest{Name: "ci", Type: model.TypeUser})
		srv.Close()
		if err == nil {
			t.Fatalf("a createdAt of %q was read", date)
		}
		text := errorText(err)
		for n := 5; n <= len(value); n++ {
			if strings.Contains(text, value[:n]) || strings.Contains(text, value[len(value)-n:]) {
				t.Errorf("createdAt %q: %d characters of the new token remain: %s", date, n, text)
				break
			}
		}
	}
}
