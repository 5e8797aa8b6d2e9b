package review

import (
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// TestChangesUpdateRowsAndSummary: tokens the server created or revoked
// elsewhere (a generate on the token page, a revocation in another
// user's table) join or leave the review, and its summary and user count
// follow; one confirmed before the scan's first answer is listed with it.
func TestChangesUpdateRowsAndSummary(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	past := now.Add(-48 * time.Hour)
	v, err := model.ParseVersion("10.6.0.92116")
	if err != nil {
		t.Fatal(err)
	}
	m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(v), false)
	m.SetSize(98, 20)
	m.Start()
	m, _ = m.Update(common.TokensAddedMsg{Owner: "ada", Tokens: []model.Token{{Login: "ada", Name: "early"}}})
	if m.Table().Len() != 0 {
		t.Fatal("a review not loaded listed a token")
	}
	m.AddBatch(client.ScanBatch{Login: "ada", Tokens: []model.Token{{Login: "ada", Name: "laptop", Type: model.TypeUser}}})
	m.AddBatch(client.ScanBatch{Login: "grace", Tokens: []model.Token{{Login: "grace", Name: "old", Type: model.TypeUser, ExpiresAt: &past, Expired: true}}})
	m.Finish(false)

	if m.Table().Len() != 3 {
		t.Fatalf("after the scan: %d rows, want early, laptop and old", m.Table().Len())
	}
	m, _ = m.Update(common.TokensAddedMsg{Owner: "linus", Tokens: []model.Token{{Login: "linus", Name: "kernel", Type: model.TypeGlobal}}})
	if s := m.Summary(); m.Table().Len() != 4 || s.Total != 4 || s.NoExpiration != 3 || m.users != 3 {
		t.Fatalf("after linus's new token: %d rows, summary %+v, %d users", m.Table().Len(), s, m.users)
	}
	m, _ = m.Update(common.TokensRevokedMsg{Tokens: []model.Token{{Login: "grace", Name: "old"}}})
	if s := m.Summary(); m.Table().Len() != 3 || s.Total != 3 || s.Expired != 0 || m.users != 2 {
		t.Fatalf("after grace's revocation: %d rows, summary %+v, %d users", m.Table().Len(), s, m.users)
	}
}

// TestChangesDuringScanNoDuplicate: a user's answer may leave the server
// before or after a change confirmed during the scan; either way an added
// token is listed once, a revoked one does not come back, and the user
// count stays true.
func TestChangesDuringScanNoDuplicate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	v, err := model.ParseVersion("10.6.0.92116")
	if err != nil {
		t.Fatal(err)
	}
	m := New(common.New(func() time.Time { return now }), model.CapabilitiesOf(v), false)
	m.SetSize(98, 20)
	m.Start()
	m.AddBatch(client.ScanBatch{Login: "john", Tokens: []model.Token{{Login: "john", Name: "a"}}})
	m, _ = m.Update(common.TokensAddedMsg{Owner: "ada", Tokens: []model.Token{{Login: "ada", Name: "new"}}})
	m, _ = m.Update(common.TokensRevokedMsg{Tokens: []model.Token{{Login: "grace", Name: "x"}}})
	// Answers sent before the changes: ada's has no "new", grace's still has "x".
	m.AddBatch(client.ScanBatch{Login: "ada", Tokens: []model.Token{{Login: "ada", Name: "new"}, {Login: "ada", Name: "old"}}})
	m.AddBatch(client.ScanBatch{Login: "grace", Tokens: []model.Token{{Login: "grace", Name: "x"}, {Login: "grace", Name: "y"}}})
	m.Finish(false)
	count := map[string]int{}
	for _, tk := range m.Table().Tokens() {
		count[tk.Login+"/"+tk.Name]++
	}
	want := map[string]int{"john/a": 1, "ada/new": 1, "ada/old": 1, "grace/y": 1}
	if len(count) != len(want) {
		t.Fatalf("rows %v, want %v", count, want)
	}
	for k, n := range want {
		if count[k] != n {
			t.Fatalf("rows %v, want %v", count, want)
		}
	}
	if s := m.Summary(); s.Total != 4 || m.users != 3 {
		t.Fatalf("summary %+v, %d users; want 4 tokens of 3 users", s, m.users)
	}
}

// l filters to the selected token's login; the filter line names the login
// a server sent with its terminal controls as visible escapes.
func TestLoginFilterLineIsPrintable(t *testing.T) {
	t.Parallel()
	m := New(common.New(func() time.Time { return chartNow }), model.CapabilitiesOf(v106), false)
	m.SetSize(100, 26)
	m.Start()
	m.AddTokens([]model.Token{{Login: "ev\x1b]0;PWNED\a\u202e", Name: "ci", Type: model.TypeUser, CreatedAt: chartNow}})
	m.Finish(false)
	m = send(m, "l")
	view := m.View()
	if strings.ContainsAny(view, "\x1b\a\u202e") {
		t.Fatalf("the review holds raw controls:\n%q", view)
	}
	if !strings.Contains(view, `login ev\e]0;PWNED\a\u202e`) {
		t.Errorf("the filter line lacks the escaped login:\n%s", view)
	}
}
