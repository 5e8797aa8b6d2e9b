package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/sonartoken/sonartoken/internal/safefile"
)

// The configuration file is TOML, read with github.com/pelletier/go-toml/v2
// (inline tables, dotted and quoted keys are fine):
//
//	# sonartoken configuration
//	default = "prod"
//	theme = "light"                      # the console's: auto, dark or light
//
//	[profiles.prod]
//	url = "https://sonar.example.com"
//	token = "keychain"                 # the OS keychain, under the profile's name
//	ca-file = "/etc/ssl/internal-ca.pem"
//	timeout = "1m"
//	theme = "dark"                     # this profile's console, before the file's theme
//
//	[profiles.cloud-proxy]
//	url = "https://sonar-proxy.example.com"
//	token = "keychain"
//	cloud = true                       # SonarQube Cloud behind another host name
//
//	[profiles.staging]
//	url = "https://sonar-staging.example.com"
//	token-file = "~/.config/sonartoken/staging.token"
//
// trusted-urls (before any section) lists the servers named by a
// sonar-project.properties that the user accepted in the console:
//
//	trusted-urls = ["https://sonar.example.com"]
//
// Every value is a string, but cloud's, a boolean. sonartoken never writes
// this file: what it saves goes to hosts.toml beside it (see owned.go). A
// token value never belongs in either file: token takes only
// "keychain", and token-file names a file that holds the token. --insecure
// has no profile key on purpose: switching verification off is only ever
// explicit.

// FileName is the configuration file's name in the sonartoken folder of
// the user's configuration directory.
const FileName = "config.toml"

// TokenFromKeychain is the value of a profile's token key that reads the
// token from the OS keychain.
const TokenFromKeychain = "keychain"

// maxConfigBytes bounds what is read of the configuration file.
const maxConfigBytes = 1 << 20

// Profile is one named server of the configuration file.
type Profile struct {
	Name string
	// URL is the server's base URL.
	URL string
	// Token is TokenFromKeychain or "".
	Token string
	// TokenFile is a file holding the token ("~/" is the home folder).
	TokenFile string
	// CAFile is a PEM bundle of extra certificate authorities.
	CAFile string
	// Timeout bounds each request; zero leaves the default.
	Timeout time.Duration
	// Theme is the console's theme with this profile (ThemeAuto, ThemeDark,
	// ThemeLight), "" to leave it to the file's Theme.
	Theme string
	// Cloud says the server is SonarQube Cloud (cloud = true), for a URL
	// whose host is not sonarcloud.io or sonarqube.us (a proxy in front of
	// it, say); those hosts are Cloud without it.
	Cloud bool
}

// File is the parsed configuration file.
type File struct {
	// Default names the profile used when neither --profile nor
	// SONARTOKEN_PROFILE names one.
	Default string
	// Profiles in file order.
	Profiles []Profile
	// TrustedURLs are servers named by a sonar-project.properties that
	// the user accepted: a token may go there.
	TrustedURLs []string
	// Theme is the console's theme (ThemeAuto, ThemeDark, ThemeLight),
	// "" for auto, unless a profile sets its own.
	Theme string
}

