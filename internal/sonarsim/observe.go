package sonarsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// requestLogSize bounds the request log.
const requestLogSize = 10000

// Request is one request log entry; it never holds token values.
type Request struct {
	Method string
	Path   string
	Params url.Values // query string and form body merged, values as sent
	Auth   string     // scheme sent by the client: "basic", "bearer" or "none"
	Login  string     // authenticated login, "" when anonymous or rejected
	Status int        // status answered (or that would have been, when Dropped); 0 while it is handled
	// Dropped is true when the answer was dropped on purpose (DropResponses).
	Dropped bool
	// Fault names the injected fault that answered the request, if any.
	Fault string
}

type pathStat struct {
	cur, peak int
	count     int // requests since the last reset
}

// sensitiveParams are never copied into the request log.
var sensitiveParams = map[string]bool{"token": true, "password": true, "previousPassword": true}

// logRef is a log slot and the sequence number that tells whether it still holds the entry.
type logRef struct {
	slot int
	seq  uint64
}

// record appends e and returns where, for finish to add the status.
func (s *Server) record(e Request) logRef {
	s.obsMu.Lock()
	defer s.obsMu.Unlock()
	if s.log == nil {
		s.log = make([]Request, requestLogSize)
		s.logSeqs = make([]uint64, requestLogSize)
	}
	s.logSeq++
	ref := logRef{slot: s.logNext, seq: s.logSeq}
	s.log[s.logNext] = e
	s.logSeqs[s.logNext] = s.logSeq
	s.logNext++
	if s.logNext == requestLogSize {
		s.logNext = 0
		s.logFull = true
	}
	return ref
}

// finish sets the status unless the entry has left the log.
func (s *Server) finish(ref logRef, status int) {
	s.obsMu.Lock()
	defer s.obsMu.Unlock()
	if s.log != nil && s.logSeqs[ref.slot] == ref.seq {
		s.log[ref.slot].Status = status
	}
}

// Requests returns the logged requests, oldest first (at most the last 10,000).
func (s *Server) Requests() []Request {
	s.obsMu.Lock()
	defer s.obsMu.Unlock()
	if !s.logFull {
		return append([]Request(nil), s.log[:s.logNext]...)
	}
	out := make([]Request, 0, requestLogSize)
	out = append(out, s.log[s.logNext:]...)
	return append(out, s.log[:s.logNext]...)
}

// ResetRequests empties the log and restarts the concurrency peaks.
func (s *Server) ResetRequests() {
	s.obsMu.Lock()
	defer s.obsMu.Unlock()
	s.log = nil
	s.logSeqs = nil
	s.logNext = 0
	s.logFull = false
	for _, st := range s.inflight {
		st.peak = st.cur
		st.count = 0
	}
	s.all.peak, s.all.count = s.all.cur, 0
}

// StatsPath is the path of the stats endpoint (Options.StatsEndpoint).
const StatsPath = "/_sim/stats"

// Stats is what the server counted since the last ResetRequests, latency
// included in a request's time in flight.
type Stats struct {
	Requests map[string]int `json:"requests"`
	Peak     map[string]int `json:"peak"`
	Total    int            `json:"total"`
	PeakAll  int            `json:"peakAll"`
}

// Stats returns the counts since the last ResetRequests.
func (s *Server) Stats() Stats {
	s.obsMu.Lock()
	defer s.obsMu.Unlock()
	st := Stats{Requests: map[string]int{}, Peak: map[string]int{}, Total: s.all.count, PeakAll: s.all.peak}
	for p, ps := range s.inflight {
		if ps.count > 0 {
			st.Requests[p] = ps.count
		}
		if ps.peak > 0 {
			st.Peak[p] = ps.peak
		}
	}
	return st
}

// serveStats answers the stats endpoint (?reset=1 restarts the counts after).
func (s *Server) serveStats(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	st := s.Stats()
	if r.URL.Query().Get("reset") == "1" {
		s.ResetRequests()
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(st)
}

// MaxConcurrent returns the peak requests to path in flight at once since ResetRequests.
func (s *Server) MaxConcurrent(path string) int {
	s.obsMu.Lock()
	defer s.obsMu.Unlock()
	if st := s.inflight[path]; st != nil {
		return st.peak
	}
	return 0
}

func (s *Server) enter(path string) {
	s.obsMu.Lock()
	defer s.obsMu.Unlock()
	st := s.inflight[path]
	if st == nil {
		if len(s.inflight) > 1000 { // unbounded paths from scanners: forget idle ones
			for k, v := range s.inflight {
				if v.cur == 0 {
					delete(s.inflight, k)
				}
			}
		}
		st = &pathStat{}
		s.inflight[path] = st
	}
	st.cur++
	st.count++
	st.peak = max(st.peak, st.cur)
	s.all.cur++
	s.all.count++
	s.all.peak = max(s.all.peak, s.all.cur)
}

func (s *Server) leave(path string) {
	s.obsMu.Lock()
	defer s.obsMu.Unlock()
	if st := s.inflight[path]; st != nil {
		st.cur--
	}
	s.all.cur--
}

func authScheme(r *http.Request) string {
	h := r.Header.Get("Authorization")
	switch {
	case h == "":
		return "none"
	case hasPrefixFold(h, "basic "):
		return "basic"
	case hasPrefixFold(h, "bearer "):
		return "bearer"
	}
	return "other"
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func logParams(p url.Values) url.Values {
	out := url.Values{}
	for k, v := range p {
		if !sensitiveParams[k] {
			out[k] = append([]string(nil), v...)
		}
	}
	return out
}
