package cli

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/internal/keychain"
	"github.com/sonartoken/sonartoken/model"
)

// DefaultProfile names the profile auth login writes when none is named.
const DefaultProfile = "default"

// expiringSoon matches SonarQube's expiry email, 7 days before.
const expiringSoon = 7 * 24 * time.Hour

func (a *app) newAuthCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "auth",
		Short: "Sign in to a server and keep its token in the OS keychain",
		Long: `auth login asks for a server URL and a token (typed without echo),
checks them against the server, stores the token in the OS keychain under a
profile (--profile, default "default") and writes the profile to
hosts.toml beside the configuration file (config.toml, which sonartoken
never rewrites). auth status shows who you are signed in as; auth logout
removes the stored token.`,
		Args: usageArgs(cobra.NoArgs),
		// Runnable, so "auth logn" is refused instead of showing help with exit 0.
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.newLoginCmd(), a.newStatusCmd(), a.newLogoutCmd())
	return cmd
}

// profileName: --profile, SONARTOKEN_PROFILE, the file's default, or "default".
func (a *app) profileName(path string) string {
	if name, _ := config.ProfileName(a.flags, a.io.Getenv); name != "" {
		return name
	}
	if path != "" {
		if f, err := config.ReadFileOrEmpty(path); err == nil && f.Default != "" {
			return f.Default
		}
	}
	return DefaultProfile
}

func (a *app) configPath() (string, error) {
	if a.io.ConfigPath == nil {
		return "", errors.New("no configuration file on this system")
	}
	return a.io.ConfigPath()
}

func (a *app) newLoginCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "login",
		Short: "Check a server URL and token, store the token in the OS keychain",
		Example: `  sonartoken auth login                         # asks for the URL and the token
  sonartoken auth login --profile staging --url https://sonar-staging.example.com
  sonartoken auth login --token-file - < token.txt`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.login(cmd.Context())
		},
	}
}

