package model

import (
	"reflect"
	"strings"
	"testing"
)

func TestTokenTypeLabels(t *testing.T) {
	tests := []struct {
		typ                  TokenType
		short, label, prefix string
	}{
		{TypeUser, "User", "User Token", "squ_"},
		{TypeGlobal, "Global", "Global Analysis Token", "sqa_"},
		{TypeProject, "Project", "Project Analysis Token", "sqp_"},
		{TypeUnknown, "", "", ""},
		{TokenType("NEW_KIND"), "NEW_KIND", "NEW_KIND", ""},
	}
	for _, tt := range tests {
		if tt.typ.ShortLabel() != tt.short || tt.typ.Label() != tt.label || tt.typ.Prefix() != tt.prefix {
			t.Errorf("%q: %q %q %q", tt.typ, tt.typ.ShortLabel(), tt.typ.Label(), tt.typ.Prefix())
		}
	}
}

func TestParseTokenType(t *testing.T) {
	ok := map[string]TokenType{
		"user": TypeUser, "USER_TOKEN": TypeUser, "User": TypeUser,
		"global": TypeGlobal, "GLOBAL_ANALYSIS_TOKEN": TypeGlobal,
		"project": TypeProject, "Project_Analysis_Token": TypeProject,
	}
	for in, want := range ok {
		got, err := ParseTokenType(in)
		if err != nil || got != want {
			t.Errorf("ParseTokenType(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "admin", "users", "ANALYSIS"} {
		if _, err := ParseTokenType(in); err == nil || !strings.Contains(err.Error(), "use user, global or project") {
			t.Errorf("ParseTokenType(%q) err = %v", in, err)
		}
	}
}

func TestTypeOfValue(t *testing.T) {
	hex40 := strings.Repeat("0123456789", 4)
	tests := map[string]TokenType{
		"squ_" + hex40: TypeUser,
		"sqa_" + hex40: TypeGlobal,
		"sqp_" + hex40: TypeProject,
		hex40:          TypeUnknown, // pre-9.5 value
		"sqx_" + hex40: TypeUnknown,
		"SQU_" + hex40: TypeUnknown,
		"squ":          TypeUnknown,
		"":             TypeUnknown,
	}
	for in, want := range tests {
		if got := TypeOfValue(in); got != want {
			t.Errorf("TypeOfValue(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCreatableTypes(t *testing.T) {
	v99, _ := ParseVersion("9.9")
	v89, _ := ParseVersion("8.9")
	scanner := CurrentUser{GlobalPermissions: []string{"scan"}}
	plain := CurrentUser{}
	admin := CurrentUser{GlobalPermissions: []string{"admin", "scan"}}
	tests := []struct {
		name     string
		caps     Capabilities
		me       CurrentUser
		projects int
		other    bool
		want     []TokenType
	}{
		{"8.9 has no types", CapabilitiesOf(v89), admin, 3, false, nil},
		{"plain user, no projects", CapabilitiesOf(v99), plain, 0, false, []TokenType{TypeUser}},
		{"plain user with a scannable project", CapabilitiesOf(v99), plain, 1, false, []TokenType{TypeProject, TypeUser}},
		{"global scan, no projects", CapabilitiesOf(v99), scanner, 0, false, []TokenType{TypeGlobal, TypeUser}},
		{"global scan and projects: the web page's order", CapabilitiesOf(v99), scanner, 5, false, []TokenType{TypeProject, TypeGlobal, TypeUser}},
		{"admin for another user: user tokens only", CapabilitiesOf(v99), admin, 5, true, []TokenType{TypeUser}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CreatableTypes(tt.caps, tt.me, tt.projects, tt.other); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("CreatableTypes = %v, want %v", got, tt.want)
			}
		})
	}
}
