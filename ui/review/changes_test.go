package review

import (
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// TestChangesUpdateRowsAndSummary: tokens the server created or revoked
// elsewhere (a generate on the token page, a revocation in another
// user's table) join or leave the review, and its summary and user count
// follow; before any scan answered, the review ignores them.
func TestChangesUpdateRowsAndSummary(t *testing.T) {
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

	m, _ = m.Update(common.TokensAddedMsg{Owner: "linus", Tokens: []model.Token{{Login: "linus", Name: "kernel", Type: model.TypeGlobal}}})
	if s := m.Summary(); m.Table().Len() != 3 || s.Total != 3 || s.NoExpiration != 2 || m.users != 3 {
		t.Fatalf("after linus's new token: %d rows, summary %+v, %d users", m.Table().Len(), s, m.users)
	}
	m, _ = m.Update(common.TokensRevokedMsg{Tokens: []model.Token{{Login: "grace", Name: "old"}}})
	if s := m.Summary(); m.Table().Len() != 2 || s.Total != 2 || s.Expired != 0 || m.users != 2 {
		t.Fatalf("after grace's revocation: %d rows, summary %+v, %d users", m.Table().Len(), s, m.users)
	}
}
