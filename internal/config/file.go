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

// The configuration file is TOML (keys in the README), never written by sonartoken,
// and holds no token value; --insecure has no key so it is only ever explicit.

// FileName is the configuration file's name in the sonartoken config folder.
const FileName = "config.toml"

// TokenFromKeychain is the token key's one value.
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
	// Theme is this profile's console theme; "" leaves it to the file's.
	Theme string
	// Cloud marks the server as Cloud behind another host (cloud = true).
	Cloud bool
}

// File is the parsed configuration file.
type File struct {
	// Default names the profile used when none is named.
	Default string
	// Profiles in file order.
	Profiles []Profile
	// TrustedURLs are properties-file servers the user accepted.
	TrustedURLs []string
	// Theme is the console's theme unless a profile sets its own.
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

// ValidProfileName: 1 to 64 ASCII letters, digits, '.', '_' or '-'.
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

// CheckProfileName refuses a name differing only by case from an existing
// one: the Windows Credential Manager ignores case, so both would share a token.
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

func caseClash(name, other string) error {
	return fmt.Errorf("profiles %q and %q differ only by case: the Windows Credential Manager ignores case, so their tokens would overwrite each other in the OS keychain; use %s, or another name", name, other, other)
}

// tomlKey quotes name when a bare key would not do (a dot splits it).
func tomlKey(name string) string {
	if strings.Contains(name, ".") {
		return quote(name)
	}
	return name
}

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

// profileValue quotes a value, but cloud's boolean stays bare.
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

// DefaultPath is config.toml under os.UserConfigDir's sonartoken folder.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration directory: %w", err)
	}
	return filepath.Join(dir, "sonartoken", FileName), nil
}

// LoadFile reads config.toml and hosts.toml as one. Like ssh, it refuses
// non-regular files, other users' files and files group or others may access.
func LoadFile(path string) (File, error) {
	user, own, err := readBoth(path)
	if err != nil {
		return File{}, err
	}
	return merge(user, own, path)
}

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

// writeConfigFile writes at 0600 (folder 0700) by rename, so a crash never leaves half a file.
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
