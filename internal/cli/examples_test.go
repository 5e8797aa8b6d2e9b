package cli

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/ui"
)

// redirect is a shell redirection of standard output to a file (not 2>).
var redirect = regexp.MustCompile(`(^|[^0-9&])>>? *[^&\s]`)

// TestExamplesKeepTokensPrivate: an example that sends a new token's
// value to a file makes that file readable by its owner alone (umask 077
// in a subshell), where a bare > new-token.txt left it 0644.
func TestExamplesKeepTokensPrivate(t *testing.T) {
	root := (&app{io: IO{}.withDefaults()}).newRootCmd()
	for _, name := range []string{"generate", "rotate"} {
		cmd, _, err := root.Find([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(cmd.Example, "\n") {
			if redirect.MatchString(line) && !strings.Contains(line, "umask 077") {
				t.Errorf("%s --help: %q writes the token to a file others may read", name, strings.TrimSpace(line))
			}
		}
	}
}

// TestAbandonedConsoleExitsOne: a console that quit with a generate in
// flight exits 1, as the README documents, after its exit note.
func TestAbandonedConsoleExitsOne(t *testing.T) {
	e := newTestEnv(t, sonarsim.Options{})
	e.tui = func(context.Context, tuiParams) error { return ui.ErrAbandoned }
	r := e.run().expect(t, ExitError)
	if !strings.Contains(r.stderr, "revoke the token with the command above") {
		t.Errorf("stderr %q", r.stderr)
	}
}
