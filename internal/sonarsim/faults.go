package sonarsim

import (
	"net/http"
	"strconv"
	"strings"
)

// FaultKind selects what an injected fault does to a request.
type FaultKind int

const (
	// FaultStatus answers Status with Body (and Retry-After); no effect.
	FaultStatus FaultKind = iota + 1
	// FaultReset closes the connection without an answer. The request has no effect.
	FaultReset
	// FaultHang holds the request until the client gives up; no effect.
	FaultHang
	// FaultTruncate applies the request, sends half the body and closes.
	FaultTruncate
	// FaultNonJSON answers an HTML page, as a misconfigured proxy; no effect.
	FaultNonJSON
)

// String returns the name of the fault kind.
func (k FaultKind) String() string {
	switch k {
	case FaultStatus:
		return "status"
	case FaultReset:
		return "reset"
	case FaultHang:
		return "hang"
	case FaultTruncate:
		return "truncate"
	case FaultNonJSON:
		return "non-json"
	}
	return "fault(" + strconv.Itoa(int(k)) + ")"
}

// Fault is injected into requests whose path starts with PathPrefix.
type Fault struct {
	Kind       FaultKind
	PathPrefix string // "" matches every path
	Count      int    // number of requests affected; 0 or less: all until ClearFaults
	Status     int    // FaultStatus (default 503) and FaultNonJSON (default 200)
	RetryAfter string // Retry-After header value for FaultStatus, e.g. "2"
	Body       string // body for FaultStatus and FaultNonJSON; a default when empty
}

type faultRule struct {
	Fault
	left int // remaining requests; -1 unlimited
}

type dropRule struct {
	prefix string
	left   int
}

// internalErrorMsg is the body message SonarQube sends with an unexpected 500.
const internalErrorMsg = "An error has occurred. Please contact your administrator"

// SetFault adds a rule; the first matching rule with requests left applies.
func (s *Server) SetFault(f Fault) {
	left := f.Count
	if left <= 0 {
		left = -1
	}
	s.faultMu.Lock()
	s.faults = append(s.faults, &faultRule{Fault: f, left: left})
	s.faultMu.Unlock()
}

// ClearFaults removes every rule and drop and zeroes the error rate.
func (s *Server) ClearFaults() {
	s.faultMu.Lock()
	s.faults = nil
	s.drops = nil
	s.errorRate = 0
	s.faultMu.Unlock()
}

// SetErrorRate fails that fraction of requests with the real 500, drawn
// from Options.Seed so a sequential test sees the same failures.
func (s *Server) SetErrorRate(rate float64) {
	s.faultMu.Lock()
	s.errorRate = rate
	s.faultMu.Unlock()
}

// DropResponses applies the next n matching requests, then closes without an answer.
func (s *Server) DropResponses(n int, pathPrefix string) {
	if n <= 0 {
		return
	}
	s.faultMu.Lock()
	s.drops = append(s.drops, dropRule{prefix: pathPrefix, left: n})
	s.faultMu.Unlock()
}

func (s *Server) takeDrop(path string) bool {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	for i := range s.drops {
		d := &s.drops[i]
		if d.left > 0 && strings.HasPrefix(path, d.prefix) {
			d.left--
			if d.left == 0 {
				s.drops = append(s.drops[:i], s.drops[i+1:]...)
			}
			return true
		}
	}
	return false
}

// takeFault consumes the first matching rule whose kind want accepts.
func (s *Server) takeFault(path string, want func(FaultKind) bool) *Fault {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	for i, f := range s.faults {
		if !want(f.Kind) || !strings.HasPrefix(path, f.PathPrefix) {
			continue
		}
		out := f.Fault
		if f.left > 0 {
			f.left--
			if f.left == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
		}
		return &out
	}
	return nil
}

func (s *Server) drawError() bool {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	return s.errorRate > 0 && s.rng.Float64() < s.errorRate
}

func isPreFault(k FaultKind) bool  { return k != FaultTruncate }
func isPostFault(k FaultKind) bool { return k == FaultTruncate }

// preFault applies the faults that replace the request, and says what to do with the connection.
func (s *Server) preFault(w *recorder, r *http.Request, e *Request) (bool, func()) {
	if f := s.takeFault(r.URL.Path, isPreFault); f != nil {
		e.Fault = f.Kind.String()
		switch f.Kind {
		case FaultStatus:
			status := f.Status
			if status == 0 {
				status = http.StatusServiceUnavailable
			}
			if f.RetryAfter != "" {
				w.Header().Set("Retry-After", f.RetryAfter)
			}
			if f.Body != "" {
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				w.WriteHeader(status)
				_, _ = w.Write([]byte(f.Body))
			} else {
				writeErrors(w, status, http.StatusText(status))
			}
		case FaultReset:
			return true, func() { abortConnection(w.ResponseWriter) }
		case FaultHang:
			s.waitOrClosed(r.Context())
		case FaultNonJSON:
			status := f.Status
			if status == 0 {
				status = http.StatusOK
			}
			body := f.Body
			if body == "" {
				body = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Corporate proxy</h1><p>Please sign in.</p></body></html>\n"
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}
		return true, nil
	}
	if s.drawError() {
		e.Fault = "error-rate"
		writeErrors(w, http.StatusInternalServerError, internalErrorMsg)
		return true, nil
	}
	return false, nil
}

func (s *Server) postFault(path string) *Fault {
	return s.takeFault(path, isPostFault)
}

// applyPostFault announces the full length, sends half the body and closes.
func (s *Server) applyPostFault(w http.ResponseWriter, rec *recorder) {
	for k, v := range rec.hdr {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(rec.buf)))
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(rec.buf[:len(rec.buf)/2])
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
	abortConnection(w)
}
