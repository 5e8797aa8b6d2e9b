package config

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// kvPos is where one key = value expression of the file lies.
type kvPos struct {
	start, end int    // the expression, from its key to the end of its value
	valueStart int    // the value
	prefix     string // the key as written, without its last part ("profiles.prod." or "")
	inline     bool   // inside an inline table
}

// layout is where the file's keys and profile sections lie, for editing
// them in place.
type layout struct {
	kvs         map[string]kvPos // by key path (pathKey), every key = value
	rootEnd     int              // end of the line of the last key before any section, -1 if none
	headerEnd   map[string]int   // profile name -> end of the line of its [profiles.NAME] header
	lastProfile map[string]kvPos // profile name -> its last key = value outside inline tables
}

// lineEnd returns the offset just past the newline that ends the line
// holding offset i (len(data) on the last line).
func lineEnd(data []byte, i int) int {
	if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(data)
}

// lineStart returns the offset of the start of the line holding i.
func lineStart(data []byte, i int) int { return bytes.LastIndexByte(data[:i], '\n') + 1 }

func locate(data []byte) (layout, error) {
	l := layout{kvs: map[string]kvPos{}, rootEnd: -1, headerEnd: map[string]int{}, lastProfile: map[string]kvPos{}}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	var walk func(table []string, e *unstable.Node, inline bool)
	walk = func(table []string, e *unstable.Node, inline bool) {
		parts, first := keyOf(e)
		var last *unstable.Node
		for it := e.Key(); it.Next(); {
			last = it.Node()
		}
		path := append(append([]string(nil), table...), parts...)
		keyEnd := int(last.Raw.Offset + last.Raw.Length)
		eq := keyEnd + bytes.IndexByte(data[keyEnd:], '=') + 1
		vs := eq + len(data[eq:]) - len(bytes.TrimLeft(data[eq:], " \t"))
		pos := kvPos{
			start:      int(first.Raw.Offset),
			end:        int(e.Raw.Offset + e.Raw.Length),
			valueStart: vs,
			prefix:     string(data[first.Raw.Offset:last.Raw.Offset]),
			inline:     inline,
		}
		if inline {
			pos.end = pos.valueStart // the end of an inline member is not needed
		}
		l.kvs[pathKey(path)] = pos
		if len(path) == 3 && path[0] == "profiles" && !inline {
			l.lastProfile[path[1]] = pos
		}
		if v := e.Value(); v.Kind == unstable.InlineTable {
			for it := v.Children(); it.Next(); {
				if c := it.Node(); c.Kind == unstable.KeyValue {
					walk(path, c, true)
				}
			}
		}
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			parts, first := keyOf(e)
			table = parts
			if e.Kind == unstable.Table && len(parts) == 2 && parts[0] == "profiles" {
				l.headerEnd[parts[1]] = lineEnd(data, int(first.Raw.Offset))
			}
		case unstable.KeyValue:
			walk(table, e, false)
			if table == nil {
				l.rootEnd = lineEnd(data, int(e.Raw.Offset+e.Raw.Length))
			}
		}
	}
	if err := p.Error(); err != nil {
		return l, errors.New(notTOML)
	}
	return l, nil
}

// edit is one change of the file's bytes: data[start:end] becomes text.
type edit struct {
	start, end int
	text       string
}

