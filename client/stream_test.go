package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/model"
)

// TestSearchTokensDecodesAsItArrives: a user's 20,000 tokens are decoded
// from the answer as it arrives, not from a whole copy of it and a slice
// of every decoded answer item. Reading the 4 MB answer
// whole, then decoding it, allocated about 2,000 B a token; decoding it
// as it arrives, about 1,150 (the kept tokens, their strings and dates,
// and the decoder's own work).
func TestSearchTokensDecodesAsItArrives(t *testing.T) {
	const n = 20000
	var b strings.Builder
	b.WriteString(`{"login":"jdoe","userTokens":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"token-%05d-with-a-long-enough-name","type":"USER_TOKEN","createdAt":"2024-01-01T00:00:00+0000","lastConnectionDate":"2024-02-01T00:00:00+0000","expirationDate":"2025-01-01T00:00:00+0000","isExpired":false}`, i)
	}
	b.WriteString(`]}`)
	body := b.String()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c := patientClient(t, srv.URL)
	v, err := model.ParseVersion("10.6.0.92116")
	if err != nil {
		t.Fatal(err)
	}
	c.SetVersion(v)
	ctx := context.Background()
	if _, err := c.SearchTokens(ctx, "jdoe"); err != nil { // warm the connection
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	toks, err := c.SearchTokens(ctx, "jdoe")
	runtime.ReadMemStats(&after)
	if err != nil || len(toks) != n || toks[n-1].Login != "jdoe" {
		t.Fatalf("SearchTokens: %d tokens, %v", len(toks), err)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	perToken := float64(allocated) / n
	t.Logf("answer %d KB; allocated %d KB, %.0f B a token", len(body)>>10, allocated>>10, perToken)
	if perToken > 1500 {
		t.Errorf("allocated %.0f B a token for an answer of %d B a token: the answer is held whole", perToken, len(body)/n)
	}
}