// Lookup returns the profile called name.
func (f File) Lookup(name string) (Profile, bool) {
	for _, p := range f.Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// Names lists the profiles' names in file order.
func (f File) Names() []string {
	out := make([]string, len(f.Profiles))
	for i, p := range f.Profiles {
		out[i] = p.Name
	}
	return out
}

// Upsert replaces the profile of the same name, or appends p.
func (f *File) Upsert(p Profile) {
	for i := range f.Profiles {
		if f.Profiles[i].Name == p.Name {
			f.Profiles[i] = p
			return
		}
	}
	f.Profiles = append(f.Profiles, p)
}

// ProfileNameRule says which profile names are accepted, for messages.
const ProfileNameRule = "use 1 to 64 letters, digits, '.', '_' or '-'"

// ValidProfileName reports whether name may name a profile: 1 to 64 ASCII
// letters, digits, '.', '_' or '-'.
func ValidProfileName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// CheckProfileName refuses a name that is not valid, or that differs only
// by case from a profile f already has: the Windows Credential Manager,
// which keeps the tokens of the profiles there, ignores case, so both
// would share one token. The name of an existing profile passes.
func CheckProfileName(name string, f File) error {
	if !ValidProfileName(name) {
		return fmt.Errorf("profile name %q: %s", name, ProfileNameRule)
	}
	for _, p := range f.Profiles {
		if p.Name != name && strings.EqualFold(p.Name, name) {
			return caseClash(name, p.Name)
		}
	}
	return nil
}

// caseClash is the refusal of two profile names that differ only by case.
func caseClash(name, other string) error {
	return fmt.Errorf("profiles %q and %q differ only by case: the Windows Credential Manager ignores case, so their tokens would overwrite each other in the OS keychain; use %s, or another name", name, other, other)
}

// tomlKey is name as a TOML key: bare when it can be, quoted otherwise
// (a dot would split a bare key in two).
func tomlKey(name string) string {
	if strings.Contains(name, ".") {
		return quote(name)
	}
	return name
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Marshal writes the file in the format ParseFile reads.
func (f File) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString("# Written by sonartoken (auth login, the welcome form, the servers you trust),\n")
	b.WriteString("# which rewrites it whole: put your own settings and comments in config.toml.\n")
	if f.Default != "" {
		fmt.Fprintf(&b, "default = %s\n", quote(f.Default))
	}
	if f.Theme != "" {
		fmt.Fprintf(&b, "theme = %s\n", quote(f.Theme))
	}
	if len(f.TrustedURLs) > 0 {
		b.WriteString("# Servers named by a sonar-project.properties that you accepted.\n")
		fmt.Fprintf(&b, "trusted-urls = %s\n", quoteList(f.TrustedURLs))
	}
	b.Write(f.marshalProfiles())
	return b.Bytes()
}

// marshalProfiles writes the profiles' sections, each after a blank line.
func (f File) marshalProfiles() []byte {
	var b bytes.Buffer
	for _, p := range f.Profiles {
		fmt.Fprintf(&b, "\n[profiles.%s]\n", tomlKey(p.Name))
		for i, v := range p.values() {
			if v != "" {
				fmt.Fprintf(&b, "%s = %s\n", profileKeys[i], profileValue(profileKeys[i], v))
			}
		}
	}
	return b.Bytes()
}

// profileKeys are a profile's keys in the order Marshal writes them.
var profileKeys = []string{"url", "token", "token-file", "ca-file", "timeout", "theme", "cloud"}

// values returns the profile's values for profileKeys ("" when unset).
func (p Profile) values() []string {
	timeout := ""
	if p.Timeout > 0 {
		timeout = p.Timeout.String()
	}
	cloud := ""
	if p.Cloud {
		cloud = "true"
	}
	return []string{p.URL, p.Token, p.TokenFile, p.CAFile, timeout, p.Theme, cloud}
}

// profileValue is a profile key's set value as the file writes it: a
// quoted string, but cloud's boolean bare (cloud = true).
func profileValue(key, v string) string {
	if key == "cloud" {
		return v
	}
	return quote(v)
}

func quoteList(list []string) string {
	quoted := make([]string, len(list))
	for i, u := range list {
		quoted[i] = quote(u)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// DefaultPath returns where the configuration file lives:
// $XDG_CONFIG_HOME/sonartoken/config.toml on Linux (~/.config when unset),
// ~/Library/Application Support/sonartoken/config.toml on macOS,
// %AppData%\sonartoken\config.toml on Windows (os.UserConfigDir).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration directory: %w", err)
	}
	return filepath.Join(dir, "sonartoken", FileName), nil
}

// LoadFile reads the configuration file at path and sonartoken's own file
// beside it (OwnedPath) as one (see merge). Both missing is an error
// matching fs.ErrNotExist; what is not a regular file, a file owned by
// another user and a file group or others may access are refused (the
// last with the chmod command), as ssh does.
func LoadFile(path string) (File, error) {
	user, own, err := readBoth(path)
	if err != nil {
		return File{}, err
	}
	return merge(user, own, path)
}

// readOne reads and parses one file with LoadFile's checks.
func readOne(path string) (File, error) {
	data, err := readConfig(path)
	if err != nil {
		return File{}, err
	}
	f, err := ParseFile(data)
	if err != nil {
		return File{}, fmt.Errorf("configuration file %s: %w", path, err)
	}
	return f, nil
}

// readConfig reads the configuration file's bytes with LoadFile's checks.
func readConfig(path string) ([]byte, error) {
	fh, fi, err := safefile.Open("configuration file", path)
	switch {
	case safefile.Refused(err):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("read configuration: %w", err)
	}
	defer fh.Close()
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, &PermissionError{Path: path, Mode: fi.Mode(), Kind: "configuration file"}
	}
	data, err := io.ReadAll(io.LimitReader(fh, maxConfigBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read configuration %s: %w", path, err)
	}
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("configuration file %s is larger than %d bytes", path, maxConfigBytes)
	}
	return data, nil
}

// writeConfigFile writes content to path with mode 0600 (its folder 0700),
// replacing the file in one step so that a crash never leaves half a file.
func writeConfigFile(path string, content []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("write configuration: %w", err)
	}
	if err := safefile.Replace(path, content); err != nil {
		return fmt.Errorf("write configuration: %w", err)
	}
	return nil
}

// ReadFileOrEmpty is LoadFile, with a missing file read as an empty one.
func ReadFileOrEmpty(path string) (File, error) {
	f, err := LoadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return File{}, nil
	}
	return f, err
}

// expandHome turns a leading ~/ into the home folder.
func expandHome(p string) string {
	rest, ok := strings.CutPrefix(p, "~/")
	if !ok {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return filepath.Join(home, rest)
}