// Edit returns the configuration file old changed to say what f says,
// touching only what differs: the default, theme and trusted-urls keys, and the
// keys of the profiles that changed (a new profile goes at the end). The
// user's comments, layout and other profiles stay byte for byte. It fails
// rather than lose something: when a profile is gone from f, or a key it
// must add or remove lies in an inline table.
func Edit(old []byte, f File) ([]byte, error) {
	bom := bytes.HasPrefix(old, []byte("\uFEFF"))
	data := bytes.TrimPrefix(old, []byte("\uFEFF"))
	was, err := ParseFile(data)
	if err != nil {
		return nil, err
	}
	l, err := locate(data)
	if err != nil {
		return nil, err
	}
	var edits []edit
	// set writes key = value for the key path, where it is or after
	// the line at insertAt (with the key written as prefix+key), or
	// removes it when value is "".
	set := func(path []string, value string, insertAt int, prefix string) error {
		name := strings.Join(path, ".")
		pos, ok := l.kvs[pathKey(path)]
		switch {
		case ok && value != "":
			edits = append(edits, edit{pos.valueStart, valueEnd(data, pos), value})
		case ok && pos.inline:
			return fmt.Errorf("%s is in an inline table: remove it by hand", name)
		case ok:
			edits = append(edits, edit{lineStart(data, pos.start), lineEnd(data, pos.end), ""})
		case value != "":
			if insertAt < 0 {
				return fmt.Errorf("cannot add %s: its profile is an inline table; add it by hand", name)
			}
			text := prefix + path[len(path)-1] + " = " + value + "\n"
			if insertAt > 0 && data[insertAt-1] != '\n' {
				text = "\n" + text
			}
			edits = append(edits, edit{insertAt, insertAt, text})
		}
		return nil
	}
	rootAt := l.rootEnd
	if rootAt < 0 {
		rootAt = leadingComments(data)
	}
	if f.Default != was.Default {
		if err := set([]string{"default"}, quoteOrEmpty(f.Default), rootAt, ""); err != nil {
			return nil, err
		}
	}
	if f.Theme != was.Theme {
		if err := set([]string{"theme"}, quoteOrEmpty(f.Theme), rootAt, ""); err != nil {
			return nil, err
		}
	}
	if !slices.Equal(f.TrustedURLs, was.TrustedURLs) {
		list := ""
		if len(f.TrustedURLs) > 0 {
			list = quoteList(f.TrustedURLs)
		}
		if err := set([]string{"trusted-urls"}, list, rootAt, ""); err != nil {
			return nil, err
		}
	}
	for _, op := range was.Profiles {
		if _, ok := f.Lookup(op.Name); !ok {
			return nil, fmt.Errorf("profile %s would be removed: edit the file by hand", op.Name)
		}
	}
	var added bytes.Buffer
	for _, p := range f.Profiles {
		op, ok := was.Lookup(p.Name)
		if !ok {
			added.Write(File{Profiles: []Profile{p}}.marshalProfiles())
			continue
		}
		if op == p {
			continue
		}
		at, prefix := -1, ""
		if last, ok := l.lastProfile[p.Name]; ok {
			at, prefix = lineEnd(data, last.end), last.prefix
		} else if end, ok := l.headerEnd[p.Name]; ok {
			at = end
		}
		nv, ov := p.values(), op.values()
		for i, key := range profileKeys {
			if nv[i] == ov[i] {
				continue
			}
			if err := set([]string{"profiles", p.Name, key}, profileValue(key, nv[i]), at, prefix); err != nil {
				return nil, err
			}
		}
	}
	if added.Len() > 0 {
		text := added.String()
		if len(data) > 0 && data[len(data)-1] != '\n' {
			text = "\n" + text
		}
		edits = append(edits, edit{len(data), len(data), text})
	}
	out := apply(data, edits)
	if bom {
		out = append([]byte("\uFEFF"), out...)
	}
	// What was written must read back as f: never save a file that says
	// something else.
	again, err := ParseFile(out)
	if err != nil || fmt.Sprint(again) != fmt.Sprint(f) {
		return nil, errors.New("the configuration file could not be changed in place without changing something else: edit it by hand")
	}
	return out, nil
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

// profileValue is a profile key's value as the file writes it: a quoted
// string, but cloud's boolean bare (cloud = true); "" when unset.
func profileValue(key, v string) string {
	if key == "cloud" {
		return v
	}
	return quoteOrEmpty(v)
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return ""
	}
	return quote(s)
}

func quoteList(list []string) string {
	quoted := make([]string, len(list))
	for i, u := range list {
		quoted[i] = quote(u)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// valueEnd returns the end of the value of the key = value at pos.
func valueEnd(data []byte, pos kvPos) int {
	if !pos.inline {
		return pos.end
	}
	// An inline member: its value is one string (all a profile holds),
	// which ends at the matching quote.
	v := data[pos.valueStart:]
	if len(v) == 0 {
		return pos.valueStart
	}
	switch v[0] {
	case '\'':
		if i := bytes.IndexByte(v[1:], '\''); i >= 0 {
			return pos.valueStart + i + 2
		}
	case '"':
		for i := 1; i < len(v); i++ {
			switch v[i] {
			case '\\':
				i++
			case '"':
				return pos.valueStart + i + 1
			}
		}
	}
	return pos.valueStart
}

// leadingComments returns the end of the comment and blank lines that open
// the file, where a key before any section goes when there is none.
func leadingComments(data []byte) int {
	i := 0
	for i < len(data) {
		end := lineEnd(data, i)
		line := bytes.TrimSpace(data[i:end])
		if len(line) > 0 && line[0] != '#' {
			break
		}
		i = end
	}
	return i
}

func apply(data []byte, edits []edit) []byte {
	slices.SortStableFunc(edits, func(a, b edit) int { return a.start - b.start })
	var out bytes.Buffer
	at := 0
	for _, e := range edits {
		out.Write(data[at:e.start])
		out.WriteString(e.text)
		at = e.end
	}
	out.Write(data[at:])
	return out.Bytes()
}
