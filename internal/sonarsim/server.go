// Package sonarsim answers the part of the SonarQube Web API sonartoken uses as a
// real server does, per version, zone, context path and edition. As the test oracle
// it imports nothing from the rest of sonartoken.
package sonarsim

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server. The zero value is a populated 10.6 server.
type Options struct {
	// Version is a profile ("8.9", "9.9", "10.6" default, "2025.1") or a full version string.
	Version string
	// Seed makes seeding and the error-rate draws deterministic.
	Seed int64
	// Users is the number of seeded users besides admin (default 12).
	Users int
	// Projects is the number of seeded projects (default 6).
	Projects int
	// Tokens is the total number of seeded tokens, admin's included (default 40).
	Tokens int
	// TokenUserRatio is the fraction of non-admin users owning tokens (default 0.3).
	TokenUserRatio float64
	// Latency is added to every request, each request delayed on its own.
	Latency time.Duration
	// MaxTokenLifetime is the setting's value (Enterprise and Data Center, 9.9+).
	MaxTokenLifetime string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Empty disables seeding: only the admin user and its console token exist.
	Empty bool
	// AllowAnonymous turns sonar.forceAuthentication off.
	AllowAnonymous bool
	// WithoutUsersSearch answers api/users/search with 404 as if removed.
	WithoutUsersSearch bool
	// StatsEndpoint serves GET /_sim/stats for benchmarks that count on the
	// server; off by default, as SonarQube has no such URL.
	StatsEndpoint bool
	// TimeZone is the JVM's zone every answered date is formatted in; nil means UTC.
	TimeZone *time.Location
	// ExpiryInServerZone stores expirations at midnight in TimeZone, as 9.6-era code did.
	ExpiryInServerZone bool
	// ContextPath is sonar.web.context, e.g. "/sonarqube"; "" serves from the root.
	ContextPath string
	// Edition is "community", "developer", "enterprise" (default) or "datacenter".
	Edition string
	// Cloud plays SonarQube Cloud (Version empty): login ignored, no types or
	// projects, and tokens unused for 60 days gone at the next request.
	Cloud bool
	// RefuseNewTokens answers 401 to tokens generated through the API.
	RefuseNewTokens bool
}

// Server is a SonarQube-compatible HTTP server, safe for concurrent use.
type Server struct {
	opts    Options
	prof    profile
	now     func() time.Time
	handler http.Handler

	mu         sync.RWMutex // guards st
	st         *state
	adminToken string

	latency atomic.Int64 // time.Duration

	usersSearchGone atomic.Bool // api/users/search answers 404
	refuseNew       atomic.Bool // tokens generated through the API answer 401

	clockOffset atomic.Int64 // time.Duration added to opts.Now (Advance)
	purgeAt     time.Time    // Cloud: no token is due for removal before (guarded by mu)

	faultMu   sync.Mutex // guards the fields below
	errorRate float64
	rng       *rand.Rand
	drops     []dropRule
	faults    []*faultRule

	obsMu    sync.Mutex // guards the observability fields below
	log      []Request
	logSeqs  []uint64 // logSeqs[i] is the sequence number of log[i]
	logSeq   uint64   // the last sequence number handed out
	logNext  int
	logFull  bool
	inflight map[string]*pathStat
	all      pathStat // every path together

	srvMu    sync.Mutex // guards the listener fields below
	srv      *http.Server
	addr     string
	url      string
	closing  chan struct{} // closed by Close; releases hanging requests
	closeOne sync.Once
}

// New builds and seeds a server; it panics when opts.Validate refuses opts.
func New(opts Options) *Server {
	if err := opts.Validate(); err != nil {
		panic(err)
	}
	prof, _ := lookupProfile(opts.Version)
	if opts.Cloud {
		prof = cloudProfile
	}
	s := &Server{
		opts:     opts,
		prof:     prof,
		st:       newState(),
		rng:      rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eed5eed)),
		inflight: map[string]*pathStat{},
		closing:  make(chan struct{}),
	}
	base := opts.Now
	if base == nil {
		base = time.Now
	}
	s.now = func() time.Time { return base().Add(time.Duration(s.clockOffset.Load())) }
	s.latency.Store(int64(opts.Latency))
	s.refuseNew.Store(opts.RefuseNewTokens)
	s.usersSearchGone.Store(opts.WithoutUsersSearch)
	s.seed()
	s.handler = http.HandlerFunc(s.serve)
	if ctx := s.contextPath(); ctx != "" {
		s.handler = underContext(ctx, s.handler)
	}
	return s
}

