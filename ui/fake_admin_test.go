package ui

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// newAdminFake is the fake signed in as an administrator with other users:
// grace (an expired and a never-used token), linus (an expiring global
// token and one without expiration), bob (no tokens), and ada's own.
func newAdminFake() *fakeService {
	f := newFake()
	f.user = model.CurrentUser{IsLoggedIn: true, Login: "ada", Name: "Ada Lovelace", GlobalPermissions: []string{"admin", "scan"}}
	f.others = map[string][]model.Token{
		"grace": {
			{Login: "grace", Name: "jenkins", Type: model.TypeUser, CreatedAt: day(2025, 6, 1), LastUsed: ptime(testNow.Add(-200 * 24 * time.Hour)), ExpiresAt: ptime(day(2026, 10, 1)), Expired: true},
			{Login: "grace", Name: "laptop", Type: model.TypeUser, CreatedAt: day(2026, 11, 20), ExpiresAt: ptime(day(2027, 2, 18))},
		},
		"linus": {
			{Login: "linus", Name: "ci", Type: model.TypeGlobal, CreatedAt: day(2026, 9, 1), LastUsed: ptime(testNow.Add(-2 * time.Hour)), ExpiresAt: ptime(day(2026, 11, 30))},
			{Login: "linus", Name: "kernel-scan", Type: model.TypeProject, ProjectKey: "kernel", ProjectName: "Kernel", CreatedAt: day(2026, 3, 1), LastUsed: ptime(testNow.Add(-100 * 24 * time.Hour))},
		},
	}
	three, two, zero := 3, 2, 0
	f.users = []model.User{
		{Login: "ada", Name: "Ada Lovelace", Active: true, TokensCount: &[]int{5}[0]},
		{Login: "bob", Name: "Bob Builder", Active: true, TokensCount: &zero},
		{Login: "grace", Name: "Grace Hopper", Active: true, TokensCount: &two},
		{Login: "linus", Name: "Linus Torvalds", Active: true, TokensCount: &three},
	}
	f.scanElapsed = 1500 * time.Millisecond
	return f
}

func (f *fakeService) SearchUsers(_ context.Context, q client.UsersQuery) (client.UsersPage, error) {
	if err := f.err("SearchUsers"); err != nil {
		return client.UsersPage{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []model.User
	for _, u := range f.users {
		if q.Query == "" || strings.Contains(strings.ToLower(u.Login+" "+u.Name), strings.ToLower(q.Query)) {
			out = append(out, u)
		}
	}
	return client.UsersPage{Users: out, PageIndex: 1, PageSize: q.PageSize, Total: len(out)}, nil
}

// ScanAllTokens sends each user's tokens (skipping tokensCount 0) and a
// progress report per user with fixed times; with scanHold set it sends
// the first half of the users, then waits.
func (f *fakeService) ScanAllTokens(ctx context.Context, o client.ScanOptions) <-chan client.ScanBatch {
	f.mu.Lock()
	users := append([]model.User(nil), f.users...)
	hold, elapsed := f.scanHold, f.scanElapsed
	f.mu.Unlock()
	sort.Slice(users, func(i, j int) bool { return users[i].Login < users[j].Login })
	out := make(chan client.ScanBatch)
	go func() {
		defer close(out)
		p := client.ScanProgress{UsersTotal: len(users)}
		for _, u := range users {
			if u.TokensCount != nil && *u.TokensCount == 0 {
				p.UsersScanned++
				p.UsersSkipped++
			}
		}
		report := func() {
			if o.OnProgress != nil {
				o.OnProgress(p)
			}
		}
		n := 0
		for _, u := range users {
			if u.TokensCount != nil && *u.TokensCount == 0 {
				continue
			}
			if hold != nil && n*2 >= len(users) {
				select {
				case <-hold:
				case <-ctx.Done():
				}
				return
			}
			ts, err := f.SearchTokens(ctx, u.Login)
			select {
			case out <- client.ScanBatch{Login: u.Login, Tokens: ts, Err: err}:
			case <-ctx.Done():
				return
			}
			n++
			p.UsersScanned++
			p.TokensFound += len(ts)
			p.Elapsed = elapsed * time.Duration(p.UsersScanned) / time.Duration(max(1, len(users)))
			report()
		}
		report()
	}()
	return out
}
