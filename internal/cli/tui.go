package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/keychain"
	"github.com/sonartoken/sonartoken/internal/sonarsim"
	"github.com/sonartoken/sonartoken/internal/versioncache"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui"
	"github.com/sonartoken/sonartoken/ui/styles"
)

type tuiFlags struct {
	demo        bool
	readOnly    bool
	review      bool
	concurrency int
	// clipboardClear is how long a copied token stays on the clipboard.
	clipboardClear time.Duration
}

func bindTUIFlags(root *cobra.Command, tf *tuiFlags) {
	f := root.Flags()
	f.BoolVar(&tf.demo, "demo", false, "start the built-in SonarQube-compatible server with seeded data and open the console on it")
	root.PersistentFlags().BoolVar(&tf.readOnly, "read-only", false, "change nothing: the console offers no generate or revoke, and generate, revoke, rotate and review --revoke refuse to run")
	f.BoolVar(&tf.review, "review", false, "open the administrators' review of every user's tokens")
	f.IntVar(&tf.concurrency, "concurrency", client.DefaultScanConcurrency, "parallel requests of the review")
	f.DurationVar(&tf.clipboardClear, "clipboard-clear", ui.DefaultClipboardClear, "clear a copied token from the clipboard after this `DURATION` if it is still there (0 never clears)")
}

type tuiParams struct {
	// Client is not connected yet (the console connects behind its start-up
	// screen); nil opens the welcome screen.
	Client       *client.Client
	Login        string
	OwnTokenType model.TokenType
	Now          func() time.Time
	// Banners stay in the console's header (--insecure, clear text).
	Banners []string
	// ProjectKey is the project at hand, preselected in the generate form.
	ProjectKey string
	// WelcomeURL and Profile prefill the welcome form.
	WelcomeURL, Profile string
	// KeychainProfile: the token came from the keychain under Profile.
	KeychainProfile bool
	// ServerFile is the sonar-project.properties that named the server.
	ServerFile string
	// Consent asks before the token goes to a server only ServerFile names.
	Consent *ui.URLConsent
	// Dial, Save and Demo serve the welcome form (see ui.BootOptions).
	Dial func(url string, token model.Secret) (ui.BootService, error)
	Save func(profile, url string, token model.Secret) (ui.Saved, error)
	Demo func(ctx context.Context) (ui.BootService, error)
	// Profiles are the file's profiles; OpenProfile opens one with its own token.
	Profiles    []string
	OpenProfile func(ctx context.Context, profile string) (ui.BootService, []string, error)
	// Audit records the console's changes (nil: none).
	Audit audit.Logger
	// Palette colours the console (see app.palette).
	Palette styles.Palette
	flags   tuiFlags

	// Versions remembers the server version between runs.
	Versions *versioncache.Cache
}

