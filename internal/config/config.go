// Package config resolves where sonartoken connects and with which token: flags,
// environment, profile, then sonar-project.properties, whose server gets no token
// until accepted. A token is never an argument (ps shows those) and a profile's
// token goes only to its server.
package config

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// Environment variables read by Resolve.
const (
	EnvURL     = "SONAR_HOST_URL"
	EnvToken   = "SONAR_TOKEN"
	EnvProfile = "SONARTOKEN_PROFILE"
	EnvTheme   = "SONARTOKEN_THEME"
	EnvDebug   = "DEBUG"
	// EnvCloud set to 1 (true, yes) says the server is SonarQube Cloud, as --cloud.
	EnvCloud = "SONARTOKEN_CLOUD"
)

// TokenEnvVars are stripped from rotate --exec's environment.
var TokenEnvVars = []string{EnvToken}

// DefaultTimeout bounds each request when no timeout is configured.
const DefaultTimeout = 30 * time.Second

// Sentinel errors for what is missing after resolution (usage errors).
var (
	ErrNoURL   = errors.New("no server URL: set SONAR_HOST_URL or pass --url")
	ErrNoToken = errors.New("no token: set SONAR_TOKEN or pass --token-file FILE (- for standard input)")
	// ErrTokenFileMissing is a profile's token file that does not exist
	// yet (auth login without a keychain): no token is configured.
	ErrTokenFileMissing = errors.New("token file missing")
	// ErrCredentialsInURL is a URL with user information; its error never repeats it.
	ErrCredentialsInURL = errors.New("the server URL holds a user name or password")
)

// credentialsError names the URL without its user information.
type credentialsError struct{ bare string }

func (e *credentialsError) Error() string {
	return fmt.Sprintf("the server URL holds a user name or password (USER:PASSWORD@), which sonartoken never sends: use %s and pass a token with SONAR_TOKEN, --token-file FILE or sonartoken auth login", e.bare)
}

func (e *credentialsError) Is(target error) bool { return target == ErrCredentialsInURL }

// Flags are the command-line flags in resolution; zero means not given.
type Flags struct {
	URL       string        // --url
	TokenFile string        // --token-file; "-" reads standard input
	Profile   string        // --profile
	CAFile    string        // --ca-file
	Insecure  bool          // --insecure
	Timeout   time.Duration // --timeout
	Debug     bool          // --debug
	Theme     string        // --theme
	Cloud     bool          // --cloud
}

// Settings is the resolved configuration.
type Settings struct {
	// URL has no trailing slash; "" when no layer set it.
	URL string
	// URLSource names where URL came from ("--url", "SONAR_HOST_URL").
	URLSource string
	// Token authenticates requests; zero when no layer set it.
	Token model.Secret
	// TokenSource names where the token came from, never the token.
	TokenSource string
	// CAFile is a PEM bundle of extra certificate authorities.
	CAFile string
	// Insecure switches TLS verification off; only --insecure sets it.
	Insecure bool
	// Timeout bounds each request.
	Timeout time.Duration
	// Debug asks for a debug log file.
	Debug bool
	// Theme is the console's theme as given ("" when unset), ThemeSource its origin.
	Theme, ThemeSource string
	// Cloud marks a non-Cloud host as Cloud (--cloud, SONARTOKEN_CLOUD, or the
	// profile's key for its own URL); CloudSource is its origin.
	Cloud       bool
	CloudSource string
	// Profile is the configuration file's profile in use, "" for none.
	Profile string
	// ConfigPath is the configuration file consulted, "" for none.
	ConfigPath string
	// ProjectKey is sonar.projectKey of the project at hand, "" for none.
	ProjectKey string
	// ProjectFile is the sonar-project.properties file read, "" for none.
	ProjectFile string
	// URLFile is the sonar-project.properties URL came from, if any.
	URLFile string
	// URLUnconfirmed: only URLFile names URL, so no token goes there without
	// the user's say (ConfirmURL).
	URLUnconfirmed bool
	// ProjectWarning says why a sonar-project.properties was ignored; the console keeps it in its header.
	ProjectWarning string
	// Warnings are facts to hear before anything is sent (clear text, verification off).
	Warnings []string
}

// RequireServer reports ErrNoURL or ErrNoToken when either is missing.
func (s Settings) RequireServer() error {
	if s.URL == "" {
		return ErrNoURL
	}
	if s.Token.IsZero() {
		return ErrNoToken
	}
	return nil
}

// UntrustedURLError refuses a server only a sonar-project.properties names:
// anyone who can write the working tree could name their own.
type UntrustedURLError struct {
	URL, File string
}

// Error names the file, the server and the flag that accepts it.
func (e *UntrustedURLError) Error() string {
	return fmt.Sprintf("the server %s is named only by sonar.host.url in %s, and you have not named it: no token is sent there on a file's word. If you trust it, pass --url %s (the console asks, and remembers the answer in the configuration file)", e.URL, e.File, e.URL)
}

// ConfirmURL refuses a URL from a properties file the user has not accepted.
func (s Settings) ConfirmURL() error {
	if !s.URLUnconfirmed {
		return nil
	}
	return &UntrustedURLError{URL: s.URL, File: s.URLFile}
}

// layer is one place settings may come from; a zero field defers to the next.
type layer struct {
	url, urlSource string
	token          *tokenRef // read lazily, only if this layer wins
	// tokenFor binds token to a server: a profile's token goes only to its own URL.
	tokenFor string
	caFile   string
	insecure bool
	timeout  time.Duration
	debug    bool
	// theme, from themeSource.
	theme, themeSource string
	// cloud holds for a profile only when the resolved URL is its own (cloudFor).
	cloud                 bool
	cloudSource, cloudFor string
}

