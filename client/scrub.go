package client

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
	"sync"
)

// Removed stands where the client removed its own token from a server's
// text: a server or a proxy that copies the Authorization header into its
// error message never gets the token onto a screen, standard error, the
// audit log or the debug log.
const Removed = "[redacted]"

// fragment is the shortest run of a token form that scrub removes when it
// appears on its own (a form split by a line break or markup): 12
// characters of a token's hex or base64 are 48 or more random bits, which
// no ordinary text holds by chance, and a shorter piece is little of a
// 160-bit token.
const fragment = 12

// scrubber removes tokens from text, in every form a server could echo one
// in: the value itself (so "Bearer <token>" too), URL-escaped, and in
// base64, which is how Basic authentication sends it ("<token>:"), padded
// or not, in the standard or URL alphabet, URL-escaped, and at any of the
// three alignments a longer base64 text could put it at. A form split in
// pieces loses each piece of 12 characters or more. The forms of all its
// tokens go in one pass, longest first, so that removing one token never
// breaks up another before it is found.
type scrubber struct {
	once   sync.Once
	tokens []string
	forms  []string            // longest first
	grams  map[string]struct{} // every fragment-long run of the long tokens' forms
}

// newScrubber removes tokens (those shorter than 4 characters are left
// alone).
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
	// The token's own bytes in base64 at each alignment: the characters
	// that depend on nothing but the token.
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

// String returns text without the token. It is meant for what a server
// says in its errors (64 KB at most), not for whole answers.
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
	// What is left of a form, in pieces: mark every run that some
	// fragment-long window of the forms covers, then replace each run.
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

// Err returns err without the token in any of its words: the server's
// messages of an *APIError, the description and cause of a
// *NotSonarQubeError, the cause of a *TransportError (net/http quotes a
// malformed status line), the target of a *RedirectError, and those of a
// *LostResponseError. An error whose words hold no form of the token comes
// back as it is.
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

// opaque returns err when its words hold no form of the token, and
// otherwise an error with the same words less the token, which still
// answers errors.Is for the sentinels err matches (io.EOF, a deadline,
// ECONNRESET: none holds the server's words) but no longer unwraps to err.
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
