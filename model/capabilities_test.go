package model

import (
	"strings"
	"testing"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in                  string
		major, minor, patch int
		build               int
		short               string
		wantErr             bool
	}{
		{"8.9.10.61524", 8, 9, 10, 61524, "8.9", false},
		{"9.9.8.100196", 9, 9, 8, 100196, "9.9", false},
		{"10.6.0.92116", 10, 6, 0, 92116, "10.6", false},
		{"2025.1.0.102418", 2025, 1, 0, 102418, "2025.1", false},
		{"26.7.0.124771\n", 26, 7, 0, 124771, "26.7", false},
		{"2026.3.1.123439", 2026, 3, 1, 123439, "2026.3", false},
		{"8.9", 8, 9, 0, 0, "8.9", false},
		{"", 0, 0, 0, 0, "", true},
		{"10", 0, 0, 0, 0, "", true},
		{"1.2.3.4.5", 0, 0, 0, 0, "", true},
		{"10.x", 0, 0, 0, 0, "", true},
		{"-1.2", 0, 0, 0, 0, "", true},
		{"<html>", 0, 0, 0, 0, "", true},
	}
	for _, tt := range tests {
		v, err := ParseVersion(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseVersion(%q) err = %v", tt.in, err)
			continue
		}
		if tt.wantErr {
			if !strings.Contains(err.Error(), "not a SonarQube version") {
				t.Errorf("error %q", err)
			}
			continue
		}
		if v.Major != tt.major || v.Minor != tt.minor || v.Patch != tt.patch || v.Build != tt.build || v.Short() != tt.short {
			t.Errorf("ParseVersion(%q) = %+v", tt.in, v)
		}
		if v.String() != strings.TrimSpace(tt.in) {
			t.Errorf("String() = %q", v.String())
		}
	}
	if got := (Version{Major: 9, Minor: 9, Patch: 1}).String(); got != "9.9.1" {
		t.Errorf("String without Raw = %q", got)
	}
	long := strings.Repeat("x", 100)
	if _, err := ParseVersion(long); err == nil || len(err.Error()) > 80 {
		t.Errorf("long garbage not truncated: %v", err)
	}
}

func TestCapabilitiesOf(t *testing.T) {
	all := Capabilities{true, true, true, true, true, true, true, true, true, true, false}
	tests := []struct {
		version string
		want    Capabilities
	}{
		{"8.9.10.61524", Capabilities{UsersSearchLegacy: true}},
		{"9.4.0.1", Capabilities{UsersSearchLegacy: true}},
		{"9.5.0.1", Capabilities{TokenTypes: true, TokenPrefixes: true, ScannableProjects: true, UsersSearchLegacy: true}},
		{"9.6.0.1", Capabilities{TokenTypes: true, TokenPrefixes: true, Expiration: true, ExpirationHeader: true, ScannableProjects: true, UsersSearchLegacy: true}},
		{"9.9.8.100196", Capabilities{TokenTypes: true, TokenPrefixes: true, Expiration: true, IsExpiredField: true, MaxLifetime: true, ExpirationHeader: true, ScannableProjects: true, UsersSearchLegacy: true}},
		{"10.0.0.1", Capabilities{TokenTypes: true, TokenPrefixes: true, Expiration: true, IsExpiredField: true, MaxLifetime: true, ExpirationHeader: true, BearerAuth: true, ScannableProjects: true, UsersSearchLegacy: true}},
		{"10.6.0.92116", all},
		{"2025.1.0.102418", all},
		{"26.7.0.124771", all}, // Community Build YY.M
		{"2099.12.0.1", all},   // an unknown future version
		{"100.1", all},         // a future Community Build
	}
	for _, tt := range tests {
		v, err := ParseVersion(tt.version)
		if err != nil {
			t.Fatal(err)
		}
		if got := CapabilitiesOf(v); got != tt.want {
			t.Errorf("CapabilitiesOf(%s) = %+v\nwant %+v", tt.version, got, tt.want)
		}
	}
}

func TestAtLeast(t *testing.T) {
	v := Version{Major: 9, Minor: 9}
	for _, c := range []struct {
		maj, min int
		want     bool
	}{{9, 9, true}, {9, 10, false}, {9, 5, true}, {10, 0, false}, {8, 99, true}} {
		if got := v.AtLeast(c.maj, c.min); got != c.want {
			t.Errorf("9.9 AtLeast(%d,%d) = %v", c.maj, c.min, got)
		}
	}
}
