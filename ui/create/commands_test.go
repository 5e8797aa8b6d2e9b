package create

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// sequence returns the Cmds of a tea.Sequence, whose message type
// bubbletea does not export (a slice of tea.Cmd).
func sequence(t *testing.T, msg tea.Msg) []tea.Cmd {
	t.Helper()
	v := reflect.ValueOf(msg)
	cmdsType := reflect.TypeOf([]tea.Cmd(nil))
	if !v.IsValid() || v.Kind() != reflect.Slice || !v.Type().ConvertibleTo(cmdsType) {
		t.Fatalf("%T is not a sequence", msg)
	}
	return v.Convert(cmdsType).Interface().([]tea.Cmd)
}

// fakeService records what a generate's Cmds send.
type fakeService struct {
	generated []client.GenerateRequest
	revoked   []string
	revokeErr error
}

func (f *fakeService) GenerateOrConfirm(_ context.Context, r client.GenerateRequest) (model.NewToken, error) {
	f.generated = append(f.generated, r)
	return model.NewToken{Token: model.Token{Name: r.Name, ProjectKey: r.ProjectKey}}, nil
}

func (f *fakeService) RevokeOrConfirm(_ context.Context, login, name string) error {
	f.revoked = append(f.revoked, login+" "+name)
	return f.revokeErr
}

// TestGenerateCmdSends: the form's request reaches the server with its
// project and its expiry day resolved against the clock; the answer names
// the project and keeps the request for a second try.
func TestGenerateCmdSends(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f := &fakeService{}
	req := Request{Name: "ci", Type: model.TypeProject, Project: model.Project{Key: "web-shop", Name: "Web Shop"},
		Expiration: model.Expiration{Kind: model.ExpiresInDays, Days: 30}, HasExpiration: true}
	s := Sender{Common: common.New(func() time.Time { return now }), Ctx: context.Background(), Svc: f, Login: "grace"}
	var msg GeneratedMsg
	for _, c := range sequence(t, s.GenerateCmd(req)()) {
		if g, ok := c().(GeneratedMsg); ok {
			msg = g
		}
	}
	if len(f.generated) != 1 {
		t.Fatalf("sent %d requests", len(f.generated))
	}
	got := f.generated[0]
	if got.Login != "grace" || got.Name != "ci" || got.ProjectKey != "web-shop" || got.ExpiresOn.Format(time.DateOnly) != "2026-03-31" {
		t.Fatalf("sent %+v", got)
	}
	if msg.Err != nil || msg.Token.ProjectName != "Web Shop" || msg.Req != got {
		t.Fatalf("answer %+v", msg)
	}
}

// TestRegenerateCmd: the valueless token is revoked for the request's
// login, then the request is sent again; a failed revocation sends nothing.
func TestRegenerateCmd(t *testing.T) {
	t.Parallel()
	req := client.GenerateRequest{Login: "grace", Name: "ci"}
	f := &fakeService{}
	msg := Sender{Ctx: context.Background(), Svc: f}.RegenerateCmd("ci", req, "")().(RegeneratedMsg)
	if len(f.revoked) != 1 || f.revoked[0] != "grace ci" || len(f.generated) != 1 || msg.Gen.Token.Name != "ci" {
		t.Fatalf("revoked %q, generated %+v, message %+v", f.revoked, f.generated, msg)
	}
	f = &fakeService{revokeErr: errors.New("refused")}
	msg = Sender{Ctx: context.Background(), Svc: f}.RegenerateCmd("ci", req, "")().(RegeneratedMsg)
	if msg.RevokeErr == nil || len(f.generated) != 0 {
		t.Fatalf("after a failed revocation: generated %+v, message %+v", f.generated, msg)
	}
}
