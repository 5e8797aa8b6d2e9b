package sonarsim

import (
	"fmt"
	"testing"
	"time"
)

// TestSeedSignInsFitTheTokens: the seeded users' last connections agree
// with their tokens, as on a real server, where using a token records its
// owner's connection (UserSessionFactoryImpl) and a user makes a token in
// a session of their own: a user who signed in did so no earlier than
// their tokens' last use and creation, and a user who never signed in
// never used a token (theirs were made for them by an administrator). The
// seed used to give users who left tokens made months after they last
// signed in (bjarne.hopper: last sign-in 2026-02-18, tokens created April
// to September).
func TestSeedSignInsFitTheTokens(t *testing.T) {
	type setup struct {
		name string
		o    Options
	}
	var setups []setup
	for _, v := range []string{"8.9", "9.9", "10.6", "2025.1"} {
		for seed := int64(1); seed <= 4; seed++ {
			setups = append(setups, setup{fmt.Sprintf("%s seed %d", v, seed), Options{Version: v, Seed: seed, Users: 200, Tokens: 500}})
		}
	}
	setups = append(setups, setup{"default", Options{}}, setup{"cloud", Options{Cloud: true, Users: 60, Tokens: 150}})
	for _, st := range setups {
		st.o.Now = func() time.Time { return testNow }
		s := New(st.o)
		never, left, checked := 0, 0, 0
		for _, login := range s.Users() {
			u, _ := s.User(login)
			last := u.LastConnection
			switch {
			case last == nil:
				never++
			case testNow.Sub(*last) > 90*24*time.Hour:
				left++
			}
			for _, tk := range s.Tokens(login) {
				checked++
				if tk.LastUsed != nil && tk.LastUsed.Before(tk.CreatedAt) {
					t.Errorf("%s: %s %q last used %v, before its creation %v", st.name, login, tk.Name, tk.LastUsed, tk.CreatedAt)
				}
				if last == nil {
					if tk.LastUsed != nil {
						t.Errorf("%s: %s never signed in, but their token %q was last used %v", st.name, login, tk.Name, tk.LastUsed)
					}
					continue
				}
				if tk.CreatedAt.After(*last) {
					t.Errorf("%s: %s last signed in %v, before their token %q was created %v", st.name, login, last.Format(time.DateOnly), tk.Name, tk.CreatedAt.Format(time.DateOnly))
				}
				if tk.LastUsed != nil && tk.LastUsed.After(*last) {
					t.Errorf("%s: %s last signed in %v, before their token %q was last used %v", st.name, login, last, tk.Name, tk.LastUsed)
				}
			}
		}
		if checked == 0 || (st.o.Users >= 200 && (never == 0 || left == 0)) {
			t.Errorf("%s: %d tokens checked, %d users never signed in, %d left", st.name, checked, never, left)
		}
		_ = s.Close()
	}
}
