package config

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// SyntaxError is a mistake in the configuration file, with its line.
type SyntaxError struct {
	Line int
	Msg  string
}

// Error names the line and the mistake.
func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// notTOML replaces the library's words, which may quote a line holding a pasted token.
const notTOML = `not valid TOML: check the quotes around the value ("..." or '...'), the = after the key and the brackets of a section such as [profiles.prod]`

// ParseFile rejects unknown keys (a typo would go unnoticed) and bad values, naming
// the line, never a value, which might be a pasted token.
func ParseFile(data []byte) (File, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return File{}, &SyntaxError{invalidUTF8Line(data), "not valid UTF-8"}
	}
	idx, err := indexKeys(data)
	if err != nil {
		return File{}, err
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		line := 1
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		return File{}, &SyntaxError{line, notTOML}
	}
	var f File
	for _, key := range idx.order(nil) {
		val := doc[key]
		line := idx.line(key)
		switch key {
		case "default":
			s, ok := val.(string)
			if !ok {
				return File{}, &SyntaxError{line, "default: " + notString}
			}
			f.Default = s
		case "theme":
			s, ok := val.(string)
			if !ok {
				return File{}, &SyntaxError{line, "theme: " + notString}
			}
			if _, err := ParseTheme(s); err != nil {
				return File{}, &SyntaxError{line, themeMistake}
			}
			f.Theme = s
		case "trusted-urls":
			list, ok := stringList(val)
			if !ok {
				return File{}, &SyntaxError{line, `trusted-urls: expected a list of quoted strings, such as ["https://sonar.example.com"]`}
			}
			f.TrustedURLs = list
		case "profiles":
			profiles, ok := val.(map[string]any)
			if !ok {
				return File{}, &SyntaxError{line, "profiles are sections such as [profiles.prod]"}
			}
			for _, name := range idx.order([]string{"profiles"}) {
				p, err := parseProfile(idx, name, profiles[name])
				if err != nil {
					return File{}, err
				}
				if err := CheckProfileName(name, f); err != nil {
					return File{}, &SyntaxError{idx.line("profiles", name), err.Error()}
				}
				f.Profiles = append(f.Profiles, p)
			}
		default:
			if _, ok := val.(map[string]any); ok {
				return File{}, &SyntaxError{line, fmt.Sprintf("unknown section [%s]: profiles are [profiles.NAME]", key)}
			}
			return File{}, &SyntaxError{line, fmt.Sprintf("unknown key %q before any [profiles.NAME] section (only default, theme and trusted-urls go there)", key)}
		}
	}
	return f, nil
}

// themeMistake is a theme key that names no theme.
const themeMistake = `theme is "auto", "dark" or "light"`

// notString is the mistake of a value that is not a string.
const notString = `a value must be a quoted string, such as "https://sonar.example.com"`

func parseProfile(idx keyIndex, name string, val any) (Profile, error) {
	path := []string{"profiles", name}
	line := idx.line(path...)
	if !ValidProfileName(name) {
		return Profile{}, &SyntaxError{line, fmt.Sprintf("profile name %q: %s", name, ProfileNameRule)}
	}
	table, ok := val.(map[string]any)
	if !ok {
		return Profile{}, &SyntaxError{line, fmt.Sprintf("profile %s must be a section such as [profiles.%s]", name, name)}
	}
	p := Profile{Name: name}
	for _, key := range idx.order(path) {
		kline := idx.line("profiles", name, key)
		if key == "insecure" {
			return Profile{}, &SyntaxError{kline, "insecure cannot be set in a profile: pass --insecure explicitly when you mean it"}
		}
		if key == "cloud" {
			on, ok := boolValue(table[key])
			if !ok {
				return Profile{}, &SyntaxError{kline, "cloud is true or false"}
			}
			p.Cloud = on
			continue
		}
		s, ok := table[key].(string)
		if !ok {
			if key == "token" {
				return Profile{}, &SyntaxError{kline, tokenOnlyKeychain}
			}
			if !knownProfileKey(key) {
				return Profile{}, &SyntaxError{kline, unknownProfileKey(key)}
			}
			return Profile{}, &SyntaxError{kline, key + ": " + notString}
		}
		if err := p.set(key, s); err != nil {
			return Profile{}, &SyntaxError{kline, err.Error()}
		}
	}
	return p, nil
}

// tokenOnlyKeychain never repeats the value: it may be a pasted token.
const tokenOnlyKeychain = `token takes only "keychain"; a token value does not belong in the configuration file: store it with sonartoken auth login, or put it in a file readable by you alone and name it with token-file`