func (a *app) login(ctx context.Context) error {
	path, err := a.configPath()
	if err != nil {
		return err
	}
	name := a.profileName(path)
	if !config.ValidProfileName(name) {
		return usageErr(fmt.Errorf("profile name %q: %s", name, config.ProfileNameRule))
	}
	file, err := config.ReadFileOrEmpty(path)
	if err != nil {
		return err
	}
	if err := config.CheckProfileName(name, file); err != nil {
		return usageErr(err) // before the token is asked for, or stored
	}
	prev, _ := file.Lookup(name)
	in := bufio.NewReader(a.io.In)

	url := a.flags.URL
	if url == "" {
		def := prev.URL
		if def == "" {
			def = a.io.Getenv(config.EnvURL)
		}
		prompt := "SonarQube server URL: "
		if def != "" {
			prompt = fmt.Sprintf("SonarQube server URL [%s]: ", config.RedactURL(def))
		}
		fmt.Fprint(a.io.Err, prompt)
		line, err := readLine(in)
		if err != nil && line == "" && def == "" {
			return usageErr(errors.New("no server URL given"))
		}
		if url = line; url == "" {
			url = def
		}
	}
	caFile := a.flags.CAFile
	if caFile == "" {
		caFile = prev.CAFile
	}
	// Refused before the token is asked for: a URL with a password, or a
	// config.toml profile, which sonartoken never rewrites.
	pre, err := config.Resolve(config.Flags{URL: url}, nil, nil)
	if errors.Is(err, config.ErrCredentialsInURL) {
		return err
	}
	if err == nil {
		if err := config.CheckProfile(path, a.loginCloud(loginProfile(prev, name, pre.URL, caFile, a.io.Keychain != nil, path))); err != nil {
			return usageErr(err)
		}
	}

	var token model.Secret
	if a.flags.TokenFile != "" && !(a.flags.TokenFile == "-" && a.stdinIsTerminal()) {
		st, err := config.Resolve(config.Flags{TokenFile: a.flags.TokenFile}, nil, in)
		if err != nil {
			return err
		}
		token = st.Token
	} else {
		fmt.Fprint(a.io.Err, "Token (input hidden): ")
		if token, err = a.readSecret(in); err != nil {
			return err
		}
	}
	if token.IsZero() {
		return usageErr(errors.New("no token given"))
	}

	// Cloud by --cloud, or because the profile already says so.
	st, err := config.Resolve(config.Flags{URL: url, CAFile: caFile, Insecure: a.flags.Insecure, Timeout: a.flags.Timeout, Debug: a.flags.Debug, Cloud: a.flags.Cloud || prev.Cloud}, nil, nil)
	if err != nil {
		return usageErr(err)
	}
	for _, w := range st.Warnings {
		fmt.Fprintf(a.io.Err, "warning: %s\n", model.PrintableLines(w))
	}
	st.Token, st.TokenSource = token, "auth login"
	s, err := a.open(ctx, st)
	if err != nil {
		return err
	}
	defer s.close()

	who := describeUser(s.user)
	server := "SonarQube " + s.client.Version().String()
	if s.client.Cloud() {
		server = "SonarQube Cloud"
	}
	fmt.Fprintf(a.io.Err, "Signed in to %s (%s) as %s.\n", model.Printable(st.URL), model.Printable(server), who)
	if t := model.TypeOfValue(token.Reveal()); t == model.TypeGlobal || t == model.TypeProject {
		fmt.Fprintf(a.io.Err, "warning: this is a %s: it cannot list, generate or revoke user tokens. Use a user token for sonartoken.\n", t.Label())
	}

	storeErr := a.storeToken(name, token)
	if storeErr != nil && !errors.Is(storeErr, keychain.ErrUnavailable) {
		return fmt.Errorf("store the token: %w", storeErr)
	}
	p := a.loginCloud(loginProfile(prev, name, st.URL, caFile, storeErr == nil, path))
	where, err := config.SaveProfile(path, p)
	if err != nil && storeErr != nil {
		err = fmt.Errorf("%v, so the token was not stored, and %w", storeErr, err)
	}
	if err != nil {
		return err
	}
	if storeErr != nil {
		return &codedError{code: ExitError, err: storeErr, msg: fmt.Sprintf(
			"%v, so the token was not stored.\n"+
				"Profile %s is in %s and reads its token from %s. Create that file,\n"+
				"readable by you alone, and paste the token into it (end with Ctrl-D):\n\n"+
				"  %s\n\n"+
				"Or keep setting SONAR_TOKEN in your environment.",
			storeErr, name, where, p.TokenFile, createTokenFile(p.TokenFile, true))}
	}
	fmt.Fprintf(a.io.Err, "Token stored in the OS keychain under profile %s; profile in %s.\n", name, where)
	return nil
}

// loginProfile keeps prev's keys and records where the token is: keychain, else a token file.
func loginProfile(prev config.Profile, name, url, caFile string, inKeychain bool, path string) config.Profile {
	p := prev
	p.Name, p.URL, p.CAFile = name, url, caFile
	p.Token, p.TokenFile = config.TokenFromKeychain, ""
	if !inKeychain {
		p.Token, p.TokenFile = "", cmp.Or(prev.TokenFile, filepath.Join(filepath.Dir(path), name+".token"))
	}
	return p
}

// loginCloud records --cloud in the profile, as later commands are not given the flag.
func (a *app) loginCloud(p config.Profile) config.Profile {
	p.Cloud = p.Cloud || a.flags.Cloud
	return p
}

func (a *app) storeToken(profile string, token model.Secret) error {
	if a.io.Keychain == nil {
		return keychain.ErrUnavailable
	}
	return a.io.Keychain.Set(profile, token)
}

// readSecret reads the token without echo on a terminal, else one line.
func (a *app) readSecret(in *bufio.Reader) (model.Secret, error) {
	if f, ok := a.io.In.(*os.File); ok && term.IsTerminal(f.Fd()) {
		b, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(a.io.Err)
		if err != nil {
			return model.Secret{}, fmt.Errorf("read the token: %w", err)
		}
		return model.NewSecret(strings.TrimSpace(string(b))), nil
	}
	line, err := readLine(in)
	if err != nil && line == "" {
		return model.Secret{}, usageErr(errors.New("no token given on standard input"))
	}
	return model.NewSecret(line), nil
}

// readLine reads one line, trimmed; io.EOF only when nothing was read.
func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	line = strings.TrimSpace(line)
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		if line == "" {
			return "", fmt.Errorf("read standard input: %w", err)
		}
	}
	return line, nil
}

