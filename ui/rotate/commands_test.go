package rotate

import (
	"context"
	"errors"
	"testing"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// fakeService records the calls a rotation's Cmds make.
type fakeService struct {
	calls     []string
	revokeErr error
	checkErr  error
}

func (f *fakeService) GenerateOrConfirm(_ context.Context, r client.GenerateRequest) (model.NewToken, error) {
	f.calls = append(f.calls, "generate "+r.Name)
	return model.NewToken{Token: model.Token{Name: r.Name, ProjectKey: r.ProjectKey}}, nil
}

func (f *fakeService) CheckToken(_ context.Context, _ model.Secret, login string) error {
	f.calls = append(f.calls, "check "+login)
	return f.checkErr
}

func (f *fakeService) RevokeOrConfirm(_ context.Context, login, name string) error {
	f.calls = append(f.calls, "revoke "+login+" "+name)
	return f.revokeErr
}

// TestRetryCmd: a retry revokes the valueless replacement, then generates
// it again, naming its project; when the revocation fails, nothing is
// generated.
func TestRetryCmd(t *testing.T) {
	t.Parallel()
	lost := model.Token{Login: "ada", Name: "ci-2026-03-01"}
	req := client.GenerateRequest{Login: "ada", Name: "ci-2026-03-01", ProjectKey: "web-shop"}
	f := &fakeService{}
	old := model.Token{Login: "ada", Name: "ci", ProjectName: "Web Shop"}
	msg := RetryCmd(context.Background(), f, "ada", lost, req, old, "ada")().(RetriedMsg)
	if len(f.calls) != 3 || f.calls[0] != "revoke ada ci-2026-03-01" || f.calls[1] != "generate ci-2026-03-01" || f.calls[2] != "check ada" {
		t.Fatalf("calls %q", f.calls)
	}
	if msg.RevokeErr != nil || msg.Gen.Err != nil || msg.Gen.Token.ProjectName != "Web Shop" || msg.Lost != lost {
		t.Fatalf("message %+v", msg)
	}
	f = &fakeService{revokeErr: errors.New("refused")}
	msg = RetryCmd(context.Background(), f, "ada", lost, req, old, "ada")().(RetriedMsg)
	if len(f.calls) != 1 || msg.RevokeErr == nil || msg.Gen.Token.Name != "" {
		t.Fatalf("after a failed revocation: calls %q, message %+v", f.calls, msg)
	}
}