// tokenRef is read only when its layer wins, so stdin is never consumed for nothing.
type tokenRef struct {
	source string
	read   func() (model.Secret, error)
}

func flagLayer(ctx context.Context, f Flags, stdin io.Reader, prompt io.Writer) layer {
	l := layer{url: f.URL, urlSource: "--url", caFile: f.CAFile, insecure: f.Insecure, timeout: f.Timeout, debug: f.Debug,
		theme: f.Theme, themeSource: "--theme", cloud: f.Cloud, cloudSource: "--cloud"}
	if f.TokenFile != "" {
		l.token = tokenFileRef(ctx, f.TokenFile, stdin, prompt)
	}
	return l
}

func envLayer(env func(string) string) layer {
	l := layer{url: strings.TrimSpace(env(EnvURL)), urlSource: EnvURL, theme: env(EnvTheme), themeSource: EnvTheme}
	if v := strings.TrimSpace(env(EnvToken)); v != "" {
		l.token = &tokenRef{source: EnvToken, read: func() (model.Secret, error) { return model.NewSecret(v), nil }}
	}
	switch strings.ToLower(strings.TrimSpace(env(EnvDebug))) {
	case "1", "true", "yes":
		l.debug = true
	}
	switch strings.ToLower(strings.TrimSpace(env(EnvCloud))) {
	case "1", "true", "yes":
		l.cloud, l.cloudSource = true, EnvCloud
	}
	return l
}

// Resolve merges flags and env without a file, keychain or project. A
// missing URL or token is left to RequireServer: sim and version need neither.
func Resolve(flags Flags, env func(string) string, stdin io.Reader) (Settings, error) {
	return Load(Sources{Flags: flags, Getenv: env, Stdin: stdin})
}

func resolve(layers []layer) (Settings, error) {
	var s Settings
	for _, l := range layers {
		if s.URL == "" && l.url != "" {
			s.URL, s.URLSource = l.url, l.urlSource
		}
		if s.CAFile == "" {
			s.CAFile = l.caFile
		}
		s.Insecure = s.Insecure || l.insecure
		if s.Timeout <= 0 {
			s.Timeout = l.timeout
		}
		s.Debug = s.Debug || l.debug
		if s.Theme == "" && strings.TrimSpace(l.theme) != "" {
			s.Theme, s.ThemeSource = l.theme, l.themeSource
		}
	}
	if s.Timeout <= 0 {
		s.Timeout = DefaultTimeout
	}
	if s.URL != "" {
		u, warn, err := normalizeURL(s.URL)
		if err != nil {
			return Settings{}, fmt.Errorf("%s: %w", s.URLSource, err)
		}
		s.URL = u
		if warn != "" {
			s.Warnings = append(s.Warnings, warn)
		}
	}
	if s.Insecure {
		s.Warnings = append(s.Warnings, "--insecure: TLS certificate verification is off; anyone on the network path can impersonate the server and capture the token.")
	}
	for _, l := range layers {
		if !l.cloud || s.Cloud {
			continue
		}
		if l.cloudFor != "" {
			bound, _, err := normalizeURL(l.cloudFor)
			if err != nil || bound != s.URL {
				continue
			}
		}
		s.Cloud, s.CloudSource = true, l.cloudSource
	}
	tok := s.pickToken(layers)
	if tok != nil {
		v, err := tok.read()
		if err != nil {
			return Settings{}, err
		}
		s.Token, s.TokenSource = v, tok.source
	}
	return s, nil
}

// pickToken returns the first token that may go to s.URL, warning about one passed over.
func (s *Settings) pickToken(layers []layer) *tokenRef {
	for _, l := range layers {
		if l.token == nil {
			continue
		}
		if l.tokenFor != "" {
			bound, _, err := normalizeURL(l.tokenFor)
			if err != nil || bound != s.URL {
				s.Warnings = append(s.Warnings, fmt.Sprintf("the token of %s is for %s: it is not sent to %s (from %s).", l.token.source, RedactURL(l.tokenFor), s.URL, s.URLSource))
				continue
			}
		}
		return l.token
	}
	return nil
}

// normalizeURL trims the trailing slash and warns about plain http to a non-loopback host.
func normalizeURL(raw string) (string, string, error) {
	raw = strings.TrimSpace(raw)
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", "", fmt.Errorf("server URL %q is not an http:// or https:// URL", RedactURL(raw))
	}
	u.RawQuery, u.Fragment = "", ""
	if u.User != nil {
		u.User = nil
		return "", "", &credentialsError{bare: strings.TrimRight(u.String(), "/")}
	}
	out := strings.TrimRight(u.String(), "/")
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return out, fmt.Sprintf("%s uses plain http:// to a host that is not this machine: the token travels in clear text. Use https:// if the server offers it.", out), nil
	}
	return out, "", nil
}

// CheckURL accepts what the configuration accepts, for forms: http(s)
// without user information (https when no scheme).
func CheckURL(raw string) error {
	_, _, err := normalizeURL(raw)
	return err
}

// RedactURL replaces user information by "…@", even in an unparsable URL.
func RedactURL(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		scheme, rest = "", raw
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return raw
	}
	out := "…@" + rest[at+1:]
	if ok {
		out = scheme + "://" + out
	}
	return out
}

// IsLoopback reports whether host is localhost or a loopback address.
func IsLoopback(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(h, "[]"))
	return ip != nil && ip.IsLoopback()
}
