package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sonartoken/sonartoken/internal/safefile"
)

// The configuration file is a small subset of TOML, so that it reads and
// edits like any other tool's config without a TOML dependency:
//
//	# sonartoken configuration
//	default = "prod"
//
//	[profiles.prod]
//	url = "https://sonar.example.com"
//	token = "keychain"                 # the OS keychain, under the profile's name
//	ca-file = "/etc/ssl/internal-ca.pem"
//	timeout = "1m"
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
// Values are basic ("...") or literal ('...') strings; comments start with
// #. A token value never belongs in this file: token takes only
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

// ValidProfileName reports whether name may name a profile: 1 to 64
// letters, digits, '-' or '_'.
func ValidProfileName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// SyntaxError is a mistake in the configuration file, with its line.
type SyntaxError struct {
	Line int
	Msg  string
}

// Error names the line and the mistake.
func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseFile reads the configuration file's text. It rejects unknown keys
// and sections (a typo would otherwise be silently ignored), duplicate
// profiles and keys, and a token key holding anything but "keychain"; no
// error ever repeats a value, which might be a token pasted by mistake.
func ParseFile(data []byte) (File, error) {
	var f File
	var cur *Profile
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxConfigBytes)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if !utf8.ValidString(line) {
			return File{}, &SyntaxError{n, "not valid UTF-8"}
		}
		if line[0] == '[' {
			name, err := parseSection(line)
			if err != nil {
				return File{}, &SyntaxError{n, err.Error()}
			}
			if _, dup := f.Lookup(name); dup {
				return File{}, &SyntaxError{n, fmt.Sprintf("profile %q is defined twice", name)}
			}
			f.Profiles = append(f.Profiles, Profile{Name: name})
			cur = &f.Profiles[len(f.Profiles)-1]
			seen = map[string]bool{}
			continue
		}
		key, raw, ok := strings.Cut(line, "=")
		if !ok {
			return File{}, &SyntaxError{n, "expected key = value"}
		}
		key = strings.TrimSpace(key)
		var val string
		var list []string
		var err error
		if key == "trusted-urls" && cur == nil {
			list, err = parseStringArray(strings.TrimSpace(raw))
		} else {
			val, err = parseValue(strings.TrimSpace(raw))
		}
		if err != nil {
			return File{}, &SyntaxError{n, fmt.Sprintf("%s: %v", key, err)}
		}
		if seen[key] {
			return File{}, &SyntaxError{n, fmt.Sprintf("%s is set twice", key)}
		}
		seen[key] = true
		if cur == nil {
			switch key {
			case "default":
				f.Default = val
			case "trusted-urls":
				f.TrustedURLs = list
			default:
				return File{}, &SyntaxError{n, fmt.Sprintf("unknown key %q before any [profiles.NAME] section (only default and trusted-urls go there)", key)}
			}
			continue
		}
		if err := cur.set(key, val); err != nil {
			return File{}, &SyntaxError{n, err.Error()}
		}
	}
	if err := sc.Err(); err != nil {
		return File{}, fmt.Errorf("read configuration: %w", err)
	}
	return f, nil
}

func (p *Profile) set(key, val string) error {
	switch key {
	case "url":
		p.URL = val
	case "token":
		if val != TokenFromKeychain {
			// Never repeat val: it may be a token pasted by mistake.
			return errors.New(`token takes only "keychain"; a token value does not belong in the configuration file: store it with sonartoken auth login, or put it in a file readable by you alone and name it with token-file`)
		}
		p.Token = val
	case "token-file":
		p.TokenFile = val
	case "ca-file":
		p.CAFile = val
	case "timeout":
		d, err := time.ParseDuration(val)
		if err != nil || d <= 0 {
			return fmt.Errorf("timeout %q is not a positive duration such as \"30s\" or \"2m\"", val)
		}
		p.Timeout = d
	case "insecure":
		return errors.New("insecure cannot be set in a profile: pass --insecure explicitly when you mean it")
	default:
		return fmt.Errorf("unknown key %q (known: url, token, token-file, ca-file, timeout)", key)
	}
	return nil
}

// parseSection reads [profiles.NAME] or [profiles."NAME"].
func parseSection(line string) (string, error) {
	end := strings.IndexByte(line, ']')
	if end < 0 || strings.HasPrefix(line, "[[") || trailing(line[end+1:]) != nil {
		return "", errors.New("expected a section such as [profiles.prod]")
	}
	inner := strings.TrimSpace(line[1:end])
	rest, ok := strings.CutPrefix(inner, "profiles.")
	if !ok {
		return "", fmt.Errorf("unknown section [%s]: profiles are [profiles.NAME]", inner)
	}
	name := strings.TrimSpace(rest)
	if strings.HasPrefix(name, `"`) || strings.HasPrefix(name, "'") {
		v, err := parseValue(name)
		if err != nil {
			return "", err
		}
		name = v
	}
	if !ValidProfileName(name) {
		return "", fmt.Errorf("profile name %q: use 1 to 64 letters, digits, - or _", name)
	}
	return name, nil
}

