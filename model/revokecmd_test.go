package model

import "testing"

func TestRevokeCommand(t *testing.T) {
	for _, c := range []struct{ name, login, want string }{
		{"ci", "", "sonartoken revoke ci"},
		{"ci token", "jdoe", "sonartoken revoke 'ci token' --login jdoe"},
		{"it's", "", `sonartoken revoke 'it'\''s'`},
		{"a;rm -rf", "", "sonartoken revoke 'a;rm -rf'"},
		// Control and bidi characters never reach the terminal raw: $'…'
		// in Printable's notation, which bash and zsh read back exactly.
		{"it's\x1b[2J", "", `sonartoken revoke $'it\'s\e[2J'`},
		{"txt\u202egpj.exe", "ev\u2066il", `sonartoken revoke $'txt\u202egpj.exe' --login $'ev\u2066il'`},
	} {
		if got := RevokeCommand(c.name, c.login); got != c.want {
			t.Errorf("RevokeCommand(%q, %q) = %q, want %q", c.name, c.login, got, c.want)
		}
	}
}
