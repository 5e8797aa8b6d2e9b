package client

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
	"sync"
)

// Removed stands where the client removed its token from a server's text,
// so an echoed Authorization header never reaches a screen or a log.
const Removed = "[redacted]"

// fragment: 12 hex or base64 characters are 48+ random bits, which ordinary
// text does not hold by chance.
const fragment = 12

// scrubber removes tokens in every form a server could echo (raw, URL-escaped,
// Basic's base64, split pieces), longest first in one pass so none breaks another.
type scrubber struct {
	once   sync.Once
	tokens []string
	forms  []string            // longest first
	grams  map[string]struct{} // every fragment-long run of the long tokens' forms
}

// newScrubber ignores tokens shorter than 4 characters.
func newScrubber(tokens ...string) *scrubber {
	s := &scrubber{}
	for _, t := range tokens {
		if len(t) >= 4 {
			s.tokens = append(s.tokens, t)
		}
	}
	return s
}

func (s *scrubber) init() {
	for _, t := range s.tokens {
		from := len(s.forms)
		s.addForms(t)
		if len(t) >= 2*fragment {
			if s.grams == nil {
				s.grams = map[string]struct{}{}
			}
			for _, f := range s.forms[from:] {
				for i := 0; i+fragment <= len(f); i++ {
					s.grams[f[i:i+fragment]] = struct{}{}
				}
			}
		}
	}
	// Longest first, so that the whole of a form goes before a part of it.
	for i := 1; i < len(s.forms); i++ {
		for j := i; j > 0 && len(s.forms[j]) > len(s.forms[j-1]); j-- {
			s.forms[j], s.forms[j-1] = s.forms[j-1], s.forms[j]
		}
	}
}

// addForms adds the forms of token t not added yet.
func (s *scrubber) addForms(t string) {
	add := func(f string) {
		if len(f) >= 4 && !contains(s.forms, f) {
			s.forms = append(s.forms, f)
		}
	}
	add(t)
	add(url.QueryEscape(t))
	add(url.PathEscape(t))
	basic := base64.StdEncoding.EncodeToString([]byte(t + ":"))
	add(basic)
	add(strings.TrimRight(basic, "="))
	// Each alignment's characters that depend on nothing but the token.
	for pad := 0; pad < 3; pad++ {
		prefix := strings.Repeat("\x00", pad)
		enc := base64.RawStdEncoding.EncodeToString([]byte(prefix + t))
		start := (pad*8 + 5) / 6 // past the characters the prefix touches
		end := (pad + len(t)) * 8 / 6
		if end-start >= 4 {
			core := enc[start:end]
			add(core)
			add(strings.NewReplacer("+", "-", "/", "_").Replace(core))
			add(strings.NewReplacer("+", "%2B", "/", "%2F").Replace(core))
			add(strings.NewReplacer("+", "%2b", "/", "%2f").Replace(core))
		}
	}
	add(strings.NewReplacer("+", "-", "/", "_").Replace(basic))
	add(strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(basic))
	add(strings.NewReplacer("+", "%2b", "/", "%2f", "=", "%3d").Replace(basic))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// String removes the tokens; meant for error text (64 KB at most).
func (s *scrubber) String(text string) string {
	if s == nil || len(s.tokens) == 0 || text == "" {
		return text
	}
	s.once.Do(s.init)
	for _, f := range s.forms {
		if strings.Contains(text, f) {
			text = strings.ReplaceAll(text, f, Removed)
		}
	}
	if s.grams == nil || len(text) < fragment {
		return text
	}
	// Mark every run a fragment-long window of a form covers, then replace each run.
	var cut []int // pairs of [start, end)
	for i := 0; i+fragment <= len(text); i++ {
		if _, ok := s.grams[text[i:i+fragment]]; !ok {
			continue
		}
		if n := len(cut); n > 0 && cut[n-1] >= i {
			cut[n-1] = i + fragment
		} else {
			cut = append(cut, i, i+fragment)
		}
	}
	if cut == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(cut); i += 2 {
		b.WriteString(text[last:cut[i]])
		b.WriteString(Removed)
		last = cut[i+1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// Err returns err with the tokens removed from every word it carries;
// an error free of them comes back as it is.
func (s *scrubber) Err(err error) error {
	if s == nil || err == nil || len(s.tokens) == 0 {
		return err
	}
	switch e := err.(type) {
	case *APIError:
		msgs := make([]string, len(e.Messages))
		changed := false
		for i, m := range e.Messages {
			msgs[i] = s.String(m)
			changed = changed || msgs[i] != m
		}
		if !changed {
			return err
		}
		c := *e
		c.Messages = msgs
		return &c
	case *NotSonarQubeError:
		c := *e
		c.Reason = s.String(e.Reason)
		c.Err = s.Err(e.Err)
		return &c
	case *dateError:
		// The whole date, before Error cuts it.
		clean := s.String(e.text)
		if clean == e.text {
			return err
		}
		return &dateError{text: clean}
	case *TransportError:
		c := *e
		c.Err = s.opaque(e.Err)
		return &c
	case *RedirectError:
		c := *e
		to := *e.To
		to.Host, to.Path, to.RawPath = s.String(to.Host), s.String(to.Path), ""
		c.To = &to
		c.Suggested = s.String(e.Suggested)
		return &c
	case *LostResponseError:
		c := *e
		c.Err = s.Err(e.Err)
		c.SearchErr = s.Err(e.SearchErr)
		return &c
	case *TooLargeError:
		return err
	}
	return s.opaque(err)
}

// opaque keeps err's words less the token; it still matches err's sentinels
// with errors.Is, which hold no server words, but no longer unwraps to err.
func (s *scrubber) opaque(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := s.String(msg)
	if clean == msg {
		return err
	}
	return &scrubbedError{msg: clean, err: err}
}

// scrubbedError is an error whose words held the client's token.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }

// Is matches what the original error matched.
func (e *scrubbedError) Is(target error) bool { return errors.Is(e.err, target) }
