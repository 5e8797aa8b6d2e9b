package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/version"
	"github.com/sonartoken/sonartoken/model"
)

// bindConnectionFlags adds the flags that say where to connect.
func (a *app) bindConnectionFlags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.StringVar(&a.flags.URL, "url", "", "server URL (default $SONAR_HOST_URL)")
	f.StringVar(&a.flags.TokenFile, "token-file", "", "read the token from `FILE` (- for standard input; default $SONAR_TOKEN)")
	f.Var(&profileValue{last: &a.flags.Profile, all: &a.profiles}, "profile", "use this `NAME`d server of the configuration file (default $SONARTOKEN_PROFILE, then the file's default); review takes several")
	f.Var((*timeoutValue)(&a.flags.Timeout), "timeout", "timeout of each request, more than 0 (default 30s, or the profile's)")
	f.StringVar(&a.flags.CAFile, "ca-file", "", "trust the certificate authorities in this PEM `FILE`")
	f.BoolVar(&a.flags.Insecure, "insecure", false, "skip TLS certificate verification (dangerous)")
	f.BoolVar(&a.flags.Debug, "debug", false, "log requests (never tokens) to debug.log in the user cache directory")
	f.BoolVar(&a.flags.Cloud, "cloud", false, "the server is SonarQube Cloud (default $SONARTOKEN_CLOUD, or the profile's cloud = true; sonarcloud.io and sonarqube.us are Cloud without it)")
	_ = root.MarkPersistentFlagFilename("token-file")
	_ = root.MarkPersistentFlagFilename("ca-file", "pem", "crt")
}

// profileValue is --profile: the last is the profile; review reads them all.
type profileValue struct {
	last *string
	all  *[]string
}

func (p *profileValue) String() string {
	if p.last == nil {
		return ""
	}
	return *p.last
}

func (p *profileValue) Set(s string) error {
	*p.last = s
	*p.all = append(*p.all, s)
	return nil
}

func (p *profileValue) Type() string { return "string" }

// timeoutValue is --timeout, above zero; zero stays the unset value.
type timeoutValue time.Duration

func (t *timeoutValue) String() string {
	if *t == 0 {
		return ""
	}
	return time.Duration(*t).String()
}

func (t *timeoutValue) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%q is not a duration such as 30s or 2m", s)
	}
	if d <= 0 {
		return errors.New("the timeout must be more than 0 (the default is 30s)")
	}
	*t = timeoutValue(d)
	return nil
}

func (t *timeoutValue) Type() string { return "duration" }

// checkConcurrency: more would not scan faster and would let a hostile
// server make the console hold more.
func checkConcurrency(n int) error {
	if n < 1 || n > client.MaxScanConcurrency {
		return usageErr(fmt.Errorf("--concurrency %d: use 1 to %d", n, client.MaxScanConcurrency))
	}
	return nil
}

type session struct {
	client   *client.Client
	settings config.Settings
	user     model.CurrentUser
	closeLog func()
	// signIns is whether the user listing dates its caller, asked once.
	signIns signIns
}

func (s *session) close() {
	if s != nil && s.closeLog != nil {
		s.closeLog()
	}
}

func (a *app) sources(ctx context.Context) config.Sources {
	src := config.Sources{Flags: a.flags, Getenv: a.io.Getenv, Stdin: a.io.In, Prompt: a.io.Err, Context: ctx, Keychain: a.io.Keychain}
	if a.io.ConfigPath != nil {
		if p, err := a.io.ConfigPath(); err == nil {
			src.ConfigPath = p
		}
	}
	if a.io.Getwd != nil {
		if d, err := a.io.Getwd(); err == nil {
			src.Dir = d
		}
	}
	return src
}

// settings resolves the configuration and prints its warnings.
func (a *app) settings(ctx context.Context) (config.Settings, error) {
	if len(a.profiles) > 1 {
		return config.Settings{}, usageErr(errors.New("--profile is given more than once: only review takes several profiles"))
	}
	s, err := config.Load(a.sources(ctx))
	if err != nil {
		return s, fmt.Errorf("configuration: %w", err)
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(a.io.Err, "warning: %s\n", model.PrintableLines(w))
	}
	return s, nil
}

// connect resolves, builds the client and learns the version and user.
func (a *app) connect(ctx context.Context) (*session, error) {
	return a.connectWith(ctx, nil)
}

// connectWith sends fetch together with the connection's requests (openWith).
func (a *app) connectWith(ctx context.Context, fetch func(context.Context, *client.Client)) (*session, error) {
	st, err := a.settings(ctx)
	if err != nil {
		return nil, err
	}
	if err := st.RequireServer(); err != nil {
		return nil, err
	}
	if err := st.ConfirmURL(); err != nil {
		return nil, usageErr(err)
	}
	return a.openWith(ctx, st, fetch)
}

func (a *app) open(ctx context.Context, st config.Settings) (*session, error) {
	return a.openWith(ctx, st, nil)
}

func (a *app) newSession(st config.Settings) (*session, error) {
	logger, closeLog, err := a.logger(st.Debug)
	if err != nil {
		return nil, err
	}
	s := &session{settings: st, closeLog: closeLog}
	c, err := client.New(client.Options{
		BaseURL: st.URL, Token: st.Token, Timeout: st.Timeout,
		CAFile: st.CAFile, Insecure: st.Insecure,
		Now: a.io.Now, Logger: logger,
		UserAgent: "sonartoken/" + version.Get().Version,
		Cloud:     st.Cloud,
	})
	if err != nil {
		s.close()
		return nil, fmt.Errorf("configuration: %w", err)
	}
	s.client = c
	return s, nil
}

// logger logs to the user cache dir with --debug or DEBUG=1, else discards.
func (a *app) logger(debug bool) (*slog.Logger, func(), error) {
	if !debug {
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return nil, nil, fmt.Errorf("--debug: %w", err)
	}
	dir = filepath.Join(dir, "sonartoken")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("--debug: %w", err)
	}
	path := filepath.Join(dir, "debug.log")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("--debug: %w", err)
	}
	fmt.Fprintf(a.io.Err, "debug log: %s\n", path)
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})), func() { _ = f.Close() }, nil
}
