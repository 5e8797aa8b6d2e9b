package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/internal/config"
)

// reviewProfiles is nil for the one configured server, else the profiles named or all.
func (a *app) reviewProfiles(cmd *cobra.Command, all bool) ([]string, error) {
	if !all && len(a.profiles) < 2 {
		return nil, nil
	}
	for _, f := range []string{"url", "token-file"} {
		if cmd.Flags().Changed(f) {
			return nil, usageErr(fmt.Errorf("--%s does not go with several profiles: each profile names its own server and token", f))
		}
	}
	if !all {
		var names []string
		for _, p := range a.profiles {
			if !slices.Contains(names, p) {
				names = append(names, p)
			}
		}
		return names, nil
	}
	if len(a.profiles) > 0 {
		return nil, usageErr(errors.New("--all-profiles and --profile do not go together: give one"))
	}
	if a.io.ConfigPath == nil {
		return nil, usageErr(errors.New("--all-profiles: no configuration file"))
	}
	path, err := a.io.ConfigPath()
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	f, err := config.LoadFile(path)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	if len(f.Profiles) == 0 {
		return nil, usageErr(fmt.Errorf("--all-profiles: %s holds no profile; add one with sonartoken auth login --profile NAME", path))
	}
	return f.Names(), nil
}

// profileSettings resolves one profile alone, never the environment's or project's.
func (a *app) profileSettings(ctx context.Context, name string) (config.Settings, error) {
	src := a.sources(ctx)
	src.Flags.Profile = name
	getenv := src.Getenv
	src.Getenv = func(k string) string {
		if k == config.EnvURL || k == config.EnvProfile || slices.Contains(config.TokenEnvVars, k) {
			return ""
		}
		return getenv(k)
	}
	src.Dir = ""
	st, err := config.Load(src)
	if err != nil {
		return st, fmt.Errorf("configuration: %w", err)
	}
	if err := st.RequireServer(); err != nil {
		return st, err //nolint:wrapcheck // config's own words
	}
	return st, nil
}

// configProfiles is nil when the file cannot be read (no switch then).
func (a *app) configProfiles() []string {
	if a.io.ConfigPath == nil {
		return nil
	}
	path, err := a.io.ConfigPath()
	if err != nil {
		return nil
	}
	f, err := config.LoadFile(path)
	if err != nil {
		return nil
	}
	return f.Names()
}
