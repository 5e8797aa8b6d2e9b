// Package sonarsim is an in-memory, concurrency-safe HTTP server that answers
// the part of the SonarQube Web API that sonartoken uses (user tokens, users,
// projects, settings, authentication) the way a real SonarQube server does:
// same paths, methods, parameters, JSON shapes, error messages and status
// codes, switched per server version profile (8.9, 9.9, 10.6, 2025.1), and
// deployed as real servers are: in a time zone, below a context path, as
// one of the editions.
//
// It is the test oracle, the demo back end and the benchmark target of the
// project. It imports nothing from the rest of sonartoken on purpose.
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
	// Version is the server version profile: "8.9", "9.9", "10.6" (default)
	// or "2025.1". A full version string such as "9.9.8.100196" also works.
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
	// MaxTokenLifetime is the sonar.auth.token.max.allowed.lifetime setting:
	// "", "30 days", "90 days", "1 year" or "No expiration". When non-empty
	// it is enforced (9.9+ profiles only). Only the enterprise and
	// datacenter editions have it: Validate refuses it on the others.
	MaxTokenLifetime string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Empty disables seeding: only the admin user and its console token exist.
	Empty bool
	// AllowAnonymous turns sonar.forceAuthentication off: requests without
	// credentials run as the anonymous user instead of getting an empty 401.
	AllowAnonymous bool
	// WithoutUsersSearch makes api/users/search answer as if removed, as a
	// future server (it is deprecated since 10.4) or a proxy blocking it
	// would: 404 "Unknown url : /api/users/search", like any unknown URL.
	// RemoveLegacyUsersSearch does the same on a running server.
	WithoutUsersSearch bool
	// StatsEndpoint serves GET /_sim/stats (under the context path): what
	// the server counted since the last reset, as JSON (see Stats), for
	// benchmarks that count on the server. With ?reset=1 the counts restart
	// after the answer. Off by default: SonarQube has no such URL. The
	// endpoint is neither counted nor delayed by Latency.
	StatsEndpoint bool
	// TimeZone is the server JVM's time zone: every date the server answers
	// (createdAt, lastConnectionDate, expirationDate, the expiration
	// header...) is formatted with this zone's offset at that instant,
	// daylight saving included. nil means UTC.
	TimeZone *time.Location
	// ExpiryInServerZone stores an expiration date as 00:00 of the
	// requested day in TimeZone, as the 9.6-era code did, instead of 00:00
	// UTC (late 9.9 patches, 10.x, 2025.x). The minimum date and the max
	// lifetime are then checked in TimeZone too. No effect on 8.9, which
	// has no expiration.
	ExpiryInServerZone bool
	// ContextPath is sonar.web.context, for example "/sonarqube": every URL
	// is served below it, URL includes it and anything outside it answers
	// 404. "" (the default) serves from the root. See ValidContextPath.
	ContextPath string
	// Edition is "community", "developer", "enterprise" (default) or
	// "datacenter". MaxTokenLifetime needs enterprise or datacenter.
	Edition string
	// Cloud plays SonarQube Cloud instead of a Server version (Version
	// must then be empty): the login parameter of api/user_tokens/* is
	// ignored (every call acts on the caller's own tokens), generate
	// ignores type and projectKey and takes expirationDate as YYYY-MM-DD
	// or a full date-time, search reports no type or project, Bearer and
	// Basic both authenticate, and a token unused for 60 days (counted
	// from its creation when never used) is gone at the next request, by
	// the server's clock (see Advance).
	Cloud bool
	// RefuseNewTokens makes the server refuse every token generated
	// through api/user_tokens/generate from now on (401, as an unknown
	// token), as a server whose new tokens do not work: tokens seeded or
	// issued with IssueToken still authenticate. SetRefuseNewTokens
	// switches it on a running server.
	RefuseNewTokens bool
}

// Server is a SonarQube-compatible HTTP server. All methods are safe for
// concurrent use.
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

// New builds a server from opts and seeds it. It panics if opts.Validate
// refuses opts.
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

// Handler returns the full API as an http.Handler, usable with
// httptest.NewServer.
func (s *Server) Handler() http.Handler { return s.handler }

// Start listens on addr (for example "127.0.0.1:0") and serves in the
// background. It returns the base URL, such as "http://127.0.0.1:41234",
// or "http://127.0.0.1:41234/sonarqube" with Options.ContextPath.
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

// Close stops the listener started by Start, drops open connections and
// releases requests held by a hang fault. It is safe to call more than once.
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

// Restart simulates a server restart: the listener started by Start is
// closed with all its connections, and after down the server listens again
// on the same address. State is kept, as a real server keeps its database.
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

// URL returns the base URL of the listener started by Start, or "".
func (s *Server) URL() string {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	return s.url
}

// Version returns the full version string, for example "10.6.0.92116".
func (s *Server) Version() string { return s.prof.full }

// AdminLogin returns the login of the seeded administrator, "admin".
func (s *Server) AdminLogin() string { return adminLogin }

// AdminToken returns the plaintext value of the administrator's user token
// named "sonartoken-console". It is known only because the seeder made it.
func (s *Server) AdminToken() string { return s.adminToken }

// RemoveLegacyUsersSearch makes api/users/search answer from now on as if
// the server had removed it: 404 {"errors":[{"msg":"Unknown url :
// /api/users/search"}]}, like any unknown URL. API v2's
// users-management/users is untouched (it exists from the 10.6 profile).
func (s *Server) RemoveLegacyUsersSearch() { s.usersSearchGone.Store(true) }

// Advance moves the server's clock d ahead (behind when negative), from
// now on and for good: the dates it answers, what expires and, with
// Options.Cloud, the tokens unused for 60 days.
func (s *Server) Advance(d time.Duration) { s.clockOffset.Add(int64(d)) }

// Now is the server's clock: Options.Now (time.Now when nil) moved by
// Advance.
func (s *Server) Now() time.Time { return s.now() }

// SetRefuseNewTokens switches Options.RefuseNewTokens on a running
// server: when on, every token generated through api/user_tokens/generate
// (before or after the call) is refused with an empty 401.
func (s *Server) SetRefuseNewTokens(on bool) { s.refuseNew.Store(on) }

// Cloud reports whether the server plays SonarQube Cloud.
func (s *Server) Cloud() bool { return s.opts.Cloud }

// SetLatency changes the delay added to each request from now on.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// serve is the entry point of every request.
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

	// A request is logged before its handler applies it (see dispatch),
	// and every answer is captured and its status logged before a byte of
	// it reaches the client: whoever sees a request's effect, through the
	// answer or through another request, finds it in Requests().
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

// abortConnection closes the client connection without an answer.
func abortConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// recorder captures the status and optionally the body of a response.
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

// flushTo sends the captured answer to the client.
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

// waitOrClosed blocks until ctx ends or the server is closed.
func (s *Server) waitOrClosed(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-s.closing:
	}
}
