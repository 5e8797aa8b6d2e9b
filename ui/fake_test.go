package ui

import (
	"context"
	"fmt"
	"net"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
)

// testNow is the injected clock of every test.
var testNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return testNow }

func ptime(t time.Time) *time.Time { return &t }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// fakeService is an in-memory Service for Update-level and golden tests.
type fakeService struct {
	mu        sync.Mutex
	version   model.Version
	user      model.CurrentUser
	tokens    []model.Token
	projects  []model.Project
	max       model.MaxLifetime
	expiry    time.Time
	errs      map[string]error // by method name
	generated []client.GenerateRequest
	revoked   []string
	checked   []string // the logins new tokens were checked against
	seq       int

	// Other users (fake_admin_test.go).
	users       []model.User
	others      map[string][]model.Token
	revokedKeys []string         // login/name of every revocation
	revokeErrs  map[string]error // by token name
	scanHold    chan struct{}    // when set, the scan waits for it after its batches
	scanElapsed time.Duration    // reported as the scan's elapsed time
	revokeDelay time.Duration    // how long each revocation takes
	// revokeGate holds the revocation of a token name until its channel
	// is closed.
	revokeGate map[string]chan struct{}
}

func newFake() *fakeService {
	return &fakeService{
		version:  model.Version{Major: 10, Minor: 6, Raw: "10.6.0.92116"},
		user:     model.CurrentUser{IsLoggedIn: true, Login: "ada", Name: "Ada Lovelace", GlobalPermissions: []string{"scan"}},
		tokens:   seedTokens(),
		projects: []model.Project{{Key: "payments-api", Name: "Payments API"}, {Key: "web-shop", Name: "Web Shop"}},
		expiry:   day(2027, 3, 1),
		errs:     map[string]error{},
	}
}

// seedTokens has an expired, an expiring, a never-used and a
// no-expiration token, and one with a long name.
func seedTokens() []model.Token {
	return []model.Token{
		{Login: "ada", Name: "ci-pipeline", Type: model.TypeGlobal, CreatedAt: day(2026, 5, 1), LastUsed: ptime(testNow.Add(-3 * time.Hour)), ExpiresAt: ptime(day(2027, 5, 1))},
		{Login: "ada", Name: "laptop", Type: model.TypeUser, CreatedAt: day(2026, 1, 10), ExpiresAt: nil},
		{Login: "ada", Name: "old-jenkins", Type: model.TypeProject, ProjectKey: "payments-api", ProjectName: "Payments API", CreatedAt: day(2025, 11, 1), LastUsed: ptime(testNow.Add(-40 * 24 * time.Hour)), ExpiresAt: ptime(day(2026, 11, 1)), Expired: true},
		{Login: "ada", Name: "release-bot", Type: model.TypeUser, CreatedAt: day(2026, 10, 28), LastUsed: ptime(testNow.Add(-12 * 24 * time.Hour)), ExpiresAt: ptime(day(2026, 11, 29))},
		{Login: "ada", Name: "a-very-long-token-name-used-by-the-nightly-integration-test-suite-of-the-web-shop", Type: model.TypeProject, ProjectKey: "web-shop", ProjectName: "Web Shop", CreatedAt: day(2026, 8, 2), LastUsed: ptime(testNow.Add(-26 * time.Hour)), ExpiresAt: ptime(day(2027, 2, 24))},
	}
}

func (f *fakeService) fail(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs[method] = err
}

func (f *fakeService) err(method string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.errs[method]
}

func (f *fakeService) BaseURL() string                  { return "https://sonar.example.com" }
func (f *fakeService) Version() model.Version           { return f.version }
func (f *fakeService) Capabilities() model.Capabilities { return model.CapabilitiesOf(f.version) }

func (f *fakeService) CurrentUser(context.Context) (model.CurrentUser, error) {
	if err := f.err("CurrentUser"); err != nil {
		return model.CurrentUser{}, err
	}
	return f.user, nil
}