// runTUI opens the console; --review opens the administrators' review.
func runTUI(ctx context.Context, p tuiParams) error {
	if p.flags.clipboardClear < 0 {
		return usageErr(errors.New("--clipboard-clear must not be negative (0 never clears)"))
	}
	o := ui.BootOptions{
		Options: ui.Options{
			Now:          p.Now,
			ReadOnly:     p.flags.readOnly,
			Review:       p.flags.review,
			Concurrency:  p.flags.concurrency,
			Login:        p.Login,
			OwnTokenType: p.OwnTokenType,
			Banners:      p.Banners,
			// ClipboardClear: 0 keeps a copy until something else is copied.
			ClipboardClear: p.flags.clipboardClear,
			ServerFile:     p.ServerFile,
			Profile:        p.Profile,
			Profiles:       p.Profiles,
			Audit:          p.Audit,
			Palette:        p.Palette,
		},
		OpenProfile: p.OpenProfile,
		Dial:        p.Dial, Save: p.Save, Demo: p.Demo,
		WelcomeURL: p.WelcomeURL, Profile: p.Profile, ProjectKey: p.ProjectKey,
		KeychainProfile: p.KeychainProfile,
	}
	if p.Client != nil {
		o.Server, o.Consent = p.Client, p.Consent
		if p.Versions != nil {
			o.Server = &rememberedVersion{Client: p.Client, url: p.Client.BaseURL(), cache: *p.Versions}
		}
	}
	err := ui.RunBoot(ctx, o)
	if err != nil && errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// openConsole opens the console, or the welcome screen with no server and a terminal.
func (a *app) openConsole(ctx context.Context, st config.Settings, tf tuiFlags) error {
	pal, err := a.palette(st.Theme, st.ThemeSource)
	if err != nil {
		return err
	}
	var opened closers // added to from the console's Cmds (Dial, Demo)
	defer opened.closeAll()
	p := tuiParams{
		Palette: pal,
		flags:   tf, Now: a.io.Now,
		Banners:    Banners(st),
		ProjectKey: st.ProjectKey,
		WelcomeURL: st.URL,
		Profile:    st.Profile,
	}
	// A typed server is Cloud by --cloud or SONARTOKEN_CLOUD (a profile's key
	// holds for its own URL only).
	dialCloud := st.Cloud && (st.CloudSource == "--cloud" || st.CloudSource == config.EnvCloud)
	p.Dial = func(raw string, token model.Secret) (ui.BootService, error) {
		ds, err := config.Resolve(config.Flags{URL: raw, CAFile: st.CAFile, Insecure: st.Insecure, Timeout: st.Timeout, Debug: st.Debug, Cloud: dialCloud}, nil, nil)
		if err != nil {
			return nil, err
		}
		ds.Token = token
		s, err := a.newSession(ds)
		if err != nil {
			return nil, err
		}
		opened.add(s.close)
		return s.client, nil
	}
	if st.URLUnconfirmed {
		// A URL only a file names is not offered as the user's own.
		p.WelcomeURL = ""
	}
	p.Save = a.saveProfile
	switch l, err := a.auditLog(); {
	case err != nil:
		// Said for the whole session: its changes are not recorded.
		p.Banners = append(p.Banners, "No audit log: "+err.Error()+".")
	case l != nil:
		p.Audit = l
	}
	if p.Profiles = a.configProfiles(); len(p.Profiles) >= 2 {
		p.OpenProfile = func(ctx context.Context, name string) (ui.BootService, []string, error) {
			ps, err := a.profileSettings(ctx, name)
			if err != nil {
				return nil, nil, err
			}
			s, err := a.newSession(ps)
			if err != nil {
				return nil, nil, err
			}
			opened.add(s.close)
			return s.client, Banners(ps), nil
		}
	}
	p.Demo = func(context.Context) (ui.BootService, error) {
		srv := sonarsim.New(sonarsim.Options{})
		u, err := srv.Start("127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("start the built-in server: %w", err)
		}
		opened.add(func() { _ = srv.Close() })
		return p.Dial(u, model.NewSecret(srv.AdminToken()))
	}

	if err := st.RequireServer(); err != nil {
		if !a.io.IsTerminal(a.io.Out) {
			return err // errorWords names auth login and --demo
		}
		return a.tui(ctx, p)
	}
	s, err := a.newSession(st)
	if err != nil {
		return err
	}
	opened.add(s.close)
	p.Client = s.client
	cache := versioncache.New(versioncache.Dir(a.io.Getenv))
	p.Versions = &cache
	p.OwnTokenType = model.TypeOfValue(st.Token.Reveal())
	p.KeychainProfile = st.Profile != "" && strings.HasSuffix(st.TokenSource, "(OS keychain)")
	p.ServerFile = st.URLFile
	if st.URLUnconfirmed {
		p.Consent = &ui.URLConsent{URL: st.URL, File: st.URLFile, Remember: a.trustURL}
	}
	return a.tui(ctx, p)
}

// trustURL remembers that the user accepted url from sonar-project.properties.
func (a *app) trustURL(url string) error {
	path, err := a.configPath()
	if err != nil {
		return err
	}
	return config.TrustURL(path, url)
}

// saveProfile saves the profile as auth login does; without a keychain the note
// says how to create a token file, as the program never writes a token to disk.
func (a *app) saveProfile(profile, serverURL string, token model.Secret) (ui.Saved, error) {
	path, err := a.configPath()
	if err != nil {
		return ui.Saved{}, err
	}
	f, err := config.ReadFileOrEmpty(path)
	if err != nil {
		return ui.Saved{}, err
	}
	prev, _ := f.Lookup(profile)
	// Before the keychain is written: a name differing only by case would
	// overwrite a token on Windows, and config.toml profiles are not rewritten.
	if err := config.CheckProfile(path, a.loginCloud(loginProfile(prev, profile, serverURL, prev.CAFile, a.io.Keychain != nil, path))); err != nil {
		return ui.Saved{}, err
	}
	storeErr := a.storeToken(profile, token)
	if storeErr != nil && !errors.Is(storeErr, keychain.ErrUnavailable) {
		return ui.Saved{}, fmt.Errorf("save the token: %w", storeErr)
	}
	p := a.loginCloud(loginProfile(prev, profile, serverURL, prev.CAFile, storeErr == nil, path))
	where, err := config.SaveProfile(path, p)
	if err != nil && storeErr != nil {
		err = fmt.Errorf("%v, so the token was not saved, and %w", storeErr, err)
	}
	if err != nil {
		return ui.Saved{}, err
	}
	if storeErr == nil {
		return ui.Saved{Note: fmt.Sprintf("Token saved in the OS keychain as profile %s (%s).", profile, where)}, nil
	}
	tokenPath := p.TokenFile
	return ui.Saved{
		Note: fmt.Sprintf("Profile %s saved in %s; no OS keychain: create its token file %s.", profile, where, tokenPath),
		Todo: []string{
			"No OS keychain is available on this machine, so the token was not saved.",
			"",
			fmt.Sprintf("Profile %s is in %s and reads its token from %s. Create that file, readable by you alone, and paste the token into it (end with Ctrl-D):", profile, where, tokenPath),
			"",
			"  " + createTokenFile(tokenPath, filepath.Dir(tokenPath) != filepath.Dir(path)),
			"",
			"Or keep setting SONAR_TOKEN in your environment. This session goes on with the token you typed.",
		},
	}, nil
}

// createTokenFile is the shell command that creates the owner-only token file (and folder when mkdir).
func createTokenFile(path string, mkdir bool) string {
	if !mkdir {
		return fmt.Sprintf("(umask 077; cat > %s)", model.ShellQuote(path))
	}
	return fmt.Sprintf("(umask 077; mkdir -p %s; cat > %s)", model.ShellQuote(filepath.Dir(path)), model.ShellQuote(path))
}

// Banners are the warnings the console keeps in its header all session.
func Banners(st config.Settings) []string {
	var out []string
	if st.Insecure {
		out = append(out, "--insecure: TLS verification is off; the server is not authenticated.")
	}
	if u, err := url.Parse(st.URL); err == nil && u.Scheme == "http" && !config.IsLoopback(u.Hostname()) {
		out = append(out, "Plain http:// to a remote host: the token travels in clear text.")
	}
	if st.ProjectWarning != "" {
		out = append(out, st.ProjectWarning)
	}
	return out
}
