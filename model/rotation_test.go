package model

import (
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

func TestReplacementName(t *testing.T) {
	now := time.Date(2026, 11, 26, 23, 0, 0, 0, time.FixedZone("x", -3600))
	if got := ReplacementName("ci", now, nil); got != "ci-20261127" {
		t.Fatalf("got %q (UTC date expected)", got)
	}
	if got := ReplacementName("ci", now, []string{"ci-20261127", "ci-20261127-2"}); got != "ci-20261127-3" {
		t.Fatalf("got %q", got)
	}
	long := strings.Repeat("é", 120)
	got := ReplacementName(long, now, nil)
	if n := len(utf16.Encode([]rune(got))); n != MaxNameLength || !strings.HasSuffix(got, "-20261127") {
		t.Fatalf("%d units: %q", n, got)
	}
}

func TestRotationRefusal(t *testing.T) {
	admin := CurrentUser{Login: "admin", GlobalPermissions: []string{"admin"}}
	user := CurrentUser{Login: "ada"}
	tests := []struct {
		tok  Token
		me   CurrentUser
		want string
	}{
		{Token{Login: "admin", Type: TypeGlobal}, admin, ""},
		{Token{Login: "ada", Type: TypeUser}, admin, ""},
		{Token{Login: "ada", Type: TypeUnknown}, admin, ""},
		{Token{Login: "ada", Type: TypeProject}, admin, "only User tokens"},
		{Token{Login: "ada", Type: TypeGlobal}, admin, "Global Analysis Token of ada"},
		{Token{Login: "bob", Type: TypeUser}, user, "only administrators"},
		{Token{Type: TypeProject}, user, ""},
	}
	for _, tt := range tests {
		got := RotationRefusal(tt.tok, tt.me)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%+v as %s: %q, want %q", tt.tok, tt.me.Login, got, tt.want)
		}
	}
}
