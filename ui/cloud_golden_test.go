package ui

import (
	"testing"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// TestGoldenCloud: the console on SonarQube Cloud (fixed sizes, the
// pinned colour profile, the test clock): the table without Type or
// Project and with Removal at each size, the two-field generate form, a
// token's detail, R refused; and a rotation whose new token the server
// refused.
func TestGoldenCloud(t *testing.T) {
	t.Parallel()
	cloud := func() Options {
		return Options{Service: newCloudFake(), Now: clock, Clipboard: &fakeClipboard{}, OwnTokenType: model.TypeUser}
	}
	for _, size := range []struct {
		name string
		w, h int
	}{{"table_50x15", 50, 15}, {"table_80x24", 80, 24}, {"table_200x50", 200, 50}} {
		t.Run(size.name, func(t *testing.T) {
			t.Parallel()
			start(t, cloud(), size.w, size.h).wait("1/5 tokens").golden()
		})
	}
	t.Run("form_80x24", func(t *testing.T) {
		t.Parallel()
		start(t, cloud(), 80, 24).wait("1/5 tokens").keys("n").wait("Generate a token").golden()
	})
	t.Run("form_50x15", func(t *testing.T) {
		t.Parallel()
		start(t, cloud(), 50, 15).wait("1/5 tokens").keys("n").wait("Expires").golden()
	})
	t.Run("detail_80x24", func(t *testing.T) {
		t.Parallel()
		start(t, cloud(), 80, 24).wait("1/5 tokens").keys("enter").wait("Removal").golden()
	})
	t.Run("review_refused_80x24", func(t *testing.T) {
		t.Parallel()
		start(t, cloud(), 80, 24).wait("1/5 tokens").keys("R").wait("are closed").golden()
	})
	t.Run("rotate_refused_80x24", func(t *testing.T) {
		t.Parallel()
		f := newFake()
		f.fail("CheckToken", &client.TokenCheckError{Refused: true, Status: 401, Reason: "the server refused the new token (HTTP 401)"})
		start(t, fakeOpts(f, &fakeClipboard{}), 80, 24).wait("1/5 tokens").keys("j", "o").wait("step 1 of 3").keys("enter").wait("kept unchanged").golden()
	})
}
