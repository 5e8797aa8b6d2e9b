package detail

import (
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// TestDetailCloudRemoval: on Cloud the view says when the token goes if
// unused (60 days after its last use, in the user's zone) and the rule;
// off Cloud it says nothing of it.
func TestDetailCloudRemoval(t *testing.T) {
	t.Parallel()
	tok := model.Token{Login: "ada", Name: "ci", CreatedAt: now.Add(-100 * 24 * time.Hour), LastUsed: ptr(now.Add(-50 * 24 * time.Hour))}
	v := newView(t, Params{Token: tok, Cloud: true}, 90, 40, nil).View()
	for _, want := range []string{"Removal    removed in 10 days if unused", "2026-12-10 13:00:00 CET", common.CloudRule[:40]} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
	never := tok
	never.LastUsed = nil
	if v := newView(t, Params{Token: never, Cloud: true}, 90, 40, nil).View(); !strings.Contains(v, "due for removal") {
		t.Errorf("never used, created 100 days ago:\n%s", v)
	}
	if v := newView(t, Params{Token: tok}, 90, 40, nil).View(); strings.Contains(v, "Removal") {
		t.Errorf("Server shows Cloud's removal:\n%s", v)
	}
}

// TestDetailOwnerSignIn: in the review the view shows the owner's last
// sign-in under Owner, "never" for an owner who never signed in, and
// nothing when the listing gave none.
func TestDetailOwnerSignIn(t *testing.T) {
	t.Parallel()
	tok := model.Token{Login: "grace", Name: "ci", CreatedAt: now.Add(-400 * 24 * time.Hour)}
	tok.Owner = &model.OwnerActivity{LastSignIn: ptr(now.Add(-120 * 24 * time.Hour))}
	v := newView(t, Params{Token: tok, Review: true}, 90, 40, nil).View()
	if !strings.Contains(v, "Signed in  2026-08-02 13:00:00 CET") || !strings.Contains(v, "owner last signed in 120 days ago") {
		t.Errorf("signed in:\n%s", v)
	}
	tok.Owner = &model.OwnerActivity{}
	if v := newView(t, Params{Token: tok, Review: true}, 90, 40, nil).View(); !strings.Contains(v, "Signed in  never") {
		t.Errorf("never:\n%s", v)
	}
	tok.Owner = nil
	if v := newView(t, Params{Token: tok, Review: true}, 90, 40, nil).View(); strings.Contains(v, "Signed in") {
		t.Errorf("unknown:\n%s", v)
	}
}

func ptr(t time.Time) *time.Time { return &t }