func knownProfileKey(key string) bool {
	switch key {
	case "url", "token", "token-file", "ca-file", "timeout", "theme", "cloud":
		return true
	}
	return false
}

func unknownProfileKey(key string) string {
	return fmt.Sprintf("unknown key %q (known: url, token, token-file, ca-file, timeout, theme, cloud)", key)
}

// boolValue reads cloud's value: true or false, bare or quoted.
func boolValue(v any) (bool, bool) {
	switch b := v.(type) {
	case bool:
		return b, true
	case string:
		switch strings.ToLower(strings.TrimSpace(b)) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

func (p *Profile) set(key, val string) error {
	switch key {
	case "url":
		p.URL = val
	case "token":
		if val != TokenFromKeychain {
			return errors.New(tokenOnlyKeychain)
		}
		p.Token = val
	case "token-file":
		p.TokenFile = val
	case "ca-file":
		p.CAFile = val
	case "timeout":
		d, err := time.ParseDuration(val)
		if err != nil || d <= 0 {
			return errors.New(`timeout is not a positive duration such as "30s" or "2m"`)
		}
		p.Timeout = d
	case "theme":
		if _, err := ParseTheme(val); err != nil {
			return errors.New(themeMistake)
		}
		p.Theme = val
	default:
		return errors.New(unknownProfileKey(key))
	}
	return nil
}

func stringList(val any) ([]string, bool) {
	items, ok := val.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, len(items))
	for i, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

func invalidUTF8Line(data []byte) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !utf8.Valid(line) {
			return i + 1
		}
	}
	return 1
}

// keyIndex keeps each key's line and each table's key order, which the library's map loses.
type keyIndex struct {
	lines    map[string]int
	children map[string][]string
	set      map[string]bool // key paths given a value, and table headers
}

func pathKey(path []string) string { return strings.Join(path, "\x00") }

// line returns where the key path first appears (1 when unknown).
func (k keyIndex) line(path ...string) int {
	if l, ok := k.lines[pathKey(path)]; ok {
		return l
	}
	return 1
}

func (k keyIndex) order(path []string) []string { return k.children[pathKey(path)] }

func (k keyIndex) note(path []string, line int) {
	for i := 1; i <= len(path); i++ {
		pk := pathKey(path[:i])
		if _, seen := k.lines[pk]; seen {
			continue
		}
		k.lines[pk] = line
		parent := pathKey(path[:i-1])
		k.children[parent] = append(k.children[parent], path[i-1])
	}
}

// indexKeys records where each key path appears.
func indexKeys(data []byte) (keyIndex, error) {
	idx := keyIndex{lines: map[string]int{}, children: map[string][]string{}, set: map[string]bool{}}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			parts, first := keyOf(e)
			table = parts
			line := p.Shape(first.Raw).Start.Line
			if e.Kind == unstable.Table && idx.set[pathKey(parts)] {
				if len(parts) == 2 && parts[0] == "profiles" {
					return idx, &SyntaxError{line, fmt.Sprintf("profile %q is defined twice", parts[1])}
				}
				return idx, &SyntaxError{line, fmt.Sprintf("section [%s] is defined twice", strings.Join(parts, "."))}
			}
			idx.set[pathKey(parts)] = true
			idx.note(table, line)
		case unstable.KeyValue:
			if err := indexKeyValue(&p, idx, table, e); err != nil {
				return idx, err
			}
		}
	}
	if err := p.Error(); err != nil {
		line := 1
		var pe *unstable.ParserError
		if errors.As(err, &pe) && len(pe.Highlight) > 0 {
			line = p.Shape(p.Range(pe.Highlight)).Start.Line
		}
		return idx, &SyntaxError{line, notTOML}
	}
	return idx, nil
}

func indexKeyValue(p *unstable.Parser, idx keyIndex, table []string, e *unstable.Node) error {
	parts, first := keyOf(e)
	path := append(append([]string(nil), table...), parts...)
	line := p.Shape(first.Raw).Start.Line
	if idx.set[pathKey(path)] {
		return &SyntaxError{line, fmt.Sprintf("%s is set twice", strings.Join(parts, "."))}
	}
	idx.set[pathKey(path)] = true
	idx.note(path, line)
	if v := e.Value(); v.Kind == unstable.InlineTable {
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				if err := indexKeyValue(p, idx, path, c); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// keyOf returns a header's or key-value's key parts and first key node.
func keyOf(e *unstable.Node) ([]string, *unstable.Node) {
	var parts []string
	var first *unstable.Node
	for it := e.Key(); it.Next(); {
		n := it.Node()
		if first == nil {
			first = n
		}
		parts = append(parts, string(n.Data))
	}
	return parts, first
}
