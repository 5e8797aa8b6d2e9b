package config

import (
	"errors"
	"strings"
)

// Trusts reports whether a token may go to url when only a
// sonar-project.properties names it: url is a profile's server or one of
// TrustedURLs (compared without a trailing slash).
func (f File) Trusts(url string) bool {
	want, _, err := normalizeURL(url)
	if err != nil {
		return false
	}
	same := func(u string) bool {
		n, _, err := normalizeURL(u)
		return err == nil && n == want
	}
	for _, p := range f.Profiles {
		if p.URL != "" && same(p.URL) {
			return true
		}
	}
	for _, u := range f.TrustedURLs {
		if same(u) {
			return true
		}
	}
	return false
}

// Trust adds url to TrustedURLs unless the file trusts it already.
func (f *File) Trust(url string) {
	if !f.Trusts(url) {
		f.TrustedURLs = append(f.TrustedURLs, url)
	}
}

// TrustURL remembers in the configuration file at path that a token may
// go to url although only a sonar-project.properties names it, keeping
// the file's profiles and default.
func TrustURL(path, url string) error {
	f, err := ReadFileOrEmpty(path)
	if err != nil {
		return err
	}
	if f.Trusts(url) {
		return nil
	}
	f.Trust(url)
	return SaveFile(path, f)
}

// parseStringArray reads a one-line TOML array of strings, such as
// ["https://a", 'https://b'], followed by an optional comment.
func parseStringArray(s string) ([]string, error) {
	if s == "" || s[0] != '[' {
		return nil, errors.New(`expected a list of quoted strings, such as ["https://sonar.example.com"]`)
	}
	var out []string
	rest := strings.TrimSpace(s[1:])
	for {
		if rest == "" {
			return nil, errors.New("unterminated list: it must end with ] on the same line")
		}
		if rest[0] == ']' {
			return out, trailing(rest[1:])
		}
		end, err := stringEnd(rest)
		if err != nil {
			return nil, err
		}
		v, err := parseValue(rest[:end])
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		rest = strings.TrimSpace(rest[end:])
		if strings.HasPrefix(rest, ",") {
			rest = strings.TrimSpace(rest[1:])
		} else if !strings.HasPrefix(rest, "]") {
			return nil, errors.New("expected , or ] after a string in the list")
		}
	}
}

// stringEnd returns the length of the quoted string s starts with.
func stringEnd(s string) (int, error) {
	switch s[0] {
	case '\'':
		if i := strings.IndexByte(s[1:], '\''); i >= 0 {
			return i + 2, nil
		}
	case '"':
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '"':
				return i + 1, nil
			}
		}
	default:
		return 0, errors.New("a list holds quoted strings only")
	}
	return 0, errors.New("unterminated string")
}
