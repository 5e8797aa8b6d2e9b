package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// sentinels lists every status sentinel, to check that an error matches
// exactly one.
var sentinels = map[string]error{
	"ErrBadRequest": ErrBadRequest, "ErrUnauthorized": ErrUnauthorized, "ErrForbidden": ErrForbidden,
	"ErrNotFound": ErrNotFound, "ErrNotSonarQube": ErrNotSonarQube, "ErrUnsupported": ErrUnsupported,
}

func checkAPIError(t *testing.T, err error, status int, sentinel error, msg string) *APIError {
	t.Helper()
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v (%T), want *APIError", err, err)
	}
	if ae.Status != status {
		t.Errorf("Status = %d, want %d", ae.Status, status)
	}
	if ae.Message() != msg {
		t.Errorf("Message() = %q, want %q", ae.Message(), msg)
	}
	for name, s := range sentinels {
		if got := errors.Is(err, s); got != (s == sentinel) {
			t.Errorf("errors.Is(err, %s) = %v", name, got)
		}
	}
	return ae
}

func TestErrorClasses(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true})
	ctx := context.Background()
	if err := e.sim.AddUser(sonarsim.UserSpec{Login: "bob"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.Generate(ctx, GenerateRequest{Name: "dup"}); err != nil {
		t.Fatal(err)
	}

	t.Run("400 duplicate keeps the server's message", func(t *testing.T) {
		_, err := e.c.Generate(ctx, GenerateRequest{Name: "dup"})
		msg := "A user token for login 'admin' and name 'dup' already exists"
		ae := checkAPIError(t, err, 400, ErrBadRequest, msg)
		if ae.Endpoint != "api/user_tokens/generate" || ae.Method != "POST" {
			t.Errorf("APIError %+v", ae)
		}
		if Describe(err) != msg {
			t.Errorf("Describe = %q", Describe(err))
		}
		// The model predicts the same words.
		if merr := model.ValidateName("dup", "admin", []string{"dup"}); merr == nil || merr.Error() != msg {
			t.Errorf("model says %v", merr)
		}
	})
	t.Run("400 name too long", func(t *testing.T) {
		_, err := e.c.Generate(ctx, GenerateRequest{Name: strings.Repeat("😀", 51)})
		checkAPIError(t, err, 400, ErrBadRequest, "'name' length (102) is longer than the maximum authorized (100)")
	})
	t.Run("400 global token for another user", func(t *testing.T) {
		_, err := e.c.Generate(ctx, GenerateRequest{Login: "bob", Name: "g", Type: model.TypeGlobal})
		checkAPIError(t, err, 400, ErrBadRequest, "A Global Analysis Token cannot be generated for another user.")
	})
	t.Run("400 expiration in the past", func(t *testing.T) {
		_, err := e.c.Generate(ctx, GenerateRequest{Name: "old", ExpiresOn: model.DateOf(e.c.now())})
		var ae *APIError
		if !errors.As(err, &ae) || !strings.HasPrefix(ae.Message(), "The minimum value for parameter expirationDate is ") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("404 unknown user", func(t *testing.T) {
		_, err := e.c.SearchTokens(ctx, "nobody")
		checkAPIError(t, err, 404, ErrNotFound, "User with login 'nobody' doesn't exist")
		if Describe(err) != "User with login 'nobody' doesn't exist" {
			t.Errorf("Describe = %q", Describe(err))
		}
	})
	t.Run("404 unknown project", func(t *testing.T) {
		_, err := e.c.Generate(ctx, GenerateRequest{Name: "p", Type: model.TypeProject, ProjectKey: "nope"})
		checkAPIError(t, err, 404, ErrNotFound, "Project key 'nope' not found")
	})
	t.Run("404 endpoint the version lacks", func(t *testing.T) {
		old := newEnv(t, sonarsim.Options{Version: "9.9", Empty: true})
		// SearchUsersV2 does not gate on the version: ask 9.9 anyway.
		_, err := old.c.SearchUsersV2(ctx, UsersQuery{})
		checkAPIError(t, err, 404, ErrNotFound, "Unknown url : /api/v2/users-management/users")
	})
	t.Run("403 non-admin on another user", func(t *testing.T) {
		bob := e.userClient(t, sonarsim.UserSpec{Login: "carol"})
		_, err := bob.SearchTokens(ctx, "bob")
		checkAPIError(t, err, 403, ErrForbidden, "Insufficient privileges")
		if !strings.Contains(Describe(err), "Insufficient privileges (403)") {
			t.Errorf("Describe = %q", Describe(err))
		}
		err = bob.Revoke(ctx, "bob", "x")
		checkAPIError(t, err, 403, ErrForbidden, "Insufficient privileges")
	})
	t.Run("401 without body: unknown token", func(t *testing.T) {
		bad := newClient(t, e.srv.URL, "squ_"+strings.Repeat("f", 40))
		bad.SetVersion(e.c.Version())
		_, err := bad.SearchTokens(ctx, "")
		ae := checkAPIError(t, err, 401, ErrUnauthorized, "")
		if len(ae.Messages) != 0 {
			t.Errorf("Messages = %q", ae.Messages)
		}
		if !strings.Contains(ae.Error(), "401 unauthorized") {
			t.Errorf("Error() = %q", ae.Error())
		}
		if d := Describe(err); !strings.Contains(d, "refused the token (401)") {
			t.Errorf("Describe = %q", d)
		}
	})
	t.Run("401 without body: no credentials", func(t *testing.T) {
		anon := newClient(t, e.srv.URL, "")
		_, err := anon.CurrentUser(ctx)
		checkAPIError(t, err, 401, ErrUnauthorized, "")
	})
	t.Run("405 wrong method keeps the message", func(t *testing.T) {
		_, err := e.c.do(ctx, call{method: http.MethodGet, endpoint: "api/user_tokens/generate"})
		checkAPIError(t, err, 405, nil, "HTTP method POST is required")
		_, err = e.c.do(ctx, call{method: http.MethodPost, endpoint: "api/user_tokens/search"})
		checkAPIError(t, err, 405, nil, "HTTP method GET is required")
		if Describe(err) != "HTTP method GET is required" {
			t.Errorf("Describe = %q", Describe(err))
		}
	})
}

func TestUnauthorizedWithBody(t *testing.T) {
	e := newEnv(t, sonarsim.Options{Version: "10.6", Empty: true, AllowAnonymous: true})
	anon := newClient(t, e.srv.URL, "")
	anon.SetVersion(e.c.Version())
	ctx := context.Background()
	me, err := anon.CurrentUser(ctx)
	if err != nil || me.IsLoggedIn {
		t.Fatalf("anonymous CurrentUser = %+v, %v", me, err)
	}
	_, err = anon.SearchTokens(ctx, "")
	checkAPIError(t, err, 401, ErrUnauthorized, "Authentication is required")
	if d := Describe(err); !strings.Contains(d, "refused the token") {
		t.Errorf("Describe = %q", d)
	}
}

func TestV2ErrorBody(t *testing.T) {
	srv := canned(t, 400, "application/json", `{"message":"pageSize must be less than or equal to 500"}`)
	c := newClient(t, srv.URL, "")
	_, err := c.SearchUsersV2(context.Background(), UsersQuery{})
	checkAPIError(t, err, 400, ErrBadRequest, "pageSize must be less than or equal to 500")
}

func TestAPIErrorKeepsEveryMessage(t *testing.T) {
	srv := canned(t, 400, "application/json", `{"errors":[{"msg":"first"},{"msg":"second"}]}`)
	c := newClient(t, srv.URL, "")
	_, err := c.SearchTokens(context.Background(), "")
	ae := checkAPIError(t, err, 400, ErrBadRequest, "first second")
	if len(ae.Messages) != 2 || !strings.HasSuffix(ae.Error(), "400 first; second") {
		t.Errorf("%q / %q", ae.Messages, ae.Error())
	}
}
