package ui

import (
	"testing"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/clipboard"
	"github.com/sonartoken/sonartoken/model"
)

// adminOpts are the options of a console on the admin fake.
func adminOpts(f *fakeService) Options {
	return Options{Service: f, Now: clock, Clipboard: &fakeClipboard{method: clipboard.OSC52}, OwnTokenType: model.TypeUser}
}

// reviewed opens the review on the admin fake and waits for its end.
func reviewed(t *testing.T, f *fakeService, w, h int) *session {
	o := adminOpts(f)
	o.Review = true
	return start(t, o, w, h).wait("Scanned 4 users")
}

// TestGoldenAdmin records the administrators' screens: the review (loading,
// loaded, filtered), the user picker, another user's form, the bulk
// confirmation and report, and each rotation step.
func TestGoldenAdmin(t *testing.T) {
	t.Parallel()
	t.Run("review_loading", func(t *testing.T) {
		f := newAdminFake()
		f.scanHold = make(chan struct{})
		t.Cleanup(func() { close(f.scanHold) })
		o := adminOpts(f)
		o.Review = true
		start(t, o, 100, 30).wait("3/4 users").golden()
	})
	t.Run("review_stopped", func(t *testing.T) {
		f := newAdminFake()
		f.scanHold = make(chan struct{})
		t.Cleanup(func() { close(f.scanHold) })
		o := adminOpts(f)
		o.Review = true
		start(t, o, 100, 30).wait("3/4 users").keys("esc").wait("Stopped after").golden()
	})
	t.Run("review_loaded", func(t *testing.T) {
		reviewed(t, newAdminFake(), 100, 30).golden()
	})
	t.Run("review_loaded_80x24", func(t *testing.T) {
		reviewed(t, newAdminFake(), 80, 24).golden()
	})
	t.Run("review_filtered_marked", func(t *testing.T) {
		reviewed(t, newAdminFake(), 100, 30).keys("2", "+").wait("expiring within 14 days").keys("a").wait("2 marked").golden()
	})
	t.Run("review_by_type_and_login", func(t *testing.T) {
		reviewed(t, newAdminFake(), 100, 30).keys("t").wait("type User").keys("l").wait("login").golden()
	})
	t.Run("review_help", func(t *testing.T) {
		reviewed(t, newAdminFake(), 100, 30).keys("?").wait("Keys").golden()
	})
	t.Run("review_read_only", func(t *testing.T) {
		o := adminOpts(newAdminFake())
		o.Review, o.ReadOnly = true, true
		start(t, o, 100, 30).wait("Scanned 4 users").golden()
	})
	t.Run("bulk_confirm", func(t *testing.T) {
		reviewed(t, newAdminFake(), 100, 30).keys("1", "a").wait("2 marked").keys("d").wait("Revoke 2 tokens of 2 users").golden()
	})
	t.Run("bulk_report_with_failure", func(t *testing.T) {
		f := newAdminFake()
		f.revokeErrs = map[string]error{"jenkins": &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 403, Messages: []string{"Insufficient privileges"}}}
		reviewed(t, f, 100, 30).keys("1", "a").wait("2 marked").keys("d").wait("Revoke 2 tokens").keys("y").wait("Bulk revocation").golden()
	})
	t.Run("picker", func(t *testing.T) {
		start(t, adminOpts(newAdminFake()), 100, 30).wait("1/5 tokens").keys("u").wait("Linus").golden()
	})
	t.Run("picker_filtered", func(t *testing.T) {
		start(t, adminOpts(newAdminFake()), 80, 24).wait("1/5 tokens").keys("u").wait("Linus").typeText("gr").wait("> grace").golden()
	})
	t.Run("other_user_form", func(t *testing.T) {
		start(t, adminOpts(newAdminFake()), 100, 30).wait("1/5 tokens").keys("u").wait("Linus").typeText("grace").wait("> grace").
			keys("enter").wait("tokens of grace").keys("n").wait("Generate a token for grace").golden()
	})
	t.Run("rotate_plan", func(t *testing.T) {
		start(t, adminOpts(newAdminFake()), 100, 30).wait("1/5 tokens").keys("G").wait("5/5").keys("o").wait("step 1 of 3").golden()
	})
	t.Run("rotate_reveal", func(t *testing.T) {
		start(t, adminOpts(newAdminFake()), 100, 30).wait("1/5 tokens").keys("G").wait("5/5").keys("o").wait("step 1 of 3").
			keys("enter").wait("step 2 of 3").keys("c").wait("paste to check").golden()
	})
	t.Run("rotate_done", func(t *testing.T) {
		start(t, adminOpts(newAdminFake()), 100, 30).wait("1/5 tokens").keys("G").wait("5/5").keys("o").wait("step 1 of 3").
			keys("enter").wait("step 2 of 3").keys("c").wait("paste to check").keys("y").wait("Token rotated").golden()
	})
	t.Run("rotate_ask_revoke_80x24", func(t *testing.T) {
		start(t, adminOpts(newAdminFake()), 80, 24).wait("1/5 tokens").keys("G").wait("5/5").keys("o").wait("step 1 of 3").
			keys("enter").wait("step 2 of 3").keys("y").wait("y again").golden()
	})
	t.Run("rotate_revoke_failed", func(t *testing.T) {
		f := newAdminFake()
		f.revokeErrs = map[string]error{"release-bot": &client.APIError{Method: "POST", Endpoint: "api/user_tokens/revoke", Status: 503}}
		start(t, adminOpts(f), 100, 30).wait("1/5 tokens").keys("G").wait("5/5").keys("o").wait("step 1 of 3").
			keys("enter").wait("step 2 of 3").keys("c").wait("paste to check").keys("y").wait("Rotation not finished").golden()
	})
	t.Run("rotate_stopped", func(t *testing.T) {
		start(t, adminOpts(newAdminFake()), 80, 24).wait("1/5 tokens").keys("G").wait("5/5").keys("o").wait("step 1 of 3").
			keys("enter").wait("step 2 of 3").keys("esc").wait("Nothing was copied").keys("esc").wait("Rotation stopped").golden()
	})
	t.Run("rotate_lost_value_80x24", func(t *testing.T) {
		f := &lossyService{fakeService: newAdminFake(), lose: 1}
		o := adminOpts(f.fakeService)
		o.Service = f
		start(t, o, 80, 24).wait("1/5 tokens").keys("G").wait("5/5").keys("o").wait("step 1 of 3").
			keys("enter").wait("value lost").golden()
	})
	t.Run("rotate_refused_other_users_analysis_token", func(t *testing.T) {
		reviewed(t, newAdminFake(), 100, 30).keys("/").typeText("kernel").keys("enter").wait("1/1 shown").keys("o").wait("Cannot rotate").golden()
	})
	t.Run("admin_signed_in_with_analysis_token", func(t *testing.T) {
		o := adminOpts(newAdminFake())
		o.OwnTokenType = model.TypeGlobal
		start(t, o, 100, 30).wait("1/5 tokens").keys("R").wait("no Administer System").golden()
	})
}
