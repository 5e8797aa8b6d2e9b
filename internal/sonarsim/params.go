package sonarsim

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type apiError struct {
	status int
	msg    string
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) *apiError {
	return &apiError{http.StatusNotFound, fmt.Sprintf(format, args...)}
}

var (
	errForbidden    = &apiError{http.StatusForbidden, "Insufficient privileges"}
	errUnauthorized = &apiError{http.StatusUnauthorized, "Authentication is required"}
)

func writeErrors(w http.ResponseWriter, status int, msgs ...string) {
	type msg struct {
		Msg string `json:"msg"`
	}
	body := struct {
		Errors []msg `json:"errors"`
	}{}
	for _, m := range msgs {
		body.Errors = append(body.Errors, msg{m})
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"errors":[{"msg":"` + internalErrorMsg + `"}]}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// readParams merges query and form, query first, as the servlet API does.
func readParams(r *http.Request) (url.Values, error) {
	out := url.Values{}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, err
	}
	for k, v := range q {
		out[k] = v
	}
	if r.Body != nil && r.Method != http.MethodGet {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct == "application/x-www-form-urlencoded" {
			if err := r.ParseForm(); err != nil {
				return nil, err
			}
			for k, v := range r.PostForm {
				out[k] = append(out[k], v...)
			}
		}
	}
	return out, nil
}

type params struct {
	v url.Values
}

// raw returns the first value as sent, and whether the parameter is present.
func (p params) raw(key string) (string, bool) {
	vs, ok := p.v[key]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// get returns the trimmed value, and whether the parameter is present.
func (p params) get(key string) (string, bool) {
	v, ok := p.raw(key)
	if !ok {
		return "", false
	}
	return javaTrim(v), true
}

// mandatory returns the trimmed value or the "missing" error.
func (p params) mandatory(key string) (string, *apiError) {
	v, ok := p.get(key)
	if !ok || v == "" {
		return "", missing(key)
	}
	return v, nil
}

func missing(key string) *apiError {
	return badRequest("The '%s' parameter is missing", key)
}

// checkMaxLength applies SonarQube's maximum length rule to the raw value.
func (p params) checkMaxLength(key string, max int) *apiError {
	v, ok := p.raw(key)
	if !ok {
		return nil
	}
	if n := javaLen(v); n > max {
		return badRequest("'%s' length (%d) is longer than the maximum authorized (%d)", key, n, max)
	}
	return nil
}

// checkMinLength applies SonarQube's minimum length rule to the raw value.
func (p params) checkMinLength(key string, min int) *apiError {
	v, ok := p.raw(key)
	if !ok {
		return nil
	}
	if n := javaLen(v); n < min {
		return badRequest("'%s' length (%d) is shorter than the minimum authorized (%d)", key, n, min)
	}
	return nil
}

// intParam reads an integer with a default and a maximum (<= 0: none), in SonarQube's words.
func (p params) intParam(key string, def, max int) (int, *apiError) {
	v, ok := p.get(key)
	if !ok {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if max > 0 {
		if err != nil {
			return 0, badRequest("'%s' value '%s' cannot be parsed as an integer", key, v)
		}
		if int(n) > max {
			return 0, badRequest("'%s' value (%d) must be less than %d", key, n, max)
		}
		return int(n), nil
	}
	if err != nil {
		return 0, badRequest("The '%s' parameter cannot be parsed as an integer value: %s", key, v)
	}
	return int(n), nil
}

// boolParam reads true, false, yes or no.
func (p params) boolParam(key string, def bool) (bool, *apiError) {
	v, ok := p.get(key)
	if !ok {
		return def, nil
	}
	switch v {
	case "true", "yes":
		return true, nil
	case "false", "no":
		return false, nil
	}
	return false, badRequest("Value of parameter '%s' (%s) must be one of: [true, false, yes, no]", key, v)
}

// javaLen counts UTF-16 code units, as Java's String.length does.
func javaLen(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 && r <= utf8.MaxRune {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// javaTrim trims characters for which Java's Character.isWhitespace holds.
func javaTrim(s string) string {
	return strings.TrimFunc(s, javaIsWhitespace)
}

func javaIsWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f:
		return true
	case 0x00a0, 0x2007, 0x202f: // non-breaking spaces are not whitespace in Java
		return false
	}
	return unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp)
}
