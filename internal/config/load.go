package config

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/sonartoken/sonartoken/internal/keychain"
	"github.com/sonartoken/sonartoken/internal/sonarprops"
	"github.com/sonartoken/sonartoken/model"
)

// Sources is everything Load may read; a zero field switches its layer off.
type Sources struct {
	Flags Flags
	// Getenv reads one environment variable (os.Getenv in production).
	Getenv func(string) string
	// Stdin is read only for --token-file -, with echo off on a terminal.
	Stdin io.Reader
	// Prompt is where --token-file - asks on a terminal; nil asks nothing.
	Prompt io.Writer
	// Context ends that question (SIGINT); nil never does.
	Context context.Context
	// ConfigPath is config.toml; a missing file is no error unless a profile is named.
	ConfigPath string
	// Keychain holds the profiles' tokens; nil means none is available.
	Keychain keychain.Store
	// Dir is where sonar-project.properties is looked for, up to the repository root; "" skips it.
	Dir string
}

// ErrNoProfile is a named profile the file does not hold.
var ErrNoProfile = errors.New("no such profile")

// Load resolves every layer; a token is read only when its layer wins.
func Load(src Sources) (Settings, error) {
	if src.Getenv == nil {
		src.Getenv = func(string) string { return "" }
	}
	if src.Context == nil {
		src.Context = context.Background()
	}
	layers := []layer{flagLayer(src.Context, src.Flags, src.Stdin, src.Prompt), envLayer(src.Getenv)}

	profile, pl, file, err := profileLayer(src)
	if err != nil {
		return Settings{}, err
	}
	layers = append(layers, pl, fileThemeLayer(file, src.ConfigPath))

	var proj sonarprops.Project
	var projErr error
	if src.Dir != "" {
		p, err := sonarprops.Find(src.Dir)
		switch {
		case err == nil:
			proj = p
			layers = append(layers, layer{url: p.HostURL, urlSource: p.Path})
		case !errors.Is(err, fs.ErrNotExist):
			projErr = err
		}
	}

	s, err := resolve(layers)
	if err != nil {
		return Settings{}, err
	}
	if projErr != nil {
		// The project at hand is a convenience: worth a word, not a failure.
		s.ProjectWarning = fmt.Sprintf("%s ignored: %v", sonarprops.FileName, projErr)
		var ie *sonarprops.IgnoredError
		if errors.As(projErr, &ie) {
			s.ProjectWarning = ie.Error()
		}
		s.Warnings = append(s.Warnings, s.ProjectWarning)
	}
	s.Profile = profile
	if profile != "" {
		s.ConfigPath = src.ConfigPath
	}
	s.ProjectKey, s.ProjectFile = proj.ProjectKey, proj.Path
	if proj.Path != "" && s.URL != "" && s.URLSource == proj.Path {
		s.URLFile = proj.Path
		s.URLUnconfirmed = !file.Trusts(s.URL)
	}
	return s, nil
}

// ProfileName returns --profile or SONARTOKEN_PROFILE and its source.
func ProfileName(f Flags, getenv func(string) string) (name, source string) {
	if f.Profile != "" {
		return f.Profile, "--profile"
	}
	if getenv != nil {
		if v := strings.TrimSpace(getenv(EnvProfile)); v != "" {
			return v, EnvProfile
		}
	}
	return "", ""
}

// profileLayer picks the named profile (which must exist), else the default, else the only one.
func profileLayer(src Sources) (string, layer, File, error) {
	name, source := ProfileName(src.Flags, src.Getenv)
	if src.ConfigPath == "" {
		if name != "" {
			return "", layer{}, File{}, fmt.Errorf("%s %s: %w: no configuration file", source, name, ErrNoProfile)
		}
		return "", layer{}, File{}, nil
	}
	f, err := LoadFile(src.ConfigPath)
	if errors.Is(err, fs.ErrNotExist) {
		if name != "" {
			return "", layer{}, File{}, fmt.Errorf("%s %s: %w: %s does not exist; create the profile with sonartoken auth login --profile %s", source, name, ErrNoProfile, src.ConfigPath, name)
		}
		return "", layer{}, File{}, nil
	}
	if err != nil {
		return "", layer{}, File{}, err
	}
	if name == "" {
		name, source = f.Default, "default in "+src.ConfigPath
		if name == "" && len(f.Profiles) == 1 {
			name = f.Profiles[0].Name
		}
	}
	if name == "" {
		return "", layer{}, f, nil
	}
	p, ok := f.Lookup(name)
	if !ok {
		return "", layer{}, File{}, fmt.Errorf("%s %s: %w in %s or %s (profiles: %s)", source, name, ErrNoProfile, src.ConfigPath, OwnedFileName, strings.Join(f.Names(), ", "))
	}
	l := layer{url: p.URL, urlSource: "profile " + p.Name, caFile: expandHome(p.CAFile), timeout: p.Timeout,
		theme: p.Theme, themeSource: "profile " + p.Name,
		cloud: p.Cloud, cloudSource: "profile " + p.Name, cloudFor: p.URL}
	switch {
	case p.TokenFile != "":
		l.token = profileTokenFileRef(src.Context, p.Name, expandHome(p.TokenFile))
		l.token.source = fmt.Sprintf("profile %s (token-file %s)", p.Name, p.TokenFile)
	case p.Token == TokenFromKeychain:
		l.token = keychainRef(src.Keychain, p.Name)
	}
	if l.token != nil {
		l.tokenFor = p.URL
	}
	return p.Name, l, f, nil
}

// profileTokenFileRef: a missing file (auth login without a keychain) gets
// the command that creates it.
func profileTokenFileRef(ctx context.Context, profile, path string) *tokenRef {
	ref := tokenFileRef(ctx, path, nil, nil)
	read := ref.read
	ref.read = func() (model.Secret, error) {
		v, err := read()
		if errors.Is(err, fs.ErrNotExist) {
			// %.0w wraps ErrTokenFileMissing (exit 2) without printing it.
			return v, fmt.Errorf("profile %s: token file %s: %w%.0w. Create it, readable by you alone, and paste the token into it (end with Ctrl-D):\n\n  (umask 077; mkdir -p %s; cat > %s)\n\nor sign in again with sonartoken auth login --profile %s",
				profile, path, fs.ErrNotExist, ErrTokenFileMissing, shellQuote(filepath.Dir(path)), shellQuote(path), profile)
		}
		return v, err
	}
	return ref
}

// keychainRef reads the profile's token when its layer wins.
func keychainRef(store keychain.Store, profile string) *tokenRef {
	return &tokenRef{source: fmt.Sprintf("profile %s (OS keychain)", profile), read: func() (model.Secret, error) {
		if store == nil {
			return model.Secret{}, fmt.Errorf("profile %s keeps its token in the OS keychain: %w; use token-file in the profile, --token-file or SONAR_TOKEN instead", profile, keychain.ErrUnavailable)
		}
		v, err := store.Get(profile)
		switch {
		case errors.Is(err, keychain.ErrNotFound):
			return model.Secret{}, fmt.Errorf("profile %s: %w: run sonartoken auth login --profile %s", profile, keychain.ErrNotFound, profile)
		case errors.Is(err, keychain.ErrUnavailable):
			return model.Secret{}, fmt.Errorf("profile %s: %w; use token-file in the profile, --token-file or SONAR_TOKEN instead", profile, err)
		case err != nil:
			return model.Secret{}, fmt.Errorf("profile %s: %w", profile, err)
		}
		return v, nil
	}}
}