// parseValue reads a TOML basic or literal string, a boolean or an
// integer, followed by an optional comment, and returns it as a string.
func parseValue(s string) (string, error) {
	switch {
	case s == "":
		return "", errors.New("missing value")
	case s[0] == '"':
		return parseBasic(s)
	case s[0] == '\'':
		end := strings.IndexByte(s[1:], '\'')
		if end < 0 {
			return "", errors.New("unterminated string")
		}
		if err := trailing(s[end+2:]); err != nil {
			return "", err
		}
		return s[1 : end+1], nil
	}
	v, _, _ := strings.Cut(s, "#")
	v = strings.TrimSpace(v)
	if v == "true" || v == "false" {
		return v, nil
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return v, nil
	}
	return "", errors.New(`a value must be a quoted string, such as "https://sonar.example.com"`)
}

func parseBasic(s string) (string, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), trailing(s[i+1:])
		case c < 0x20 && c != '\t', c == 0x7f:
			return "", errors.New("control character in a string")
		case c != '\\':
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", errors.New("unterminated string")
		}
		switch s[i] {
		case '"', '\\':
			b.WriteByte(s[i])
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'u', 'U':
			n := 4
			if s[i] == 'U' {
				n = 8
			}
			if i+n >= len(s) {
				return "", errors.New("short unicode escape")
			}
			r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				return "", errors.New("bad unicode escape")
			}
			b.WriteRune(rune(r))
			i += n
		default:
			return "", fmt.Errorf("unknown escape \\%c", s[i])
		}
	}
	return "", errors.New("unterminated string")
}

func trailing(rest string) error {
	rest = strings.TrimSpace(rest)
	if rest != "" && rest[0] != '#' {
		return errors.New("unexpected text after the value")
	}
	return nil
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
	b.WriteString("# sonartoken configuration: named SonarQube servers (profiles).\n")
	b.WriteString("# token = \"keychain\" reads the token from the OS keychain; token-file names a\n")
	b.WriteString("# file readable by you alone. Never put a token value in this file.\n")
	if f.Default != "" {
		fmt.Fprintf(&b, "default = %s\n", quote(f.Default))
	}
	if len(f.TrustedURLs) > 0 {
		b.WriteString("# Servers named by a sonar-project.properties that you accepted.\n")
		quoted := make([]string, len(f.TrustedURLs))
		for i, u := range f.TrustedURLs {
			quoted[i] = quote(u)
		}
		fmt.Fprintf(&b, "trusted-urls = [%s]\n", strings.Join(quoted, ", "))
	}
	for _, p := range f.Profiles {
		fmt.Fprintf(&b, "\n[profiles.%s]\n", p.Name)
		if p.URL != "" {
			fmt.Fprintf(&b, "url = %s\n", quote(p.URL))
		}
		if p.Token != "" {
			fmt.Fprintf(&b, "token = %s\n", quote(p.Token))
		}
		if p.TokenFile != "" {
			fmt.Fprintf(&b, "token-file = %s\n", quote(p.TokenFile))
		}
		if p.CAFile != "" {
			fmt.Fprintf(&b, "ca-file = %s\n", quote(p.CAFile))
		}
		if p.Timeout > 0 {
			fmt.Fprintf(&b, "timeout = %s\n", quote(p.Timeout.String()))
		}
	}
	return b.Bytes()
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

// LoadFile reads and parses the configuration file at path. A missing
// file is an error matching fs.ErrNotExist; what is not a regular file, a
// file owned by another user and a file group or others may access are
// refused (the last with the chmod command), as ssh does.
func LoadFile(path string) (File, error) {
	fh, fi, err := safefile.Open("configuration file", path)
	var special *safefile.NotRegularError
	var foreign *safefile.OwnerError
	switch {
	case errors.As(err, &special), errors.As(err, &foreign):
		return File{}, err
	case err != nil:
		return File{}, fmt.Errorf("read configuration: %w", err)
	}
	defer fh.Close()
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return File{}, &PermissionError{Path: path, Mode: fi.Mode(), Kind: "configuration file"}
	}
	data, err := io.ReadAll(io.LimitReader(fh, maxConfigBytes+1))
	if err != nil {
		return File{}, fmt.Errorf("read configuration %s: %w", path, err)
	}
	if len(data) > maxConfigBytes {
		return File{}, fmt.Errorf("configuration file %s is larger than %d bytes", path, maxConfigBytes)
	}
	f, err := ParseFile(data)
	if err != nil {
		return File{}, fmt.Errorf("configuration file %s: %w", path, err)
	}
	return f, nil
}

// SaveFile writes f to path with mode 0600 (its folder 0700), replacing
// the file in one step so that a crash never leaves half a file.
func SaveFile(path string, f File) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("write configuration: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".config-*.toml")
	if err != nil {
		return fmt.Errorf("write configuration: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return fmt.Errorf("write configuration: %w", err)
	}
	if _, err := tmp.Write(f.Marshal()); err != nil {
		tmp.Close()
		return fmt.Errorf("write configuration: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write configuration: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
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