func describeUser(u model.CurrentUser) string {
	if u.Name != "" && u.Name != u.Login {
		return fmt.Sprintf("%s (%s)", model.Printable(u.Name), model.Printable(u.Login))
	}
	return model.Printable(u.Login)
}

func (a *app) newStatusCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show the server, its version, the user, the token's type and expiry",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.status(cmd.Context())
		},
	}
}

func (a *app) status(ctx context.Context) error {
	s, err := a.connect(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	st, c, u := s.settings, s.client, s.user
	caps := c.Capabilities()
	out := a.io.Out
	fmt.Fprintf(out, "Server:      %s (from %s)\n", model.Printable(st.URL), model.Printable(st.URLSource))
	if caps.Cloud {
		fmt.Fprintf(out, "Version:     SonarQube Cloud (api/server/version says %s; %s authentication)\n", model.Printable(c.Version().String()), c.AuthScheme())
	} else {
		fmt.Fprintf(out, "Version:     SonarQube %s (%s authentication)\n", model.Printable(c.Version().String()), c.AuthScheme())
	}
	fmt.Fprintf(out, "User:        %s\n", describeUser(u))
	perms := "none"
	if len(u.GlobalPermissions) > 0 {
		perms = model.Printable(strings.Join(u.GlobalPermissions, ", "))
	}
	fmt.Fprintf(out, "Permissions: %s\n", perms)
	fmt.Fprintf(out, "Token:       %s, from %s\n", tokenKind(st.Token, caps), st.TokenSource)
	exp, ok := c.TokenExpiration()
	now := a.io.Now()
	switch {
	case ok && !exp.After(now):
		fmt.Fprintf(out, "Expires:     %s: expired\n", model.ExpiryDay(exp))
	case ok:
		days := int((exp.Sub(now) + 24*time.Hour - 1) / (24 * time.Hour))
		fmt.Fprintf(out, "Expires:     %s (in %d days)\n", model.ExpiryDay(exp), days)
		if exp.Sub(now) <= expiringSoon {
			fmt.Fprintf(a.io.Err, "warning: the token expires in %d days: rotate it (sonartoken rotate NAME, NAME as listed by sonartoken list), then sonartoken auth login with the new value.\n", days)
		}
	case caps.ExpirationHeader:
		fmt.Fprintf(out, "Expires:     never (the server reports no expiration date)\n")
	case caps.Cloud:
		fmt.Fprintf(out, "Expires:     unknown (SonarQube Cloud does not document the expiration header); unused for 60 days, Cloud removes it\n")
	default:
		fmt.Fprintf(out, "Expires:     unknown (SonarQube %s does not report it)\n", c.Version().Short())
	}
	return nil
}

// tokenKind names the console token's type; a value without a prefix is a
// user token, as analysis tokens came with their prefixes in 9.5.
func tokenKind(token model.Secret, caps model.Capabilities) string {
	switch t := model.TypeOfValue(token.Reveal()); t {
	case model.TypeGlobal, model.TypeProject:
		return t.Label() + " (an analysis token: it cannot manage other users' tokens)"
	case model.TypeUser:
		return t.Label()
	}
	if caps.Cloud {
		return "User Token"
	}
	if !caps.TokenTypes {
		return "User Token (this server version has no other type)"
	}
	return "User Token (no squ_ prefix: created before SonarQube 9.5)"
}

func (a *app) newLogoutCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "Remove the profile's token from the OS keychain",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			path, _ := a.configPath()
			name := a.profileName(path)
			if a.io.Keychain == nil {
				return keychain.ErrUnavailable
			}
			err := a.io.Keychain.Delete(name)
			switch {
			case errors.Is(err, keychain.ErrNotFound):
				fmt.Fprintf(a.io.Err, "No token of profile %s is stored in the OS keychain.\n", name)
			case err != nil:
				return fmt.Errorf("logout: %w", err)
			default:
				fmt.Fprintf(a.io.Err, "Removed the token of profile %s from the OS keychain.\n", name)
			}
			if a.io.Getenv(config.EnvToken) != "" {
				fmt.Fprintf(a.io.Err, "Note: SONAR_TOKEN is still set in your environment.\n")
			}
			fmt.Fprintf(a.io.Err, "The token itself still works until it is revoked in SonarQube (sonartoken revoke NAME).\n")
			return nil
		},
	}
}
