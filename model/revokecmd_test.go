package model

import "testing"

func TestRevokeCommand(t *testing.T) {
	for _, c := range []struct{ name, login, want string }{
		{"ci", "", "sonartoken revoke ci"},
		{"ci token", "jdoe", "sonartoken revoke 'ci token' --login jdoe"},
		{"it's", "", `sonartoken revoke 'it'\''s'`},
		{"a;rm -rf", "", "sonartoken revoke 'a;rm -rf'"},
	} {
		if got := RevokeCommand(c.name, c.login); got != c.want {
			t.Errorf("RevokeCommand(%q, %q) = %q, want %q", c.name, c.login, got, c.want)
		}
	}
}