func (f *fakeService) SearchTokens(_ context.Context, login string) ([]model.Token, error) {
	if err := f.err("SearchTokens"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if login != "" && login != f.user.Login {
		return append([]model.Token(nil), f.others[login]...), nil
	}
	return append([]model.Token(nil), f.tokens...), nil
}

func (f *fakeService) Generate(_ context.Context, r client.GenerateRequest) (model.NewToken, error) {
	if err := f.err("Generate"); err != nil {
		return model.NewToken{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	owner := f.user.Login
	list := &f.tokens
	if r.Login != "" && r.Login != f.user.Login {
		owner = r.Login
		if f.others == nil {
			f.others = map[string][]model.Token{}
		}
		ts := f.others[owner]
		list = &ts
		defer func() { f.others[owner] = ts }()
		if r.Type != model.TypeUser && r.Type != model.TypeUnknown {
			return model.NewToken{}, &client.APIError{Method: "POST", Endpoint: "api/user_tokens/generate", Status: 400,
				Messages: []string{"Only User tokens can be generated for another user"}}
		}
	}
	for _, t := range *list {
		if t.Name == r.Name {
			return model.NewToken{}, &client.APIError{Method: "POST", Endpoint: "api/user_tokens/generate", Status: 400,
				Messages: []string{fmt.Sprintf("A user token for login '%s' and name '%s' already exists", owner, r.Name)}}
		}
	}
	f.generated = append(f.generated, r)
	f.seq++
	typ := r.Type
	if typ == model.TypeUnknown && f.Capabilities().TokenTypes {
		typ = model.TypeUser
	}
	t := model.Token{Login: owner, Name: r.Name, Type: typ, ProjectKey: r.ProjectKey, CreatedAt: testNow}
	if !r.ExpiresOn.IsZero() {
		t.ExpiresAt = ptime(r.ExpiresOn)
	}
	*list = append(*list, t)
	return model.NewToken{Token: t, Value: model.NewSecret(fmt.Sprintf("%s%040d", typ.Prefix(), f.seq))}, nil
}

func (f *fakeService) Revoke(_ context.Context, login, name string) error {
	if f.revokeDelay > 0 {
		time.Sleep(f.revokeDelay)
	}
	f.mu.Lock()
	gate := f.revokeGate[name]
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	if err := f.err("Revoke"); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.revokeErrs[name]; err != nil {
		return err
	}
	if login != "" && login != f.user.Login {
		f.revokedKeys = append(f.revokedKeys, login+"/"+name)
		ts := f.others[login]
		for i, t := range ts {
			if t.Name == name {
				f.others[login] = append(ts[:i:i], ts[i+1:]...)
				break
			}
		}
		return nil
	}
	f.revokedKeys = append(f.revokedKeys, f.user.Login+"/"+name)
	f.revoked = append(f.revoked, name)
	for i, t := range f.tokens {
		if t.Name == name {
			f.tokens = append(f.tokens[:i], f.tokens[i+1:]...)
			break
		}
	}
	return nil
}

func (f *fakeService) ScannableProjects(context.Context, string) ([]model.Project, error) {
	return f.projects, f.err("ScannableProjects")
}

func (f *fakeService) MaxTokenLifetime(context.Context) (model.MaxLifetime, error) {
	return f.max, f.err("MaxTokenLifetime")
}

func (f *fakeService) TokenExpiration() (time.Time, bool) { return f.expiry, !f.expiry.IsZero() }

// fakeClipboard records copies.
type fakeClipboard struct {
	mu     sync.Mutex
	method clipboard.Method
	err    error
	copies []string
}

func (c *fakeClipboard) Copy(v string) (clipboard.Method, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return clipboard.None, c.err
	}
	c.copies = append(c.copies, v)
	if c.method == clipboard.None {
		return clipboard.System, nil
	}
	return c.method, nil
}

func (c *fakeClipboard) last() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.copies) == 0 {
		return ""
	}
	return c.copies[len(c.copies)-1]
}

var errRefused = &net.OpError{Op: "dial", Net: "tcp", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}
