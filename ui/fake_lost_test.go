package ui

import (
	"context"
	"io"
	"sync"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
)

// GenerateOrConfirm is Generate: the fake never loses an answer (see
// lossyService).
func (f *fakeService) GenerateOrConfirm(ctx context.Context, r client.GenerateRequest) (model.NewToken, error) {
	return f.Generate(ctx, r)
}

// RevokeOrConfirm is Revoke.
func (f *fakeService) RevokeOrConfirm(ctx context.Context, login, name string) error {
	return f.Revoke(ctx, login, name)
}

// lossyService loses the answers of the next generates, as
// client.GenerateOrConfirm reports them: created (the token exists, its
// value is gone) or, with unconfirmed, unknown.
type lossyService struct {
	*fakeService
	mu          sync.Mutex
	lose        int
	unconfirmed bool
}

func (l *lossyService) GenerateOrConfirm(ctx context.Context, r client.GenerateRequest) (model.NewToken, error) {
	nt, err := l.Generate(ctx, r)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil || l.lose == 0 {
		return nt, err
	}
	l.lose--
	if l.unconfirmed {
		return model.NewToken{}, &client.LostResponseError{Op: "generate", Login: r.Login, Name: r.Name, Unconfirmed: true, SearchErr: errRefused, Err: io.ErrUnexpectedEOF}
	}
	return model.NewToken{}, &client.LostResponseError{Op: "generate", Login: r.Login, Name: r.Name, Created: true, Token: nt.Token, Err: io.ErrUnexpectedEOF}
}

// Clear is clipboard.Clearer: the fake clipboard holds its last copy, and
// records what was cleared.
func (c *fakeClipboard) Clear(method clipboard.Method, fp clipboard.Fingerprint) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.copies) == 0 || clipboard.FingerprintOf(c.copies[len(c.copies)-1]) != fp {
		return false, nil
	}
	c.copies = append(c.copies, "")
	return true, nil
}

// CheckToken records whom a rotation's new token was checked against and
// answers as f.fail("CheckToken", …) set (nil: it signs in).
func (f *fakeService) CheckToken(_ context.Context, value model.Secret, login string) error {
	f.mu.Lock()
	f.checked = append(f.checked, login)
	f.mu.Unlock()
	if value.IsZero() {
		return &client.TokenCheckError{Refused: true, Reason: "there is no token value to check"}
	}
	return f.err("CheckToken")
}
