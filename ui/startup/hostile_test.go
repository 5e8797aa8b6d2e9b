package startup_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestStartupErrorHostileServer opens the console on servers whose HTML
// title or JSON error message carries terminal controls: the error screen
// shows them as visible escapes, never raw.
func TestStartupErrorHostileServer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		h    http.HandlerFunc
		want string
	}{
		{"html_title", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("<html><head><title>SSO\x1b]52;c;UFdORUQ=\a\x1b[2J\u202e</title></head></html>"))
		}, `"SSO\e]52;c;UFdORUQ=\a\e[2J\u202e"`},
		{"json_error", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/server/version" {
				_, _ = w.Write([]byte("10.6.0.92116"))
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"errors":[{"msg":"Denied\u001b]0;PWNED\u0007\u009b2J"}]}`))
		}, `Denied\e]0;PWNED\a\u009b2J`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := canned(t, tc.h)
			tm := run(t, bootOptions(newClient(t, srv.URL, "squ_x", nil)))
			waitFor(t, tm, "✗")
			view := final(t, tm).View()
			for i, r := range view {
				if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x202e {
					t.Fatalf("the error screen holds %U at byte %d:\n%s", r, i, view)
				}
			}
			if flat := strings.Join(strings.Fields(view), ""); !strings.Contains(flat, strings.ReplaceAll(tc.want, " ", "")) {
				t.Errorf("the error screen lacks %s:\n%s", tc.want, view)
			}
		})
	}
}
