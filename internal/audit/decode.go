package audit

import (
	"encoding/json"
	"time"
	"unicode/utf8"
)

// decode reads one line of the log into e, as json.Unmarshal would. The
// lines sonartoken writes are flat objects of known keys whose values are
// strings or null; decodeFlat reads those in one pass, without
// reflection, a fifth of json.Unmarshal's time (`sonartoken log` reads
// the file twice). Anything else (an escape in a string, a key it does
// not know, a number, a nested value, bad JSON) goes to json.Unmarshal,
// so the result is the same either way: decodeFlat only says yes when it
// is sure. prev is the entry read before (or nil): a value equal to its
// takes its string rather than a new one, as the server, the actor and
// the profile repeat from line to line.
func decode(line []byte, e, prev *Entry) error {
	*e = Entry{}
	if decodeFlat(line, e, prev) {
		return nil
	}
	*e = Entry{}
	return json.Unmarshal(line, e)
}

// decodeFlat decodes b into e when b is a JSON object whose keys are
// Entry's JSON names, exactly, and whose values are null or strings of
// valid UTF-8 without control characters or escapes; it reports false,
// leaving e partly set, for anything else. A string equal to prev's in
// the same field is prev's (prev may be nil).
func decodeFlat(b []byte, e, prev *Entry) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipSpace(b, i+1) == len(b)
	}
	for {
		key, j, ok := plainString(b, i)
		if !ok {
			return false
		}
		i = skipSpace(b, j)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		var raw []byte // the value's quoted text, nil for null
		if len(b)-i >= 4 && string(b[i:i+4]) == "null" {
			i += 4
		} else {
			_, j, ok := plainString(b, i)
			if !ok {
				return false
			}
			raw, i = b[i:j], j
		}
		if !e.set(key, raw, prev) {
			return false
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return skipSpace(b, i+1) == len(b)
		default:
			return false
		}
	}
}

// set stores the value of key, raw being its quoted JSON string or nil
// for null, as json.Unmarshal would: null leaves a string (and a
// time.Time, whose UnmarshalJSON ignores it) as it is and sets a pointer
// to nil. It reports false for a key Entry does not have under that
// exact name (json.Unmarshal matches other cases too) and for a time
// that does not parse. A string equal to prev's same field is prev's.
func (e *Entry) set(key []byte, raw []byte, prev *Entry) bool {
	if prev == nil {
		prev = &Entry{}
	}
	var s, p *string
	switch string(key) {
	case "time":
		if raw != nil {
			return e.Time.UnmarshalJSON(raw) == nil
		}
		return true
	case "expiration":
		if raw == nil {
			e.Expiration = nil
			return true
		}
		t := new(time.Time)
		if t.UnmarshalJSON(raw) != nil {
			return false
		}
		e.Expiration = t
		return true
	case "action":
		if raw != nil {
			e.Action = Action(known(raw[1:len(raw)-1], string(prev.Action)))
		}
		return true
	case "outcome":
		if raw != nil {
			e.Outcome = Outcome(known(raw[1:len(raw)-1], string(prev.Outcome)))
		}
		return true
	case "server":
		s, p = &e.Server, &prev.Server
	case "profile":
		s, p = &e.Profile, &prev.Profile
	case "actor":
		s, p = &e.Actor, &prev.Actor
	case "login":
		s, p = &e.Login, &prev.Login
	case "name":
		s, p = &e.Name, &prev.Name
	case "newName":
		s, p = &e.NewName, &prev.NewName
	case "type":
		s, p = &e.Type, &prev.Type
	case "project":
		s, p = &e.Project, &prev.Project
	case "error":
		s, p = &e.Error, &prev.Error
	default:
		return false
	}
	if raw != nil {
		*s = known(raw[1:len(raw)-1], *p)
	}
	return true
}

// known is b as a string: prev when they are equal (no new string).
func known(b []byte, prev string) string {
	if string(b) == prev {
		return prev
	}
	return string(b)
}

// plainString reads the JSON string starting at b[i]: its contents and
// the index after its closing quote. It reports false unless the string
// is there, is valid UTF-8 and holds no control character (invalid JSON)
// and no backslash (an escape, which json.Unmarshal resolves).
func plainString(b []byte, i int) (s []byte, end int, ok bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, 0, false
	}
	ascii := true
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			s = b[i+1 : j]
			if !ascii && !utf8.Valid(s) {
				return nil, 0, false
			}
			return s, j + 1, true
		case c == '\\' || c < 0x20:
			return nil, 0, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, 0, false
}

// skipSpace is the index of the first byte of b from i on that is not
// JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
