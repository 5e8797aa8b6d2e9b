package model

import (
	"testing"
	"time"
)

func TestIsCloudHost(t *testing.T) {
	for host, want := range map[string]bool{
		"sonarcloud.io":        true,
		"SonarCloud.IO":        true,
		"sonarcloud.io.":       true,
		"sonarcloud.io:443":    true,
		"api.sonarcloud.io":    true,
		"sonarqube.us":         true,
		"api.sonarqube.us":     true,
		"sc-staging.io":        false,
		"notsonarcloud.io":     false,
		"sonarcloud.io.evil":   false,
		"sonarqube.example.us": false,
		"sonar.example.com":    false,
		"127.0.0.1:9000":       false,
		"":                     false,
	} {
		if got := IsCloudHost(host); got != want {
			t.Errorf("IsCloudHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestCloudRemoval(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	ago := func(d time.Duration) *time.Time { v := now.Add(-d); return &v }
	tests := []struct {
		name      string
		tok       Token
		wantAt    time.Time
		wantDays  int
		wantWords string
	}{
		{"used 50 days ago", Token{CreatedAt: now.Add(-120 * day), LastUsed: ago(50 * day)}, now.Add(10 * day), 10, "removed in 10 days if unused"},
		{"never used, created 55 days ago", Token{CreatedAt: now.Add(-55 * day)}, now.Add(5 * day), 5, "removed in 5 days if unused"},
		{"30 hours left count as 2 days", Token{CreatedAt: now.Add(-60*day + 30*time.Hour)}, now.Add(30 * time.Hour), 2, "removed in 2 days if unused"},
		{"one hour left", Token{CreatedAt: now.Add(-200 * day), LastUsed: ago(60*day - time.Hour)}, now.Add(time.Hour), 1, "removed in 1 day if unused"},
		{"due", Token{CreatedAt: now.Add(-61 * day)}, now.Add(-day), 0, "due for removal: unused for 60 days"},
		{"at the instant", Token{CreatedAt: now.Add(-60 * day)}, now, 0, "due for removal: unused for 60 days"},
		{"used just now", Token{CreatedAt: now.Add(-300 * day), LastUsed: ago(0)}, now.Add(60 * day), 60, "removed in 60 days if unused"},
		// A last use before the creation (a clock skew) counts from the creation.
		{"skewed last use", Token{CreatedAt: now.Add(-10 * day), LastUsed: ago(20 * day)}, now.Add(50 * day), 50, "removed in 50 days if unused"},
	}
	for _, tt := range tests {
		at, days := tt.tok.CloudRemoval(now)
		if !at.Equal(tt.wantAt) || days != tt.wantDays {
			t.Errorf("%s: CloudRemoval = %v, %d; want %v, %d", tt.name, at, days, tt.wantAt, tt.wantDays)
		}
		if got := tt.tok.CloudRemovalReason(now); got != tt.wantWords {
			t.Errorf("%s: reason %q, want %q", tt.name, got, tt.wantWords)
		}
	}
	tok := Token{CreatedAt: now.Add(-120 * day), LastUsed: ago(50 * day)}
	if !tok.CloudRemovalWithin(now, 14*day) || !tok.CloudRemovalWithin(now, 10*day) || tok.CloudRemovalWithin(now, 9*day) {
		t.Error("CloudRemovalWithin around 10 days left")
	}
}

func TestCloudCapabilities(t *testing.T) {
	c := CloudCapabilities()
	if !c.Cloud || !c.BearerAuth || !c.Expiration || c.TokenTypes || c.ScannableProjects || c.MaxLifetime || c.UsersV2 || c.ExpirationHeader {
		t.Errorf("CloudCapabilities() = %+v", c)
	}
}

func TestOwnerActivity(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	at := func(d time.Duration) *time.Time { v := now.Add(-d); return &v }
	for _, tt := range []struct {
		owner    *OwnerActivity
		inactive bool
		known    bool
		words    string
	}{
		{nil, false, false, ""},
		{&OwnerActivity{}, true, true, "owner never signed in"},
		{&OwnerActivity{LastSignIn: at(120 * day)}, true, true, "owner last signed in 120 days ago"},
		{&OwnerActivity{LastSignIn: at(90*day + time.Minute)}, true, true, "owner last signed in 90 days ago"},
		{&OwnerActivity{LastSignIn: at(90 * day)}, false, true, "owner last signed in 90 days ago"},
		{&OwnerActivity{LastSignIn: at(time.Hour)}, false, true, "owner signed in today"},
	} {
		tok := Token{Owner: tt.owner}
		inactive, known := tok.OwnerInactiveFor(now, DefaultOwnerInactive)
		if inactive != tt.inactive || known != tt.known {
			t.Errorf("%+v: OwnerInactiveFor = %v, %v", tt.owner, inactive, known)
		}
		if got := tok.OwnerSignInReason(now); got != tt.words {
			t.Errorf("%+v: %q, want %q", tt.owner, got, tt.words)
		}
		f := ReviewFilter{OwnerInactiveFor: DefaultOwnerInactive}
		if f.Match(tok, now) != tt.inactive {
			t.Errorf("%+v: filter match %v", tt.owner, !tt.inactive)
		}
	}
}

func TestUserLastSignIn(t *testing.T) {
	a := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := a.Add(time.Hour)
	for _, tt := range []struct {
		u    User
		want *time.Time
	}{
		{User{}, nil},
		{User{LastConnection: &a}, &a},
		{User{SonarLintLastConnection: &b}, &b},
		{User{LastConnection: &a, SonarLintLastConnection: &b}, &b},
		{User{LastConnection: &b, SonarLintLastConnection: &a}, &b},
	} {
		got := tt.u.LastSignIn()
		if (got == nil) != (tt.want == nil) || got != nil && !got.Equal(*tt.want) {
			t.Errorf("%+v: LastSignIn = %v, want %v", tt.u, got, tt.want)
		}
	}
}
