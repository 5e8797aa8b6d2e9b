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

// TestReplacementNameOfReplacement: rotating a rotated token replaces its
// date instead of stacking another (rot-proj-20261204-20261204), and adds
// -2, -3 when that name is taken; digits that are no date stay.
func TestReplacementNameOfReplacement(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		old      string
		existing []string
		want     string
	}{
		{"rot-proj-20261101", nil, "rot-proj-20261204"},
		{"rot-proj-20261204", []string{"rot-proj-20261204"}, "rot-proj-20261204-2"},
		{"rot-proj-20261204-2", []string{"rot-proj-20261204", "rot-proj-20261204-2"}, "rot-proj-20261204-3"},
		{"rot-proj-20261101-7", nil, "rot-proj-20261204"},
		{"build-12345678", nil, "build-12345678-20261204"}, // not a date
		{"-20261101", nil, "-20261101-20261204"},           // nothing before it
		{"release-2", nil, "release-2-20261204"},
	}
	for _, tt := range tests {
		if got := ReplacementName(tt.old, now, tt.existing); got != tt.want {
			t.Errorf("ReplacementName(%q, %v) = %q, want %q", tt.old, tt.existing, got, tt.want)
		}
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