// Handler returns the API as an http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Start serves on addr in the background and returns the base URL.
func (s *Server) Start(addr string) (string, error) {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	if s.srv != nil {
		return "", errors.New("sonarsim: already started")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	s.serveOn(ln)
	return s.url, nil
}

func (s *Server) serveOn(ln net.Listener) {
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	s.srv = srv
	s.addr = ln.Addr().String()
	s.url = "http://" + s.addr + s.contextPath()
	go func() { _ = srv.Serve(ln) }()
}

// Close stops the listener, drops connections and releases hung requests; safe to repeat.
func (s *Server) Close() error {
	s.closeOne.Do(func() { close(s.closing) })
	s.srvMu.Lock()
	srv := s.srv
	s.srv = nil
	s.srvMu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Close()
}

// Restart drops every connection and listens again after down, keeping state.
func (s *Server) Restart(down time.Duration) error {
	s.srvMu.Lock()
	if s.srv == nil {
		s.srvMu.Unlock()
		return errors.New("sonarsim: not started")
	}
	_ = s.srv.Close()
	s.srv = nil
	addr := s.addr
	s.srvMu.Unlock()

	time.Sleep(down)

	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	if s.srv != nil {
		return errors.New("sonarsim: started again during the restart")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.serveOn(ln)
	return nil
}

// Version returns the full version string, for example "10.6.0.92116".
func (s *Server) Version() string { return s.prof.full }

// AdminLogin returns the login of the seeded administrator, "admin".
func (s *Server) AdminLogin() string { return adminLogin }

// AdminToken returns the seeded admin token's value, known only because the seeder made it.
func (s *Server) AdminToken() string { return s.adminToken }

// RemoveLegacyUsersSearch makes api/users/search answer 404 from now on.
func (s *Server) RemoveLegacyUsersSearch() { s.usersSearchGone.Store(true) }

// Advance moves the server's clock by d for good.
func (s *Server) Advance(d time.Duration) { s.clockOffset.Add(int64(d)) }

// Now is the server's clock.
func (s *Server) Now() time.Time { return s.now() }

// SetRefuseNewTokens switches Options.RefuseNewTokens on a running server.
func (s *Server) SetRefuseNewTokens(on bool) { s.refuseNew.Store(on) }

// SetLatency changes the delay added to each request from now on.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if s.opts.StatsEndpoint && path == StatsPath {
		s.serveStats(w, r)
		return
	}
	s.enter(path)
	defer s.leave(path)

	if d := time.Duration(s.latency.Load()); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		case <-s.closing:
			t.Stop()
			return
		}
	}

	// Logged before the handler applies it and answered only after the status
	// is logged, so whoever sees an effect finds it in Requests().
	rec := &recorder{ResponseWriter: w, capture: true}
	entry := Request{Method: r.Method, Path: path, Auth: authScheme(r)}
	var ref logRef
	logged := false
	logNow := func() { ref, logged = s.record(entry), true }
	handled, finish := s.preFault(rec, r, &entry)
	if !handled {
		drop := s.takeDrop(path)
		if drop {
			entry.Dropped = true
			rec.discard = true
		}
		post := s.postFault(path)
		if post != nil && !drop {
			entry.Fault = post.Kind.String()
		}
		s.dispatch(rec, r, &entry, logNow)
		switch {
		case drop:
			finish = func() { abortConnection(w) }
		case post != nil:
			finish = func() { s.applyPostFault(w, rec) }
		}
	}
	if finish == nil {
		finish = func() { rec.flushTo(w) }
	}
	if logged {
		s.finish(ref, rec.status)
	} else {
		entry.Status = rec.status
		s.record(entry)
	}
	finish()
}

func abortConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

type recorder struct {
	http.ResponseWriter
	status  int
	discard bool // write nothing to the client (dropped response)
	capture bool // keep the body in buf instead of sending it
	buf     []byte
	hdr     http.Header
}

func (r *recorder) Header() http.Header {
	if r.discard || r.capture {
		if r.hdr == nil {
			r.hdr = http.Header{}
		}
		return r.hdr
	}
	return r.ResponseWriter.Header()
}

func (r *recorder) WriteHeader(code int) {
	if r.status != 0 {
		return
	}
	r.status = code
	if !r.discard && !r.capture {
		r.ResponseWriter.WriteHeader(code)
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	switch {
	case r.discard:
		return len(b), nil
	case r.capture:
		r.buf = append(r.buf, b...)
		return len(b), nil
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) flushTo(w http.ResponseWriter) {
	if r.status == 0 && len(r.buf) == 0 {
		return
	}
	for k, v := range r.hdr {
		w.Header()[k] = v
	}
	status := r.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(r.buf)
}

func (s *Server) waitOrClosed(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-s.closing:
	}
}
