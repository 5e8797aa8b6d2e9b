package cli

import (
	"context"
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui"
)

// tuiFlags are the flags of the console itself (the root command).
type tuiFlags struct {
	demo        bool
	readOnly    bool
	review      bool
	concurrency int
}

func bindTUIFlags(root *cobra.Command, tf *tuiFlags) {
	f := root.Flags()
	f.BoolVar(&tf.demo, "demo", false, "start the built-in SonarQube-compatible server with seeded data and open the console on it")
	f.BoolVar(&tf.readOnly, "read-only", false, "show tokens without offering to generate or revoke")
	f.BoolVar(&tf.review, "review", false, "open the administrators' review of every user's tokens")
	f.IntVar(&tf.concurrency, "concurrency", client.DefaultScanConcurrency, "parallel requests of the review")
}

// tuiParams is what the console is opened with.
type tuiParams struct {
	Client       *client.Client
	Login        string
	OwnTokenType model.TokenType
	Now          func() time.Time
	flags        tuiFlags
}

// runTUI opens the console. --review and --concurrency are accepted for
// the administrators' review, which the console does not have yet.
func runTUI(ctx context.Context, p tuiParams) error {
	err := ui.Run(ctx, ui.Options{
		Service:      p.Client,
		Now:          p.Now,
		ReadOnly:     p.flags.readOnly,
		Login:        p.Login,
		OwnTokenType: p.OwnTokenType,
	})
	if err != nil && errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
