package sonarsim

import (
	"strings"
	"testing"
)

func TestEditionMaxLifetime(t *testing.T) {
	for _, ed := range []string{EditionCommunity, EditionDeveloper} {
		err := Options{Edition: ed, MaxTokenLifetime: "30 days"}.Validate()
		if err == nil || !strings.Contains(err.Error(), "only in the Enterprise and Data Center editions") {
			t.Errorf("%s with a max lifetime: %v", ed, err)
		}
		// Without the setting, nothing is enforced and the setting is
		// unknown to api/settings/values, asked by key or not.
		f := newFixture(t, Options{Edition: ed})
		wantStatus(t, f.post(genPath, f.tok["alice"], vals("name", "x")), 200)
		for _, q := range []string{"", maxLifetimeKey} {
			r := f.get("/api/settings/values", f.tok["alice"], vals("keys", q))
			if strings.Contains(r.body, maxLifetimeKey) {
				t.Errorf("%s settings (keys=%q): %s", ed, q, r.body)
			}
		}
	}
	for _, ed := range []string{"", EditionEnterprise, EditionDataCenter} {
		f := newFixture(t, Options{Edition: ed, MaxTokenLifetime: "30 days"})
		wantError(t, f.post(genPath, f.tok["alice"], vals("name", "x")), 400,
			"Tokens expiring after 2025-07-15 are not allowed. Please use an expiration date.")
		r := f.get("/api/settings/values", f.tok["alice"], vals("keys", maxLifetimeKey))
		if r.body != `{"settings":[{"key":"sonar.auth.token.max.allowed.lifetime","value":"30 days","inherited":false}]}` {
			t.Errorf("%q settings: %s", ed, r.body)
		}
	}
	if err := (Options{Edition: "ultimate"}).Validate(); err == nil || !strings.Contains(err.Error(), `unknown edition "ultimate"`) {
		t.Errorf("unknown edition: %v", err)
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("New started a community edition with a max lifetime")
		}
	}()
	New(Options{Edition: EditionCommunity, MaxTokenLifetime: "90 days", Empty: true})
}
