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

// Sources is everything Load may read. A zero field switches its layer
// off, so tests and commands that need no file, keychain or project leave
// them out.
type Sources struct {
	Flags Flags
	// Getenv reads one environment variable (os.Getenv in production).
	Getenv func(string) string
	// Stdin is read only for --token-file -. On a terminal (an *os.File),
	// the token is asked for on Prompt and read with echo off.
	Stdin io.Reader
	// Prompt is standard error, where --token-file - on a terminal asks
	// for the token; nil asks nothing.
	Prompt io.Writer
	// Context ends that question (SIGINT); nil never does.
	Context context.Context
	// ConfigPath is the configuration file (DefaultPath in production),
	// read with hosts.toml beside it; a missing file is no error unless a
	// profile is asked for by name.
	ConfigPath string
	// Keychain holds the profiles' tokens; nil means no keychain is
	// available.
	Keychain keychain.Store
	// Dir is the working folder where sonar-project.properties is looked
	// for (and in its parents up to the repository root); "" skips it.
	Dir string
}

// ErrNoProfile is returned when --profile or SONARTOKEN_PROFILE names a
// profile the configuration file does not hold.
var ErrNoProfile = errors.New("no such profile")

// Load resolves the settings from every layer, in order of precedence:
// flags, environment, the configuration file's profile, the project's
// sonar-project.properties. Tokens are read lazily: a file, standard input
// or the keychain is read only when its layer wins.
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
		// The project at hand is a convenience: an unreadable or
		// untrusted file is worth a word, not a failure.
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

// ProfileName returns the profile asked for by --profile or
// SONARTOKEN_PROFILE, and where the name came from ("" when neither).
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

// profileLayer chooses the profile: the one named by --profile or
// SONARTOKEN_PROFILE, else the file's default, else the only one. A
// profile named explicitly must exist. It also returns the file read (the
// zero File when there is none).
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

// profileTokenFileRef reads a profile's token-file when its layer wins.
// A file that does not exist yet (a profile written by auth login on a
// machine without a keychain) gets the command that creates it.
func profileTokenFileRef(ctx context.Context, profile, path string) *tokenRef {
	ref := tokenFileRef(ctx, path, nil, nil)
	read := ref.read
	ref.read = func() (model.Secret, error) {
		v, err := read()
		if errors.Is(err, fs.ErrNotExist) {
			return v, fmt.Errorf("profile %s: token file %s: %w. Create it, readable by you alone, and paste the token into it (end with Ctrl-D):\n\n  (umask 077; mkdir -p %s; cat > %s)\n\nor sign in again with sonartoken auth login --profile %s",
				profile, path, fs.ErrNotExist, shellQuote(filepath.Dir(path)), shellQuote(path), profile)
		}
		return v, err
	}
	return ref
}

// keychainRef reads a profile's token from the keychain when its layer
// wins.
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
