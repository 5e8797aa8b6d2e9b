package cli

import (
	"context"
	"fmt"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/model"
)

// runDemo opens the console on the built-in server as its admin; the token stays in memory.
func (a *app) runDemo(ctx context.Context, tf tuiFlags) error {
	// No profile: the theme comes from flag, env or a readable file; the demo needs no configuration.
	src := config.Sources{Flags: a.flags, Getenv: a.io.Getenv}
	if a.io.ConfigPath != nil {
		src.ConfigPath, _ = a.io.ConfigPath()
	}
	theme, source, _ := config.LoadTheme(src)
	pal, err := a.palette(theme, source)
	if err != nil {
		return err
	}
	srv := sonarsim.New(sonarsim.Options{})
	url, err := srv.Start("127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("start the built-in server: %w", err)
	}
	defer srv.Close()
	st := config.Settings{
		URL: url, URLSource: "--demo",
		Token: model.NewSecret(srv.AdminToken()), TokenSource: "--demo",
		Timeout: a.flags.Timeout, Debug: a.flags.Debug,
	}
	if st.Timeout <= 0 {
		st.Timeout = config.DefaultTimeout
	}
	s, err := a.open(ctx, st)
	if err != nil {
		return err
	}
	defer s.close()
	return a.tui(ctx, tuiParams{Client: s.client, Login: "", OwnTokenType: model.TypeUser, Now: a.io.Now, flags: tf, Palette: pal})
}
