package cli

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	reports "github.com/sonartoken/sonartoken/internal/report"
	"github.com/sonartoken/sonartoken/model"
)

// TestWriteJSONArrayMatchesWriteJSON checks the streamed array
// (report.WriteJSONArray, which list and review write) is byte for byte
// what writeJSON writes, empty, with one element and with several,
// nulls, nested objects and characters HTML escaping would change.
func TestWriteJSONArrayMatchesWriteJSON(t *testing.T) {
	used := now.Add(-time.Hour)
	exp := now.Add(48 * time.Hour)
	toks := []model.Token{
		{Login: "a<b>&c", Name: "n\"1\u2028", Type: model.TokenTypes[0], CreatedAt: now},
		{Login: "dev", Name: "scan", Type: model.TokenTypes[2], ProjectKey: "app", ProjectName: "The App", CreatedAt: now, LastUsed: &used, ExpiresAt: &exp},
		{Login: "ops", Name: "old", CreatedAt: now.Add(-24 * time.Hour), ExpiresAt: &used},
	}
	for n := 0; n <= len(toks); n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			all := make([]tokenJSON, n)
			for i := range n {
				all[i] = toJSON(toks[i], now)
			}
			var want, got bytes.Buffer
			must(t, writeJSON(&want, all))
			must(t, reports.WriteJSONArray(&got, n, func(i int) tokenJSON { return toJSON(toks[i], now) }))
			if got.String() != want.String() {
				t.Errorf("streamed:\n%s\nwriteJSON:\n%s", got.String(), want.String())
			}
		})
	}
}
